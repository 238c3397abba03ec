import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { strongLead, submissionBody } from '../../fixtures/answers.ts';
import { realBackend, TEST_PERSON_KEY } from '../../helpers/backend.ts';
import { apiEvent, jsonPost } from '../../helpers/events.ts';
import { ManualClock } from '../../helpers/fakes.ts';
import { type InboxEmail, readInbox } from '../../helpers/inbox.ts';
import { runLeads } from '../../helpers/leads.ts';
import { createTestTable } from '../../helpers/stand-ins.ts';

const dynamoEndpoint = inject('dynamoEndpoint');
const sesEndpoint = inject('sesEndpoint');
const dataDir = mkdtempSync(join(tmpdir(), 'leads-cli-'));
let tableName = '';
let system: ReturnType<typeof realBackend>;

/** Runs `npm run leads -- <args>` against the test table (found the way the local stack says). */
const leads = (...args: string[]) => runLeads(dataDir, ...args);
const leadsIn = runLeads;

const stamp = randomUUID().slice(0, 6);
const ada = `ada-${stamp}@example.com`;
const bo = `bo-${stamp}@example.com`;

beforeAll(async () => {
  tableName = await createTestTable(dynamoEndpoint, 'leads');
  // The state file a running local stack writes, pointing at this test's table.
  writeFileSync(join(dataDir, 'stack.json'), JSON.stringify({ dynamoEndpoint, tableName, personKey: TEST_PERSON_KEY }));
  system = realBackend({ dynamoEndpoint, sesEndpoint, tableName });
  const { backend } = system;
  await backend.submissions(
    jsonPost(
      '/api/submissions',
      submissionBody({ contact: { name: 'Ada, "the Countess"', email: ada, company: '=HYPERLINK("http://evil.example")', consent: true } }),
    ),
  );
  system.clock.advance(60_000);
  await backend.submissions(
    jsonPost('/api/submissions', submissionBody({ qualifying: {}, contact: { name: 'Bo Weak', email: bo, consent: false } })),
  );
  system.clock.advance(60_000);
  await backend.submissions(jsonPost('/api/submissions', submissionBody({ qualifying: strongLead })));
  await backend.contact(jsonPost('/api/contact', { name: 'Ada', email: ada.replace('@', '+x@'), message: 'Line one\nLine, "two"' }));
}, 60_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm run leads', () => {
  it('lists recent submissions newest first as a table, and filters by grade and contact', async () => {
    const all = await leads('list');
    expect(all.code).toBe(0);
    expect(all.out).toMatch(/date \(UTC\)\s+grade\s+overall\s+name\s+company\s+email\s+attempts\s+source/);
    expect(all.out).toContain(ada);
    // Leads are the people who left their details; the answers without them are counted apart.
    expect(all.out).toContain('2 leads; 1 answered without leaving details');
    const [newest] = all.out.split('\n').slice(2);
    expect(newest).toContain(bo);
    const every = await leads('list', '--all-attempts');
    expect(every.out.split('\n')[2]).not.toContain('@'); // the last one stored, without contact details
    expect((await leads('list', '--limit', '1')).out).toMatch(
      /Showing the newest 1 lead, back to \d{4}-\d\d-\d\d; more are stored \(raise --limit/,
    );
    expect((await leads('list', '--grade', 'Z')).err).toContain('There is no grade Z: the grades are A, B, C.');
    const withContact = await leads('list', '--with-contact', '--json');
    expect(
      withContact.out
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).contact.email)
        .sort(),
    ).toEqual([ada, bo].sort());
    const gradeA = await leads('list', '--grade', 'a', '--with-contact');
    expect(gradeA.out).toContain(ada);
    expect(gradeA.out).not.toContain(bo);
  });

  it('exports a CSV that a CSV parser reads back: quoting kept, formulas neutralised, every column there', async () => {
    const file = join(dataDir, 'leads.csv');
    expect((await leads('export', '--format', 'csv', '--out', file)).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(text, { columns: true, bom: true }) as Record<string, string>[];
    const row = rows.find((r) => r.email === ada);
    expect(row).toMatchObject({
      name: 'Ada, "the Countess"',
      company: `'=HYPERLINK("http://evil.example")`,
      'lead grade': 'A',
      "person's attempts": '1',
      "person's latest": 'yes',
      'consent given': 'yes',
      utm_source: 'newsletter',
      'results-email email': 'sent',
      'follow-up email': 'pending',
      'Which systems are involved?': 'CRM; Finance or accounting',
    });
    expect(Number(row?.['overall %'])).toBeGreaterThan(0);
    expect(Object.keys(row ?? {})).toContain('Ownership and go-live %');
    const messages = join(dataDir, 'messages.csv');
    await leads('export', '--messages', '--out', messages);
    const [message] = parseCsv(readFileSync(messages, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(message?.message).toBe('Line one\nLine, "two"');
  });

  it('shows everything about one person, found through the keyed index, whatever form of their address', async () => {
    const shown = await leads('show', ada.toUpperCase().replace('@', '+NEWS@'));
    expect(shown.out).toContain('Ada, "the Countess"');
    expect(shown.out).toContain('Line, "two"');
    expect(shown.out).toMatch(/results-email\s+sent/);
  });

  it('erases a person: nothing about them exported after, their link answers 404, their follow-up is never sent', async () => {
    // Prepare
    const [submission] = (await leads('list', '--json', '--with-contact')).out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((s) => s.contact.email === ada);
    const token = `${submission.id}.${submission.secret}`;
    const before = (await readInbox(sesEndpoint, (e: InboxEmail) => e.destination.to.includes(ada))).length;
    // A week on, the digest of the week lists them.
    system.clock.advance(7 * 86_400_000);
    const { week } = await system.backend.digest();
    expect((await system.stores.reports.get(week))?.leads.map((lead) => lead.email).sort()).toEqual([ada, bo].sort());
    expect(JSON.parse((await leads('person', 'export', ada)).out).weeklyDigests).toEqual([
      { week, lead: expect.objectContaining({ email: ada }) },
    ]);
    // Act
    const erased = await leads('person', 'erase', ada, '--yes');
    // Assess
    expect(erased.code).toBe(0);
    // Every address matched as their inbox is named before anything is deleted.
    expect(erased.out).toContain(`${ada} matched these 2 addresses, as one inbox:\n  ${ada.replace('@', '+x@')}\n  ${ada}\n`);
    expect(erased.out).toMatch(/deleted submission .*follow-up \(pending\)/);
    expect(erased.out).toContain(`their line in the weekly digest of ${week}`);
    expect((await system.stores.reports.get(week))?.leads.map((lead) => lead.email)).toEqual([bo]);
    expect(erased.out).toMatch(/Erased \d+ items/);
    const exported = JSON.parse((await leads('person', 'export', ada)).out);
    expect(exported).toMatchObject({ submissions: [], messages: [], emails: [], weeklyDigests: [] });
    const page = await system.backend.results({ ...apiEvent({ method: 'GET', path: `/api/results/${token}` }), pathParameters: { token } });
    expect(page.statusCode).toBe(404);
    system.clock.advance(4 * 86_400_000);
    await system.backend.sweep();
    expect((await readInbox(sesEndpoint, (e: InboxEmail) => e.destination.to.includes(ada))).length).toBe(before);
    expect((await leads('list', '--with-contact')).out).not.toContain(ada);
  });

  it('lists failed emails and sends one again once', async () => {
    const email = `fails-${stamp}@example.com`;
    const { backend, stores } = system;
    const body = submissionBody({ contact: { name: 'Fay', email, consent: false } });
    await backend.submissions(jsonPost('/api/submissions', body));
    const ref = { kind: 'results-email', owner: { type: 'submission' as const, id: body.submissionId } };
    // Mark it failed as the outbox would after its last attempt.
    await stores.outbox.enqueue({ kind: 'follow-up', owner: ref.owner }, new Date(0));
    const claimed = await stores.outbox.claim({ kind: 'follow-up', owner: ref.owner }, 'test', new Date(Date.now() + 60_000));
    await stores.outbox.finish({ kind: 'follow-up', owner: ref.owner }, claimed?.claimId ?? '', 'failed', 'MessageRejected: test');
    const failed = await leads('emails', '--failed');
    const id = `follow-up:submission:${body.submissionId}`;
    expect(failed.out).toContain(id);
    expect(failed.out).toContain('MessageRejected: test');
    expect((await leads('emails', 'retry', id)).code).toBe(0);
    const again = await leads('emails', 'retry', id);
    expect(again.code).toBe(2);
    expect(again.err).toContain('is not a failed email');
    expect((await leads('emails', '--failed')).out).not.toContain(id);
  });

  it('reports the funnel per version and entry, with the drop after each question', async () => {
    // A backend on today's clock: the report covers the last days up to today.
    const { backend } = realBackend({ dynamoEndpoint, sesEndpoint, tableName });
    const version = submissionBody().assessmentVersion;
    const beacon = (step: string, question?: number) =>
      backend.events(
        jsonPost('/api/events', {
          step,
          assessmentVersion: version,
          entry: 'article:the-hidden-cost-of-doing-it-manually',
          ...(question && { question }),
        }),
      );
    for (const visitor of [1, 2]) {
      await beacon('view');
      await beacon('start');
      for (let question = 1; question <= (visitor === 1 ? 24 : 5); question += 1) await beacon('question', question);
    }
    const counts = (await leads('funnel', '--days', '7', '--json')).out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((c) => c.entry === 'article:the-hidden-cost-of-doing-it-manually');
    expect(counts.find((c) => c.step === 'view')?.count).toBe(2);
    expect(counts.find((c) => c.step === 'question-5')?.count).toBe(2);
    expect(counts.find((c) => c.step === 'question-6')?.count).toBe(1);
    const report = (await leads('funnel')).out;
    expect(report).toContain(`assessment version ${version}`);
    expect(report).toMatch(/question 6\s+\d+\s+-1\s+Does the process work consistently/);
    expect(report).toContain('article:the-hidden-cost-of-doing-it-manually');
  });

  it('reads the clock the backend reads, and never shows a later question reached by more than an earlier one', async () => {
    // Prepare: a local stack whose clock was moved 40 days on, and its own table.
    const movedDir = mkdtempSync(join(tmpdir(), 'leads-clock-'));
    const movedTable = await createTestTable(dynamoEndpoint, 'clock');
    const offset = 40 * 86_400_000;
    writeFileSync(
      join(movedDir, 'stack.json'),
      JSON.stringify({ dynamoEndpoint, tableName: movedTable, personKey: TEST_PERSON_KEY, clockOffsetMs: offset }),
    );
    const { backend } = realBackend({
      dynamoEndpoint,
      sesEndpoint,
      tableName: movedTable,
      clock: new ManualClock(new Date(Date.now() + offset)),
    });
    const beacon = (step: string, question?: number) =>
      backend.events(
        jsonPost('/api/events', {
          step,
          assessmentVersion: submissionBody().assessmentVersion,
          entry: 'direct',
          ...(question && { question }),
        }),
      );
    // A visit begun before midnight is counted at questions 3 and 4 only, that day; another stopped at question 1.
    await beacon('question', 3);
    await beacon('question', 4);
    await beacon('start');
    await beacon('question', 1);
    try {
      // Act
      const report = (await leadsIn(movedDir, 'funnel', '--days', '1')).out;
      // Assess: the moved day is reported (the real date has nothing), reach never grows down the list.
      expect(report).toContain(`${new Date(Date.now() + offset).toISOString().slice(0, 10)} (UTC)`);
      // Whoever reached question 4 reached 1 to 3: at least one visitor each, never fewer than a later question.
      for (const n of [1, 2, 3, 4]) expect(report).toMatch(new RegExp(`question ${n}\\s+1\\s+[A-Z]`));
      expect(report).toMatch(/question 5\s+0\s+-1\s/);
      expect(report).not.toMatch(/--\d/);
      expect(report).toContain('Most stopped after question 4 (1 did not go on).');
    } finally {
      rmSync(movedDir, { recursive: true, force: true });
    }
  });

  it('lists one lead per person: a retake (even without details) and another attempt from the same inbox are one row, unless --all-attempts', async () => {
    const cy = `cy-${stamp}@example.com`;
    const first = JSON.parse(
      (await system.backend.submissions(jsonPost('/api/submissions', submissionBody({ contact: { name: 'Cy Retake', email: cy } }))))
        .body ?? '{}',
    );
    system.clock.advance(60_000);
    // The retake leaves no details; a third attempt comes from the same inbox, spelled differently.
    await system.backend.submissions(jsonPost('/api/submissions', submissionBody({ retakeOf: first.token })));
    system.clock.advance(60_000);
    await system.backend.submissions(
      jsonPost('/api/submissions', submissionBody({ contact: { name: 'Cy Retake', email: cy.replace('@', '+again@').toUpperCase() } })),
    );
    const mine = (out: string) => out.split('\n').filter((line) => line.toLowerCase().includes(`cy-${stamp}`));
    const listed = (await leads('list')).out;
    expect(mine(listed)).toHaveLength(1);
    expect(mine(listed)[0]).toMatch(/\s3\s/);
    expect(listed).toMatch(/\d+ leads \(\d+ attempts\)/);
    const every = (await leads('list', '--all-attempts')).out;
    expect(mine(every)).toHaveLength(2);
    expect(every).toMatch(/\d+ submissions/);
  });

  it('shows and exports the whole person: every attempt linked by a retake, whose a retake is, its link and what it retakes', async () => {
    // Prepare: Dee answers with details, then takes it again from her result without leaving them.
    const dee = `dee-${stamp}@example.com`;
    const send = async (body: Parameters<typeof submissionBody>[0]) =>
      JSON.parse((await system.backend.submissions(jsonPost('/api/submissions', submissionBody(body)))).body ?? '{}') as { token: string };
    const first = await send({ contact: { name: 'Dee', email: dee, consent: false } });
    system.clock.advance(60_000);
    const retake = await send({ retakeOf: first.token });
    const firstId = first.token.split('.')[0] ?? '';
    const retakeId = retake.token.split('.')[0] ?? '';
    // Act
    const shown = (await leads('show', dee)).out;
    const exported = JSON.parse((await leads('person', 'export', dee)).out);
    const one = (await leads('show', retakeId)).out;
    const csv = await leads('export', '--with-contact');
    const every = parseCsv((await leads('export')).out, { columns: true, bom: true }) as Record<string, string>[];
    // Assess
    expect(shown).toContain(`Submission ${firstId}`);
    expect(shown).toContain(`Submission ${retakeId}`);
    expect(shown).toContain(`Retake of      ${firstId}`);
    expect(exported.submissions.map((s: { id: string }) => s.id).sort()).toEqual([firstId, retakeId].sort());
    expect(one).toContain(`Retake of      ${firstId}`);
    expect(one).toMatch(new RegExp(`Linked by retakes \\(2 attempts, oldest first\\), left by ${dee}`));
    // Without --out, the CSV goes to stdout.
    expect(csv.code).toBe(0);
    expect(csv.out.split('\n')[0]).toContain('"results link","retake of"');
    const row = every.find((r) => r.id === retakeId);
    expect(row?.['retake of']).toBe(firstId);
    expect(row?.['results link']).toBe(`https://paradigmai.co/results/?t=${encodeURIComponent(retake.token)}`);
    expect(every.find((r) => r.id === firstId)?.['retake of']).toBe('');
  });

  it('prints what visitors typed inert: no escape sequence stored before inputs refused them reaches the terminal', async () => {
    // Prepare: a message and a funnel counter as an earlier version could have stored them.
    const eve = `eve-${stamp}@example.com`;
    const attack = 'Hi\u001b]0;pwned\u0007\r\u001b[1AGrade A\u009b31m';
    await system.stores.messages.save({
      id: randomUUID(),
      name: `Eve\u001b]52;c;eA==\u0007`,
      email: eve,
      message: `${attack}\n=HYPERLINK("http://evil.example")`,
      payloadHash: 'x',
      createdAt: new Date().toISOString(),
    });
    const day = new Date().toISOString().slice(0, 10);
    await system.stores.funnel.count({ day, assessmentVersion: '9\u001b]0;owned\u0007', entry: 'direct', step: 'view' });
    // Act
    const shown = await leads('show', eve);
    const funnel = await leads('funnel', '--days', '1');
    const file = join(dataDir, 'attack.csv');
    await leads('export', '--messages', '--out', file);
    // Assess
    for (const out of [shown.out, funnel.out]) expect(out).not.toMatch(/(?!\n)\p{Cc}/u);
    expect(shown.out).toContain('Hi␛]0;pwned␇␍␛[1AGrade A<U+009B>31m');
    expect(funnel.out).toContain('assessment version 9␛]0;owned␇');
    const text = readFileSync(file, 'utf8');
    for (const delimiter of [',', ';']) {
      const cells = (
        parseCsv(text.replace(/^\uFEFF/, ''), { delimiter, relax_quotes: true, relax_column_count: true }) as string[][]
      ).flat();
      expect(cells.filter((cell) => cell.split(/[\r\n;\t]/).some((part) => /^[=+\-@]/.test(part)))).toEqual([]);
    }
  });

  it('says what to do when the local stack is not running, for an unknown stage, and for a bad option', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'no-stack-'));
    const notRunning = (await leadsIn(elsewhere, 'list')).err;
    rmSync(elsewhere, { recursive: true, force: true });
    expect(notRunning).toContain('The local stack is not running');
    expect(notRunning).toContain('npm start');
    expect((await leads('list', '--stage', 'nowhere')).err).toContain(
      'Unknown stage "nowhere": there is no infra/stages/nowhere.json. Stages here: production.',
    );
    expect((await leads('list', '--since', 'yesterday')).err).toContain('write it as YYYY-MM-DD');
    const help = await leads('person', '--help');
    expect(help.out).toContain('person erase <email> [--yes]');
  });
});
