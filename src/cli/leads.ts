/**
 * `npm run leads -- <command>`: the consultancy's own view of its leads, run with the operator's credentials, so
 * there is no web admin to attack. Against the running `npm start` stack by default, or a deployed stage.
 */
import { writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { assessment } from '../assessment.ts';
import { submissionEmails } from '../lambda/email/submission-emails.ts';
import { failedItems, retryItem } from '../lambda/owner/failed-items.ts';
import { funnelBetween, funnelByVersion, lastDays } from '../lambda/owner/funnel-report.ts';
import { leadsByPerson, type PersonLead } from '../lambda/owner/leads.ts';
import { erasePerson, exportPerson, linkedAttempts, personRecords } from '../lambda/owner/people.ts';
import type { StoredSubmission } from '../lambda/records.ts';
import { siteConfig } from '../site-config.ts';
import { openOwnerStores, type Target, UsageError } from './connect.ts';
import { complain, describeMessage, describeSubmission, exportRows, inert, say, shortTime, sourceOf, table, toCsv } from './format.ts';
import { smokeTest } from './smoke.ts';

const WHERE = `Where:
  --local            the running \`npm start\` stack (the default; its LOCAL_DATA_DIR, or .local/dynamodb)
  --stage <name>     a deployed stage (infra/stages/<name>.json), with your own AWS credentials
  --profile <name>   the AWS profile to use with --stage`;

const HELP: Record<string, string> = {
  '': `npm run leads -- <command> [options]

Commands:
  list                     recent leads (people who left their details), newest first
  export [--out <file>]    every submission (or with --messages, every contact message) as a CSV spreadsheet
  show <id | email>        everything stored about one submission, or about one person
  person export <email>    a subject-access export: everything stored about a person, as JSON
  person erase <email>     delete a person's submissions, messages and pending emails
  funnel [--days 7]        how many opened, started, reached each question, finished, left their details
  emails --failed          emails that gave up after their last attempt
  emails retry <email-id>  send a failed email again, through the outbox
  smoke                    take a test assessment through the site and check both emails go out, then erase it

Run \`npm run leads -- <command> --help\` for a command's options.

${WHERE}`,
  list: `npm run leads -- list [--since YYYY-MM-DD] [--grade A,B] [--all-attempts] [--json] [--limit N]

Recent leads, the people who left their details, as a table (date, grade, overall score, name, company, email,
attempts, source), newest first: one row per person's latest attempt, a retake ("Take it again") standing for the
attempts before it. Answers left without details are counted below the table, not listed as leads.
  --since <date>     only those on or after this date (UTC)
  --all-attempts     every attempt on its own row, those without details too
  --grade <grades>   only these grades, comma-separated (an unknown grade is said)
  --with-contact     with --all-attempts: only attempts that left contact details
  --json             the records as JSON lines, for scripts
  --limit <n>        at most n (default 50)

${WHERE}`,
  export: `npm run leads -- export [--format csv] [--out <file>] [--since YYYY-MM-DD] [--grade A,B] [--with-contact]
npm run leads -- export --messages [--out <file>] [--since YYYY-MM-DD]

Every submission as a CSV file (UTF-8, a header row, RFC 4180 quoting), to --out or else to stdout (redirect it with
\`npm run -s leads -- export > leads.csv\`: -s keeps npm's own lines out of the file): its results link
(which opens the answers: keep the file private), the attempt it retakes, contact, grade, every score, each
qualifying answer and answer, consent, source and the state of each email. With --messages, every contact message
instead. Every cell is quoted, and any part of a cell that a spreadsheet would run as a formula (at its start, on
a line of its own, or after a ; or tab) starts with an apostrophe, so it is shown as text.

${WHERE}`,
  show: `npm run leads -- show <submission-id | email>

Everything stored about one submission (with its emails, and the attempts linked to it by retakes, with the address
they left), or about every submission and message of one person: each attempt that left their address, and every
attempt linked to those by a retake ("Take it again") that left none.

${WHERE}`,
  person: `npm run leads -- person export <email> [--out <file>]
npm run leads -- person erase <email> [--yes]

export  everything stored about a person, as JSON (to the terminal, or a file with --out)
erase   deletes their submissions and messages with all their emails, so their results links answer 404 and
        nothing more is sent; keeps only their unsubscribe entry, if any. Asks first, unless --yes.

${WHERE}`,
  funnel: `npm run leads -- funnel [--days 7] [--json]

The assessment's funnel over the last N days (UTC), per assessment version: views, starts, each question reached
(with the drop from the one before), completions, results reopened, contact details given, follow-ups sent,
unsubscribes and clicks to talk; then the same by entry (campaign tags, or the article that sent the visitor).
Counts only: the site keeps nothing that tells one visitor from another.

${WHERE}`,
  emails: `npm run leads -- emails --failed
npm run leads -- emails retry <email-id>

--failed  the emails and webhook events the outbox gave up on, with why, and the id to retry each
retry     puts a failed one back in the outbox; the sweep sends it within minutes (30 s locally), once

${WHERE}`,
  smoke: `npm run leads -- smoke [--stage <name>]

Takes a test assessment through the site's public address as a visitor would (through CloudFront and the WAF),
leaving contact details with an address of SES's mailbox simulator (it receives in the sandbox too, and never
bounces), then waits up to 90 s until the outbox says the results email and the lead email (to the consultancy's
inbox: it says "Smoke Test") were handed to SES, and erases what the test stored. Exits 1 if anything failed.

${WHERE}`,
};

/** The options of a command line, by name. */
type Values = Record<string, string | boolean | undefined>;

/** Reads the options every command takes, and its own; an unknown option is an error that names it. */
function options(args: string[], own: ParseArgsOptionsConfig = {}): { values: Values; positionals: string[] } {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...own,
      help: { type: 'boolean' },
      local: { type: 'boolean' },
      stage: { type: 'string' },
      profile: { type: 'string' },
    },
  });
  return { values: values as Values, positionals };
}

function targetOf(values: Values): Target {
  if (typeof values.stage === 'string') {
    return { local: false, stage: values.stage, ...(typeof values.profile === 'string' && { profile: values.profile }) };
  }
  return { local: true };
}

function dateOption(value: unknown): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(`${String(value)}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(String(value)) || Number.isNaN(date.getTime())) {
    throw new UsageError(`--since ${String(value)} is not a date: write it as YYYY-MM-DD, e.g. 2026-11-01.`);
  }
  return date;
}

/** The submissions a listing or export asks for. */
async function selected(values: Values) {
  const stores = await openOwnerStores(targetOf(values));
  const all = await stores.submissions.newest({ since: dateOption(values.since) });
  return { stores, all, submissions: all.filter((s) => wantedLead(values, s.grade.grade, s.contact)) };
}

/** Whether a lead passes `--grade` and `--with-contact`. */
function wantedLead(values: Values, grade: string, contact: StoredSubmission['contact']): boolean {
  const grades = gradesOf(values);
  return (!grades || grades.includes(grade)) && (!values['with-contact'] || contact !== undefined);
}

async function list(args: string[]) {
  const { values } = options(args, {
    since: { type: 'string' },
    grade: { type: 'string' },
    'with-contact': { type: 'boolean' },
    'all-attempts': { type: 'boolean' },
    json: { type: 'boolean' },
    limit: { type: 'string' },
  });
  if (values.help) return say(HELP.list);
  const limit = Number(values.limit ?? 50);
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError(`--limit ${values.limit} is not a number of rows: give a whole number from 1.`);
  gradesOf(values);
  const everyAttempt = values['all-attempts'] === true;
  const stores = await openOwnerStores(targetOf(values));
  // Leads are people who left their details; answers without them are counted apart (or listed with --all-attempts).
  const rowsOf = (read: StoredSubmission[]): PersonLead[] =>
    everyAttempt
      ? read.map((s) => ({ latest: s, contact: s.contact, attempts: [s] }))
      : leadsByPerson(read).filter((person) => person.contact !== undefined);
  const matches = (rows: PersonLead[]) => rows.filter((l) => wantedLead(values, l.latest.grade.grade, l.contact));
  // Newest first, a page at a time, until one row more than the limit matches: never every record in range.
  const all: StoredSubmission[] = [];
  let cut = false;
  for await (const page of stores.submissions.newestPages({ since: dateOption(values.since) })) {
    all.push(...page);
    if (matches(rowsOf(all)).length > limit) {
      cut = true;
      break;
    }
  }
  const people = leadsByPerson(all);
  const anonymous = people.filter((person) => person.contact === undefined).length;
  const matching = matches(rowsOf(all));
  const shown = matching.slice(0, limit);
  if (values.json) {
    for (const lead of shown)
      say(JSON.stringify({ ...lead.latest, ...(lead.contact && { contact: lead.contact }), attempts: lead.attempts.length }));
    return;
  }
  const noun = (n: number) => (everyAttempt ? `submission${n === 1 ? '' : 's'}` : `lead${n === 1 ? '' : 's'}`);
  const apart = !everyAttempt && anonymous ? ` ${anonymous} answered without leaving details (\`--all-attempts\` lists them).` : '';
  if (shown.length === 0) return say(`No ${noun(0)} match.${apart}`);
  const rows = shown.map(({ latest: s, contact, attempts }) => [
    shortTime(s.createdAt),
    s.grade.grade,
    s.result.percent === null ? '-' : `${s.result.percent}%`,
    contact?.name ?? '',
    contact?.company ?? '',
    contact?.email ?? '',
    String(attempts.length),
    sourceOf(s),
  ]);
  say(table(['date (UTC)', 'grade', 'overall', 'name', 'company', 'email', 'attempts', 'source'], rows));
  const attempts = shown.reduce((n, l) => n + l.attempts.length, 0);
  const oldest = shown.at(-1)?.latest.createdAt.slice(0, 10) ?? '';
  const count = cut
    ? `Showing the newest ${shown.length} ${noun(shown.length)}, back to ${oldest}; more are stored (raise --limit, or narrow with --since)`
    : `${shown.length} ${noun(shown.length)}`;
  say(`\n${count}${attempts > shown.length ? ` (${attempts} attempts)` : ''};${cut ? '' : apart} \`show <email>\` for one person.`);
}

/** The grades `--grade` names, checked against the assessment's (an unknown one is said, never silently empty). */
function gradesOf(values: Values): string[] | undefined {
  if (typeof values.grade !== 'string') return undefined;
  const grades = values.grade.split(',').map((g) => g.trim().toUpperCase());
  const known = assessment.leadGrades.map((g) => g.grade);
  const unknown = grades.filter((g) => !known.includes(g));
  if (unknown.length) throw new UsageError(`There is no grade ${unknown.join(', ')}: the grades are ${known.join(', ')}.`);
  return grades;
}

async function exportCsv(args: string[]) {
  const { values } = options(args, {
    format: { type: 'string' },
    out: { type: 'string' },
    since: { type: 'string' },
    grade: { type: 'string' },
    'with-contact': { type: 'boolean' },
    messages: { type: 'boolean' },
  });
  if (values.help) return say(HELP.export);
  if ((values.format ?? 'csv') !== 'csv') throw new UsageError(`--format ${values.format} is not offered: use --format csv.`);
  const out = typeof values.out === 'string' ? values.out : undefined;
  if (values.messages) return exportMessages(values, out);
  const { stores, all, submissions } = await selected(values);
  const personOf = new Map(
    leadsByPerson(all).flatMap((person) =>
      person.attempts.map((s) => [s.id, { attempts: person.attempts.length, latest: s.id === person.latest.id }] as const),
    ),
  );
  const withEmails = [];
  for (const [i, submission] of submissions.entries()) {
    const emails = await stores.outbox.itemsOf({ type: 'submission', id: submission.id });
    withEmails.push({ submission, emails, ...(personOf.has(submission.id) && { person: personOf.get(submission.id) }) });
    if ((i + 1) % 50 === 0) process.stderr.write(`  ${i + 1} of ${submissions.length}…\n`);
  }
  writeCsv(
    toCsv(exportRows(assessment, withEmails, Object.keys(submissionEmails), stores.siteUrl)),
    out,
    plural(submissions.length, 'submission'),
  );
}

/**
 * Writes a CSV to a file, or without one to stdout: as it is when piped or redirected (`> leads.csv`), made inert when
 * it is the terminal itself.
 */
function writeCsv(csv: string, out: string | undefined, what: string) {
  if (out === undefined) {
    if (process.stdout.isTTY) say(csv);
    else process.stdout.write(csv);
    return;
  }
  writeFileSync(out, csv);
  say(`Wrote ${what} to ${out}.`);
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

async function exportMessages(values: Values, out: string | undefined) {
  const stores = await openOwnerStores(targetOf(values));
  const messages = await stores.messages.newest({ since: dateOption(values.since) });
  const rows = [];
  for (const message of messages) {
    const emails = await stores.outbox.itemsOf({ type: 'message', id: message.id });
    rows.push({
      received: message.createdAt,
      id: message.id,
      name: message.name,
      email: message.email,
      company: message.company ?? '',
      message: message.message,
      'contact-notification email': emails.find((e) => e.kind === 'contact-notification')?.state ?? '',
    });
  }
  writeCsv(toCsv(rows), out, plural(messages.length, 'message'));
}

async function show(args: string[]) {
  const { values, positionals } = options(args);
  if (values.help) return say(HELP.show);
  const what = positionals[0];
  if (!what) throw new UsageError('Name a submission id or an email address: show <id | email>');
  const stores = await openOwnerStores(targetOf(values));
  const emailsOf = (type: 'submission' | 'message', id: string) => stores.outbox.itemsOf({ type, id });
  if (what.includes('@')) {
    const { submissions, messages } = await personRecords(what, stores);
    if (submissions.length + messages.length === 0) return say(`Nothing is stored about ${what}.`);
    for (const submission of submissions)
      say(`${describeSubmission(assessment, submission, await emailsOf('submission', submission.id))}\n`);
    for (const message of messages) say(`${describeMessage(message, await emailsOf('message', message.id))}\n`);
    return;
  }
  const submission = await stores.submissions.get(what.toLowerCase());
  if (!submission) throw new UsageError(`No submission has the id ${what}. \`list\` shows the recent ones.`);
  say(describeSubmission(assessment, submission, await emailsOf('submission', submission.id)));
  // Whose it is: the attempts linked to it by retakes, and the address any of them left.
  const linked = await linkedAttempts([submission], stores);
  if (linked.length === 0) return;
  const chain = [submission, ...linked].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const addresses = [...new Set(chain.flatMap((s) => (s.contact ? [s.contact.email] : [])))];
  say(
    `\n  Linked by retakes (${chain.length} attempts, oldest first)${addresses.length ? `, left by ${addresses.join(', ')}` : ', none with contact details'}`,
  );
  for (const attempt of chain) {
    const mark = attempt.id === submission.id ? '  (this one)' : '';
    say(`    ${shortTime(attempt.createdAt)}  ${attempt.id}  ${attempt.contact ? attempt.contact.email : 'no details'}${mark}`);
  }
  if (addresses[0]) say(`  \`show ${addresses[0]}\` shows all of them.`);
}

async function person(args: string[]) {
  const { values, positionals } = options(args, { out: { type: 'string' }, yes: { type: 'boolean' } });
  const [action, address] = positionals;
  if (values.help || !action) return say(HELP.person);
  if (!address?.includes('@')) throw new UsageError(`Name the person by their email address: person ${action} <email>`);
  const stores = await openOwnerStores(targetOf(values));
  const now = stores.clock.now();
  if (action === 'export') {
    const exported = await exportPerson(address, stores, now, siteConfig.timeZone);
    const text = `${JSON.stringify(exported, null, 2)}\n`;
    if (typeof values.out === 'string') {
      writeFileSync(values.out, text);
      const { submissions, messages, emails } = exported;
      return say(`Wrote ${submissions.length} submissions, ${messages.length} messages and ${emails.length} emails to ${values.out}.`);
    }
    process.stdout.write(inert(text));
    return;
  }
  if (action !== 'erase') throw new UsageError(`Unknown person action "${action}": use person export <email> or person erase <email>.`);
  const { submissions, messages, addresses, othersLinked } = await personRecords(address, stores);
  if (submissions.length + messages.length === 0) return say(`Nothing is stored about ${address}; nothing to erase.`);
  // One inbox may be written several ways (case, +tags): every address matched is shown before anything is deleted.
  say(`${address} matched ${addresses.length === 1 ? 'this address' : `these ${addresses.length} addresses, as one inbox`}:`);
  for (const typed of addresses) say(`  ${typed}`);
  const linked = submissions.filter((s) => !s.contact).length;
  const what = [
    `${submissions.length} submission(s)${linked ? ` (${linked} left without details, linked to theirs by a retake)` : ''}`,
    `${messages.length} message(s)`,
    ...(othersLinked.length ? [`the copy of their result in ${othersLinked.length} retake(s) made from another address`] : []),
  ];
  if (!values.yes) {
    const prompt = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await prompt.question(
      `Erase ${what.join(', ')}, with their emails and webhook events? This cannot be undone. Type yes: `,
    );
    prompt.close();
    if (answer.trim().toLowerCase() !== 'yes') return say('Nothing was erased.');
  }
  const deleted = await erasePerson(address, stores, now, siteConfig.timeZone, (what) => say(`  deleted ${what}`));
  say(`Erased ${deleted.length} item${deleted.length === 1 ? '' : 's'} about ${address}. An unsubscribe entry, if any, is kept.`);
}

async function emails(args: string[]) {
  const { values, positionals } = options(args, { failed: { type: 'boolean' } });
  if (values.help || (!values.failed && positionals[0] !== 'retry')) return say(HELP.emails);
  const stores = await openOwnerStores(targetOf(values));
  if (positionals[0] === 'retry') {
    const id = positionals[1] ?? '';
    const retried = await retryItem(stores.outbox, id, stores.clock.now());
    if (retried === 'not-an-id')
      throw new UsageError('Name the email to retry by the id `emails --failed` shows, e.g. results-email:submission:<id>.');
    if (retried === 'not-failed')
      throw new UsageError(`${id} is not a failed email (it may be sent, pending or gone): nothing was changed.`);
    return say(`Queued ${id} again: the sweep sends it within minutes (30 s under npm start), once.`);
  }
  const failed = await failedItems(stores.outbox);
  if (failed.length === 0) return say('Nothing has failed: every email and webhook event was sent or is on its way.');
  const rows = failed.map((item) => [shortTime(item.failedAt), String(item.attempts), item.reason, item.id]);
  // The id is what `emails retry` takes: never cut.
  say(table(['failed at (UTC)', 'attempts', 'why', 'id'], rows, [16, 8, 72, Number.POSITIVE_INFINITY]));
}

async function funnel(args: string[]) {
  const { values } = options(args, { days: { type: 'string' }, json: { type: 'boolean' } });
  if (values.help) return say(HELP.funnel);
  const days = Number(values.days ?? 7);
  if (!Number.isInteger(days) || days < 1 || days > 400)
    throw new UsageError(`--days ${values.days} is not a number of days: give 1 to 400.`);
  const stores = await openOwnerStores(targetOf(values));
  // The backend's clock (moved or not under npm start), the one the digest reads: both report the same days.
  const { firstDay, lastDay } = lastDays(days, stores.clock.now());
  const counts = await funnelBetween(stores.funnel, firstDay, lastDay);
  if (values.json) {
    for (const count of counts) say(JSON.stringify(count));
    return;
  }
  const period = `${firstDay} to ${lastDay} (UTC)`;
  if (counts.length === 0) return say(`Nothing was counted from ${period}.`);
  const prompts = { version: assessment.version, questions: [...assessment.questions, ...assessment.qualifying].map((q) => q.prompt) };
  for (const { version, rows, mostStopped, entries, finishedUnseen } of funnelByVersion(counts, prompts)) {
    const share = (row: (typeof rows)[number]) =>
      row.question
        ? row.question.drop
          ? `-${row.question.drop}`
          : ''
        : row.ofViews === undefined
          ? ''
          : `${Math.round(row.ofViews * 100)}%`;
    say(`\nFunnel ${period}, assessment version ${version}\n`);
    say(
      table(
        ['step', 'count', 'of views / drop', 'question'],
        rows.map((row) => [row.label, String(row.count), share(row), row.question?.prompt ?? '']),
        60,
      ),
    );
    if (mostStopped) say(`\nMost stopped after question ${mostStopped.question} (${mostStopped.stopped} did not go on).`);
    if (finishedUnseen > 0) {
      say(
        `\n${finishedUnseen} more finished than started: answers sent to the API without the assessment page (a script, a bot, \`npm run seed\`), stored and counted as finished.`,
      );
    }
    say(`\nBy entry\n`);
    const entryRows = entries.map((e) => [e.entry, String(e.views), String(e.started), String(e.completed), String(e.contact)]);
    say(table(['entry', 'views', 'started', 'completed', 'contact'], entryRows, 48));
  }
}

async function smoke(args: string[]) {
  const { values } = options(args);
  if (values.help) return say(HELP.smoke);
  const stores = await openOwnerStores(targetOf(values));
  if (!(await smokeTest(stores, say))) process.exitCode = 1;
}

const commands: Record<string, (args: string[]) => Promise<void>> = { list, export: exportCsv, show, person, funnel, emails, smoke };

const [command = '', ...rest] = process.argv.slice(2);
try {
  const run = commands[command];
  if (!run) {
    say(HELP['']);
    if (command && command !== '--help' && command !== 'help') {
      complain(`\nUnknown command "${command}".`);
      process.exitCode = 2;
    }
  } else {
    await run(rest);
  }
} catch (error) {
  if (error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
    complain(error.message);
    process.exitCode = 2;
  } else if (error instanceof Error && /ECONNREFUSED/.test(`${error.message} ${String((error as { code?: string }).code)}`)) {
    complain('The local stack does not answer: it may have stopped. Start it with `npm start` in another terminal, then run this again.');
    process.exitCode = 1;
  } else {
    throw error;
  }
}
