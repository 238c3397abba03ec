/**
 * For `npm run bench`: the DynamoDB and SES calls on the critical path of one request to each route, counted by a
 * middleware on the real SDK clients, and the in-process time of one submission against dynalite.
 */
import { performance } from 'node:perf_hooks';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SesMailer } from '../../src/lambda/adapters/ses-mailer.ts';
import { Table } from '../../src/lambda/adapters/table.ts';
import type { AwsOutside, Base } from '../../src/lambda/backend.ts';
import { type Backend, functions } from '../../src/lambda/functions/index.ts';
import { systemClock } from '../../src/lambda/ports.ts';
import { localCredentials, localRegion } from '../../src/local/running-stack.ts';
import { siteConfig } from '../../src/site-config.ts';
import { submissionBody } from '../fixtures/answers.ts';
import { testSettings } from '../helpers/backend.ts';
import { apiEvent, jsonPost, memoryLog } from '../helpers/events.ts';

/** Builds the backend on real SDK clients that record each call's operation name. */
function countingBackend(endpoints: { dynamoEndpoint: string; sesEndpoint: string; tableName: string }) {
  const calls: string[] = [];
  const count =
    (service: string) => (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      calls.push(`${service} ${(context.commandName ?? '?').replace(/Command$/, '')}`);
      return next(args);
    };
  const local = { region: localRegion, credentials: localCredentials };
  const dynamo = new DynamoDBClient({ ...local, endpoint: endpoints.dynamoEndpoint });
  dynamo.middlewareStack.add(count('DynamoDB') as never, { step: 'initialize', name: 'countCalls' });
  const ses = new SESv2Client({ ...local, endpoint: endpoints.sesEndpoint });
  ses.middlewareStack.add(count('SES') as never, { step: 'initialize', name: 'countCalls' });
  const settings = { ...testSettings, TABLE_NAME: endpoints.tableName, MIN_COMPLETION_SECONDS: 0, SUBMISSIONS_PER_IP_PER_HOUR: 100_000 };
  const table = new Table(DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }), {
    tableName: endpoints.tableName,
    clock: systemClock,
    retentionDays: 30,
  });
  const base: Base = { settings, site: siteConfig, clock: systemClock, log: memoryLog() };
  const aws: AwsOutside = { table, settings, region: localRegion, credentials: localCredentials };
  const mailer = new SesMailer(ses);
  // Each function as its entry file builds it, on clients that count their calls.
  const backend = Object.fromEntries(
    Object.entries(functions).map(([name, definition]) => [name, definition.build(base, { ...definition.aws(aws), mailer } as never)]),
  ) as Backend;
  return { backend, calls };
}

/** Prints, per route, the calls one request makes (all awaited before it answers), and the in-process submission time. */
export async function reportCalls(endpoints: { dynamoEndpoint: string; sesEndpoint: string; tableName: string }) {
  const { backend, calls } = countingBackend(endpoints);
  const measure = async (route: string, request: () => Promise<{ statusCode?: number; body?: string }>) => {
    calls.length = 0;
    const response = await request();
    const summary = Object.entries(Object.groupBy(calls, (c) => c)).map(([name, list]) => `${name} ×${list?.length}`);
    const dynamo = calls.filter((c) => c.startsWith('DynamoDB')).length;
    const ses = calls.length - dynamo;
    console.log(`| ${route} | ${response.statusCode} | ${dynamo} | ${ses} | ${summary.join(', ')} |`);
    return response;
  };
  console.log('| request | status | DynamoDB calls | SES calls | which |\n| --- | --- | --- | --- | --- |');
  await measure('POST /api/submissions (no contact details)', () => backend.submissions(jsonPost('/api/submissions', submissionBody())));
  const contact = { name: 'Bench', email: `bench-${Date.now()}@example.com`, company: 'Bench Ltd', consent: true };
  const withContact = submissionBody({ contact });
  const stored = await measure('POST /api/submissions (with contact and consent)', () =>
    backend.submissions(jsonPost('/api/submissions', withContact)),
  );
  await measure('POST /api/submissions (a repeat of the same)', () => backend.submissions(jsonPost('/api/submissions', withContact)));
  const { token } = JSON.parse(stored.body ?? '{}') as { token: string };
  await measure('GET /api/results/{token}', () =>
    backend.results({ ...apiEvent({ method: 'GET', path: `/api/results/${token}` }), pathParameters: { token } }),
  );
  const bare = JSON.parse((await backend.submissions(jsonPost('/api/submissions', submissionBody()))).body ?? '{}') as { token: string };
  await measure('POST /api/results/{token}/contact', () =>
    backend['results-contact']({
      ...jsonPost(`/api/results/${bare.token}/contact`, { ...contact, email: `later-${Date.now()}@example.com` }),
      pathParameters: { token: bare.token },
    }),
  );
  await measure('GET /api/unsubscribe', () =>
    backend.unsubscribe(apiEvent({ method: 'GET', path: '/api/unsubscribe', query: { t: token } })),
  );
  await measure('POST /api/unsubscribe', () =>
    backend.unsubscribe(apiEvent({ method: 'POST', path: '/api/unsubscribe', query: { t: token } })),
  );
  await measure('POST /api/contact', () =>
    backend.contact(jsonPost('/api/contact', { name: 'Bench', email: 'bench@example.com', message: `Calls ${Date.now()}` })),
  );
  await measure('sweep (nothing due)', async () => ({ statusCode: 200, body: JSON.stringify(await backend.sweep()) }));

  // In-process time of one whole submission (validate, score, the SDK calls, dynalite answering in this process).
  const times = async (body: () => unknown, runs: number) => {
    const list: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const started = performance.now();
      await backend.submissions(jsonPost('/api/submissions', body()));
      list.push(performance.now() - started);
    }
    list.sort((a, b) => a - b);
    return { p50: list[Math.floor(runs / 2)] ?? 0, p90: list[Math.floor(runs * 0.9)] ?? 0 };
  };
  await times(() => submissionBody(), 200); // warm-up
  const plain = await times(() => submissionBody(), 300);
  const emailed = await times(() => submissionBody({ contact: { ...contact, email: `bench-${Math.random()}@example.com` } }), 100);
  console.log(
    `\nOne submission in process against dynalite: ${plain.p50.toFixed(1)} ms median (p90 ${plain.p90.toFixed(1)} ms) without contact details; ` +
      `${emailed.p50.toFixed(1)} ms median (p90 ${emailed.p90.toFixed(1)} ms) with them, both emails sent before it answers.`,
  );
}
