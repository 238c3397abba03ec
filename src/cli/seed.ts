/**
 * `npm run seed -- --count 200`: fills the running `npm start` stack with varied sample assessments, sent through
 * its real API, so the comparison with other respondents (and the funnel, the digest, `npm run leads`) can be seen
 * locally. The samples leave no contact details, so no email is sent.
 */
import { request } from 'node:http';
import { parseArgs } from 'node:util';
import { assessment } from '../assessment.ts';
import { RESPONDENTS_PER_NETWORK_PER_DAY } from '../lambda/comparison/compare.ts';
import { NOT_SURE } from '../quiz/score.ts';
import { runningSite, UsageError } from './connect.ts';
import { complain, say } from './format.ts';

const HELP = `npm run seed -- [--count 200]

Sends --count (1 to 5000) varied sample assessments to the running \`npm start\` stack (its LOCAL_DATA_DIR, or
.local/dynamodb) through its API, as visitors from different loopback addresses would: three from each, the most
one network adds to the comparison in a day. They leave no contact details: nothing is emailed. Then open the site's assessment to see how a result
compares with them (shown once benchmarkMinimum of content/site.json, 30 by default, have answered).`;

/** Submissions sent from one loopback address: as many as one network may add to the comparison in a day. */
const PER_ADDRESS = RESPONDENTS_PER_NETWORK_PER_DAY;
/** Requests in flight at once. */
const PARALLEL = 4;

/** A whole number from 0 to n - 1. */
const pick = (n: number) => Math.floor(Math.random() * n);

/**
 * One visitor's answers: an organisation's maturity, from weak to strong, sets which option of each question they
 * lean to, with some noise and the occasional "not sure", so the scores spread as real ones do.
 */
function sampleAnswers(): { answers: Record<string, string>; qualifying: Record<string, string | string[]> } {
  const maturity = Math.random();
  const answers: Record<string, string> = {};
  for (const question of assessment.questions) {
    if (question.allowNotSure && Math.random() < 0.06) {
      answers[question.id] = NOT_SURE;
      continue;
    }
    const options = [...question.options].sort((a, b) => a.points - b.points);
    const lean = maturity * (options.length - 1) + (Math.random() - 0.5) * 2;
    const index = Math.min(options.length - 1, Math.max(0, Math.round(lean)));
    answers[question.id] = options[index]?.id ?? '';
  }
  const qualifying: Record<string, string | string[]> = {};
  for (const question of assessment.qualifying) {
    const ids = question.options.map((o) => o.id);
    qualifying[question.id] = question.multiple ? ids.filter(() => Math.random() < 0.4) : (ids[pick(ids.length)] ?? '');
  }
  return { answers, qualifying };
}

/** Posts one JSON body from a given loopback address; resolves with the status. */
function post(url: URL, body: string, localAddress: string): Promise<{ status: number; text: string }> {
  return new Promise((done, fail) => {
    const req = request(
      url,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', fail);
    req.end(body);
  });
}

async function main() {
  const { values } = parseArgs({ options: { count: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) return say(HELP);
  const count = Number(values.count ?? 200);
  if (!Number.isInteger(count) || count < 1 || count > 5000)
    throw new UsageError(`--count ${values.count} is not a number from 1 to 5000.`);
  const stack = runningSite();
  const url = new URL('/api/submissions', stack.apiUrl);
  const sources = [{}, { utm_source: 'newsletter', utm_campaign: 'winter' }, { article: 'integration-is-not-a-technical-problem' }];
  let sent = 0;
  let next = 0;
  const refused: Record<number, number> = {};
  let firstRefusal = '';
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const { answers, qualifying } = sampleAnswers();
      const body = JSON.stringify({
        submissionId: crypto.randomUUID(),
        assessmentId: assessment.id,
        assessmentVersion: assessment.version,
        answers,
        qualifying,
        source: sources[i % sources.length],
      });
      // Linux routes all of 127.0.0.0/8 to loopback: 250 addresses a /24, as many /24s as needed.
      const address = Math.floor(i / PER_ADDRESS);
      const { status, text } = await post(url, body, `127.0.${Math.floor(address / 250)}.${2 + (address % 250)}`);
      if (status !== 201 && !firstRefusal) firstRefusal = text;
      if (status === 201) sent += 1;
      else refused[status] = (refused[status] ?? 0) + 1;
      if ((i + 1) % 50 === 0) process.stderr.write(`  ${i + 1} of ${count}…\n`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  say(`Stored ${sent} sample assessments through ${url.origin}.`);
  const refusals = Object.entries(refused).map(([status, n]) => `${n} answered ${status}`);
  if (refusals.length) say(`Not stored: ${refusals.join(', ')}. The first said: ${firstRefusal.slice(0, 300)}`);
  say(`Take the assessment at ${new URL('/assessment/', stack.siteUrl)} to see how a result compares with them.`);
}

try {
  await main();
} catch (error) {
  if (error instanceof UsageError) {
    complain(error.message);
    process.exit(2);
  }
  const cause = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (cause === 'ECONNREFUSED') {
    complain('The local stack is not answering: is `npm start` still running? Start it again, then run this again.');
    process.exit(1);
  }
  throw error;
}
