import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Backend } from '../../../src/lambda/functions/index.ts';
import { apiRoutes, type FunctionName, scheduledFunctions } from '../../../src/lambda/routes.ts';
import { submissionBody } from '../../fixtures/answers.ts';
import { startAccessGuard } from '../../helpers/access-guard.ts';
import { realBackend } from '../../helpers/backend.ts';
import { apiEvent, jsonPost } from '../../helpers/events.ts';
import { ManualClock } from '../../helpers/fakes.ts';
import { createTestTable } from '../../helpers/stand-ins.ts';

const dynamoEndpoint = inject('dynamoEndpoint');
const sesEndpoint = inject('sesEndpoint');
const functions = [...apiRoutes, ...scheduledFunctions];
let tableName = '';
const guards = new Map<FunctionName, Awaited<ReturnType<typeof startAccessGuard>>>();

beforeAll(async () => {
  tableName = await createTestTable(dynamoEndpoint, 'access');
  for (const fn of functions) guards.set(fn.functionName, await startAccessGuard(dynamoEndpoint, fn.access));
});
afterAll(async () => {
  for (const guard of guards.values()) await guard.close();
});

describe('what each function may touch (routes.ts, granted by IAM in AWS)', () => {
  it('is enough for a whole journey, and nothing outside it is ever asked for', async () => {
    // Prepare: each function its own backend, reaching dynalite only through its own guard, on one clock.
    const clock = new ManualClock(new Date());
    const as = <N extends FunctionName>(name: N): Backend[N] =>
      realBackend({ dynamoEndpoint: guards.get(name)?.endpoint ?? '', sesEndpoint, tableName, clock }).backend[name];
    const email = `access-${randomUUID().slice(0, 8)}@example.com`;

    // Act: a visitor's journey, a contact message, an unsubscribe, and the sweeps that follow.
    const submitted = await as('submissions')(jsonPost('/api/submissions', submissionBody()));
    const { token } = JSON.parse(submitted.body ?? '{}');
    const shown = await as('results')({ ...apiEvent({ method: 'GET', path: `/api/results/${token}` }), pathParameters: { token } });
    const left = await as('results-contact')({
      ...jsonPost(`/api/results/${token}/contact`, { name: 'Ada', email, consent: true }),
      pathParameters: { token },
    });
    const repeat = await as('submissions')(
      jsonPost('/api/submissions', submissionBody({ contact: { name: 'Bo', email: `b-${email}`, consent: true } })),
    );
    const message = await as('contact')(jsonPost('/api/contact', { id: randomUUID(), name: 'Cy', email, message: 'Hello' }));
    clock.advance(3 * 86_400_000 + 60_000);
    const swept = await as('sweep')();
    const page = await as('unsubscribe')(apiEvent({ method: 'GET', path: '/api/unsubscribe', query: { t: token } }));
    const unsubscribed = await as('unsubscribe')(apiEvent({ method: 'POST', path: '/api/unsubscribe', query: { t: token } }));
    // Monday's digest, and one the sweep sends (as it does when the first attempt failed).
    const digest = await as('digest')();
    const { stores } = realBackend({ dynamoEndpoint, sesEndpoint, tableName, clock });
    const week = { type: 'week' as const, id: `${digest.week}-retried` };
    const report = await stores.reports.get(digest.week);
    if (!report) throw new Error(`The digest stored no report for ${digest.week}.`);
    await stores.reports.save({ ...report, id: week.id });
    await stores.outbox.enqueue({ kind: 'weekly-digest', owner: week }, clock.now());
    const sweptDigest = await as('sweep')();

    // Assess
    expect([submitted, shown, left, repeat, message, page, unsubscribed].map((r) => r.statusCode)).toEqual([
      201, 200, 200, 201, 201, 200, 200,
    ]);
    expect(swept).toMatchObject({ sent: 2, failed: 0 });
    expect(digest.outcome).toBe('sent');
    expect(sweptDigest).toMatchObject({ sent: 1, failed: 0 });
    expect(Object.fromEntries([...guards].map(([name, guard]) => [name, guard.denied]))).toEqual(
      Object.fromEntries(functions.map((fn) => [fn.functionName, []])),
    );
  });

  it('is enforced: a function that reached for another kind of item would be refused', async () => {
    const clock = new ManualClock(new Date());
    const results = realBackend({ dynamoEndpoint: guards.get('results')?.endpoint ?? '', sesEndpoint, tableName, clock }).backend;
    const response = await results.submissions(jsonPost('/api/submissions', submissionBody()));
    expect(response.statusCode).toBe(500);
    expect(guards.get('results')?.denied.length).toBeGreaterThan(0);
    guards.get('results')?.denied.splice(0);
  });
});
