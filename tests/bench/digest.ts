/**
 * The weekly digest's run time and memory with 1,000 and 10,000 answers stored in its week (5 % with contact
 * details, 2 % retakes), each run in a fresh process from the function's own bundle, against dynalite. Part of
 * `npm run bench`; alone: `tsx tests/bench/digest.ts`.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createTable } from '../../src/lambda/adapters/table.ts';
import { lastWeek } from '../../src/lambda/owner/week.ts';
import { DynamoPersonIndex } from '../../src/lambda/people/person-index.ts';
import type { StoredSubmission } from '../../src/lambda/records.ts';
import { DynamoSubmissions } from '../../src/lambda/submissions/dynamo-submissions.ts';
import { localCredentials, localRegion } from '../../src/local/running-stack.ts';
import { siteConfig } from '../../src/site-config.ts';
import { submissionBody } from '../fixtures/answers.ts';
import { realBackend, TEST_PERSON_KEY } from '../helpers/backend.ts';
import { bundleFunction } from '../helpers/bundle.ts';
import { jsonPost } from '../helpers/events.ts';
import { repoRoot } from '../helpers/processes.ts';
import { createTestTable, startStandIns } from '../helpers/stand-ins.ts';

/** How many times the digest is run at each size (the median is reported: these cores are shared). */
const RUNS = 3;
const SIZES = [1_000, 10_000];

/** Stores `count` answers spread over last week, cloned from one real stored submission. */
async function seedWeek(table: ReturnType<typeof createTable>, template: StoredSubmission, count: number): Promise<void> {
  const submissions = new DynamoSubmissions(table, new DynamoPersonIndex(table, TEST_PERSON_KEY));
  const week = lastWeek(new Date(), siteConfig.timeZone);
  const span = week.to.getTime() - week.from.getTime();
  const { contact: _, previous: __, ...anonymous } = template;
  let next = 0;
  let lastId = '';
  const one = async (i: number) => {
    const createdAt = new Date(week.from.getTime() + Math.floor((span * (i + 0.5)) / count)).toISOString();
    const record: StoredSubmission = { ...anonymous, id: randomUUID(), createdAt };
    if (i % 20 === 0) {
      const email = `lead-${i}@example.com`;
      record.contact = { name: `Lead ${i}`, email, at: createdAt, consent: { given: false, textVersion: '1', at: createdAt } };
    } else if (i % 50 === 1 && lastId) {
      record.previous = { id: lastId, at: createdAt, overall: template.result.percent, categories: {} };
    }
    lastId = record.id;
    await submissions.save(record);
  };
  const workers = Array.from({ length: 16 }, async () => {
    for (let i = next++; i < count; i = next++) await one(i);
  });
  await Promise.all(workers);
}

/** Runs the digest's bundle once in a fresh process; its time, its peak memory and what it reported. */
function runDigest(file: string, env: Record<string, string | undefined>): Promise<{ ms: number; maxRssMb: number }> {
  // Peak memory is sampled every 10 ms: the kernel's own maximum (ru_maxrss) is carried over from the parent
  // process at exec, and the parent here holds dynalite's data.
  const script = `let peak=0;const sample=()=>{peak=Math.max(peak,process.memoryUsage.rss());};setInterval(sample,10).unref();const m=await import(${JSON.stringify(file)});const t=performance.now();const r=await m.handler();const ms=performance.now()-t;sample();console.log(JSON.stringify({ms,maxRssMb:peak/1048576,run:r}));`;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: repoRoot, env });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.on('exit', () => {
      const line = text.trim().split('\n').at(-1) ?? '';
      if (!line.startsWith('{')) return fail(new Error(`the digest failed:\n${text}`));
      const { ms, maxRssMb } = JSON.parse(line) as { ms: number; maxRssMb: number };
      done({ ms, maxRssMb });
    });
  });
}

/** Prints the digest's figures at each size. */
export async function benchDigest(): Promise<void> {
  const standIns = await startStandIns();
  try {
    const { file } = await bundleFunction('src/lambda/handlers/digest.ts');
    console.log(`Median of ${RUNS} runs, each in a fresh process (its report deleted between runs, so each computes it).`);
    console.log('| answers in the week | with details | run time | peak memory (RSS) |\n| --- | --- | --- | --- |');
    for (const size of SIZES) {
      const tableName = await createTestTable(standIns.dynamoEndpoint, `digest${size}`);
      const common = { dynamoEndpoint: standIns.dynamoEndpoint, sesEndpoint: standIns.sesEndpoint, tableName };
      const { backend, stores } = realBackend(common);
      const body = submissionBody({ contact: { name: 'Template', email: 'template@example.com', consent: false } });
      await backend.submissions(jsonPost('/api/submissions', body));
      const template = await stores.submissions.get(body.submissionId);
      if (!template) throw new Error('the template submission was not stored');
      const table = createTable({
        tableName,
        endpoint: standIns.dynamoEndpoint,
        region: localRegion,
        credentials: localCredentials,
        clock: { now: () => new Date() },
        retentionDays: 30,
      });
      await seedWeek(table, template, size);
      const env = {
        ...process.env,
        AWS_REGION: localRegion,
        AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
        TABLE_NAME: tableName,
        SITE_URL: 'https://paradigmai.co',
        SENDER_ADDRESS: 'hello@paradigmai.co',
        LEAD_RECIPIENT: 'hello@paradigmai.co',
        RETENTION_DAYS: '30',
        FOLLOW_UP_DELAY_DAYS: '3',
        LOG_LEVEL: 'ERROR',
        DYNAMODB_ENDPOINT: standIns.dynamoEndpoint,
        SES_ENDPOINT: standIns.sesEndpoint,
      };
      const week = lastWeek(new Date(), siteConfig.timeZone).name;
      const runs = [];
      for (let run = 0; run < RUNS; run += 1) {
        await table.delete({ pk: `DIGEST#${week}`, sk: 'REPORT' });
        await table.delete({ pk: `DIGEST#${week}`, sk: 'weekly-digest' });
        runs.push(await runDigest(file, env));
      }
      runs.sort((a, b) => a.ms - b.ms);
      const median = runs[Math.floor(RUNS / 2)];
      const peak = Math.max(...runs.map((r) => r.maxRssMb));
      console.log(`| ${size.toLocaleString('en')} | ${size / 20} | ${((median?.ms ?? 0) / 1000).toFixed(2)} s | ${peak.toFixed(0)} MB |`);
    }
    console.log('\nThe digest function has 512 MB (infra/constructs/site-function.ts) and 1 minute (infra/constructs/weekly-digest.ts).');
  } finally {
    await standIns.stop();
  }
}

if (import.meta.main) await benchDigest();
