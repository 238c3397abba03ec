import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LeadDeps } from '../../../src/lambda/lead-emails.ts';
import { composeLeadEmail, FOLLOW_UP, LEAD_NOTIFICATION, RESULTS_EMAIL } from '../../../src/lambda/lead-emails.ts';
import { createResultsContactHandler, createResultsHandler } from '../../../src/lambda/results.ts';
import { createSubmissionsHandler } from '../../../src/lambda/submissions.ts';
import { createSweepHandler } from '../../../src/lambda/sweep.ts';
import { createUnsubscribeHandler } from '../../../src/lambda/unsubscribe.ts';
import { mixedAnswers, submissionBody } from '../../fixtures/answers.ts';
import { apiEvent, formPost, jsonPost } from '../../helpers/events.ts';
import { dynamoThrottling, sesUnavailable, startFaultProxy } from '../../helpers/fault-proxy.ts';
import { type InboxEmail, readInbox, waitForEmails } from '../../helpers/inbox.ts';
import { realLeadDeps } from '../../helpers/lead-deps.ts';
import { createTestTable } from '../../helpers/stand-ins.ts';

const dynamoEndpoint = inject('dynamoEndpoint');
const sesEndpoint = inject('sesEndpoint');
let tableName = '';
let dynamoProxy: Awaited<ReturnType<typeof startFaultProxy>>;
let sesProxy: Awaited<ReturnType<typeof startFaultProxy>>;

beforeAll(async () => {
  tableName = await createTestTable(dynamoEndpoint, 'submissions');
  dynamoProxy = await startFaultProxy(dynamoEndpoint);
  sesProxy = await startFaultProxy(sesEndpoint);
});
afterAll(async () => {
  await dynamoProxy.close();
  await sesProxy.close();
});

/** Handlers wired to the stand-ins through the fault proxies, with a clock the test moves. */
function system(overrides: Partial<LeadDeps> = {}) {
  const built = realLeadDeps({ dynamoEndpoint: dynamoProxy.endpoint, sesEndpoint: sesProxy.endpoint, tableName, overrides });
  const { deps } = built;
  const compose = composeLeadEmail(deps);
  return {
    ...built,
    submit: createSubmissionsHandler(deps),
    results: createResultsHandler(deps),
    attach: createResultsContactHandler(deps),
    unsubscribe: createUnsubscribeHandler(deps),
    sweep: createSweepHandler({ ...deps, composers: { [RESULTS_EMAIL]: compose, [LEAD_NOTIFICATION]: compose, [FOLLOW_UP]: compose } }),
  };
}

const to = (address: string) => (e: InboxEmail) => e.destination.to.includes(address) || e.replyTo.includes(address);
const newAddress = () => `visitor-${randomUUID().slice(0, 8)}@example.com`;
const parse = (body: string | undefined) => JSON.parse(body ?? '{}');

async function itemsOf(submissionId: string, doc: ReturnType<typeof system>['doc']) {
  const { Items = [] } = await doc.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `SUB#${submissionId}` },
    }),
  );
  return Items;
}

describe('POST /api/submissions', () => {
  it('stores one scored record, emails the visitor and the consultancy, and sends the follow-up only when due', async () => {
    // Prepare
    const s = system();
    const email = newAddress();
    const body = submissionBody({ contact: { name: 'Ada', email, company: 'Acme', consent: true } });
    // Act
    const response = await s.submit(jsonPost('/api/submissions', body));
    // Assess: the server's own score, a token, one record with the assessment version
    expect(response.statusCode).toBe(201);
    const answer = parse(response.body);
    expect(answer.result.assessmentVersion).toBe(body.assessmentVersion);
    expect(answer.result.percent).toBeGreaterThan(0);
    expect(answer.token).toMatch(new RegExp(`^${body.submissionId}\\.`));
    const items = await itemsOf(body.submissionId, s.doc);
    expect(items.filter((i) => i.sk === 'SUBMISSION')).toHaveLength(1);
    expect(items.find((i) => i.sk === 'SUBMISSION')?.contact.consent).toMatchObject({ given: true, textVersion: expect.any(String) });
    const emails = await waitForEmails(sesEndpoint, to(email), 2);
    expect(emails.map((e) => e.destination.to[0]).sort()).toEqual(['hello@paradigmai.co', email].sort());
    const lead = emails.find((e) => e.destination.to[0] === 'hello@paradigmai.co');
    expect(lead?.subject).toMatch(/^\[A\] Lead: Ada \(Acme\)/);
    expect(lead?.replyTo).toEqual([email]);
    expect(lead?.body.text).toContain('utm_source: newsletter');
    expect(lead?.body.text).toContain('Follow-up consent: Yes');

    // The follow-up is not due yet...
    await s.sweep();
    expect(await readInbox(sesEndpoint, to(email))).toHaveLength(2);
    // ...and is sent once, with its unsubscribe headers, when it falls due.
    s.clock.advance(3 * 86_400_000 + 1000);
    await s.sweep();
    await s.sweep();
    const followUps = (await readInbox(sesEndpoint, to(email))).filter((e) => e.headers?.some((h) => h.name === 'List-Unsubscribe'));
    expect(followUps).toHaveLength(1);
    expect(followUps[0]?.headers).toContainEqual({ name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' });
    expect(followUps[0]?.subject).toBe('Who owns it after go-live?');
    expect(followUps[0]?.body.html).toContain('/api/unsubscribe?t=');
  });

  it('queues no follow-up without consent', async () => {
    const s = system();
    const email = newAddress();
    const body = submissionBody({ contact: { name: 'Bo', email, consent: false } });
    await s.submit(jsonPost('/api/submissions', body));
    s.clock.advance(4 * 86_400_000);
    await s.sweep();
    expect(await waitForEmails(sesEndpoint, to(email), 3, 300)).toHaveLength(2);
    expect((await itemsOf(body.submissionId, s.doc)).map((i) => i.sk).sort()).toEqual([
      'EMAIL#lead-notification',
      'EMAIL#results-email',
      'SUBMISSION',
    ]);
  });

  it('creates one record and one set of emails when 20 copies arrive at once', async () => {
    const s = system();
    const email = newAddress();
    const body = submissionBody({ contact: { name: 'Cy', email, consent: false } });
    const responses = await Promise.all(Array.from({ length: 20 }, () => s.submit(jsonPost('/api/submissions', body))));
    expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(responses.every((r) => r.statusCode === 200 || r.statusCode === 201)).toBe(true);
    expect(new Set(responses.map((r) => parse(r.body).token)).size).toBe(1);
    await s.sweep();
    await waitForEmails(sesEndpoint, to(email), 3, 500);
    expect(await readInbox(sesEndpoint, to(email))).toHaveLength(2);
  });

  it('answers a repeat with the same result, and the same id with other answers with 409', async () => {
    const s = system();
    const body = submissionBody();
    const first = await s.submit(jsonPost('/api/submissions', body));
    const again = await s.submit(jsonPost('/api/submissions', body));
    expect(again.statusCode).toBe(200);
    expect(parse(again.body)).toEqual(parse(first.body));
    const other = await s.submit(jsonPost('/api/submissions', { ...body, answers: { ...mixedAnswers, 'outcome-written': 'no' } }));
    expect(other.statusCode).toBe(409);
  });

  it('scores on the server and ignores any score the client sends', async () => {
    const s = system();
    const response = await s.submit(jsonPost('/api/submissions', { ...submissionBody(), percent: 100 }));
    expect(response.statusCode).toBe(400);
    expect(parse(response.body).error.problems).toContainEqual({ field: 'percent', message: expect.stringContaining('not expected') });
  });

  it('still gives the visitor their results when SES is down, and delivers each email exactly once after it recovers', async () => {
    const s = system();
    const email = newAddress();
    const body = submissionBody({ contact: { name: 'Dee', email, consent: false } });
    sesProxy.failAlways(sesUnavailable);
    try {
      const response = await s.submit(jsonPost('/api/submissions', body));
      expect(response.statusCode).toBe(201);
      expect(parse(response.body).result.band).not.toBeNull();
      expect(sesProxy.state.faulted).toBeGreaterThan(2); // the SDK retried
    } finally {
      sesProxy.recover();
    }
    expect(await readInbox(sesEndpoint, to(email))).toHaveLength(0);
    const outbox = (await itemsOf(body.submissionId, s.doc)).filter((i) => i.sk.startsWith('EMAIL#'));
    expect(outbox.map((i) => i.state)).toEqual(['pending', 'pending']);
    s.clock.advance(10 * 60_000);
    await s.sweep();
    await s.sweep();
    expect(await waitForEmails(sesEndpoint, to(email), 3, 500)).toHaveLength(2);
  });

  it('answers 503 with Retry-After and sends nothing when DynamoDB keeps throttling', async () => {
    const s = system();
    const email = newAddress();
    dynamoProxy.failAlways(dynamoThrottling);
    try {
      const response = await s.submit(jsonPost('/api/submissions', submissionBody({ contact: { name: 'Eve', email, consent: true } })));
      expect(response.statusCode).toBe(503);
      expect(response.headers?.['retry-after']).toBe('5');
    } finally {
      dynamoProxy.recover();
    }
    expect(await readInbox(sesEndpoint, to(email))).toHaveLength(0);
  });

  it.each([
    ['an oversized body', () => jsonPost('/api/submissions', submissionBody({ source: { referrer: 'x'.repeat(17_000) } })), 413],
    ['malformed JSON', () => apiEvent({ path: '/api/submissions', body: '{"answers":', contentType: 'application/json' }), 400],
    ['answers of the wrong type', () => jsonPost('/api/submissions', submissionBody({ answers: ['plain'] })), 400],
    ['an unknown field', () => jsonPost('/api/submissions', submissionBody({ score: 99 })), 400],
    ['an unknown option', () => jsonPost('/api/submissions', submissionBody({ answers: { 'outcome-written': 'perfect' } })), 400],
    [
      'a line break in the name',
      () => jsonPost('/api/submissions', submissionBody({ contact: { name: 'A\r\nBcc: x@y.z', email: 'a@example.com' } })),
      400,
    ],
    [
      'a U+2028 in the company',
      () => jsonPost('/api/submissions', submissionBody({ contact: { name: 'A', company: 'X\u2028Y', email: 'a@example.com' } })),
      400,
    ],
  ])('refuses %s, storing nothing', async (_case, event, status) => {
    const s = system();
    const e = event();
    const response = await s.submit(e);
    expect(response.statusCode).toBe(status);
    const id = e.body?.startsWith('{"submissionId"') ? JSON.parse(e.body).submissionId : undefined;
    if (id) expect(await itemsOf(id, s.doc)).toEqual([]);
  });

  it('escapes <script> in the name and company in every email', async () => {
    const s = system();
    const email = newAddress();
    await s.submit(
      jsonPost(
        '/api/submissions',
        submissionBody({ contact: { name: '<script>alert(1)</script>', email, company: '<img src=x onerror=alert(1)>' } }),
      ),
    );
    const emails = await waitForEmails(sesEndpoint, to(email), 2);
    for (const e of emails) {
      expect(e.body.html).not.toMatch(/<script>|<img src=x/);
      expect(e.body.html).toContain('&lt;script&gt;');
    }
  });

  it('pretends success to a filled honeypot and to answers faster than a person could give, storing and sending nothing', async () => {
    const s = system();
    for (const extra of [{ website: 'https://spam.example' }, { elapsedMs: 3000 }]) {
      const email = newAddress();
      const body = submissionBody({ ...extra, contact: { name: 'Bot', email } });
      const response = await s.submit(jsonPost('/api/submissions', body));
      expect(response.statusCode).toBe(201);
      expect(parse(response.body).result.percent).toBeGreaterThan(0);
      expect(await itemsOf(body.submissionId, s.doc)).toEqual([]);
      expect(await readInbox(sesEndpoint, to(email))).toEqual([]);
    }
  });

  it('keeps answers that took a person long enough, whatever the device clock says', async () => {
    const s = system();
    const body = submissionBody({ elapsedMs: 25_000 });
    expect((await s.submit(jsonPost('/api/submissions', body))).statusCode).toBe(201);
    expect((await itemsOf(body.submissionId, s.doc)).map((i) => i.sk)).toEqual(['SUBMISSION']);
  });

  it('limits submissions per IP, answering 429 with Retry-After and keeping nothing of a refused one', async () => {
    const s = system({ submissionsPerIpPerHour: 2 });
    const from = (ip: string, body = submissionBody()) => ({
      ...jsonPost('/api/submissions', body),
      headers: { 'content-type': 'application/json', 'x-viewer-ip': ip },
    });
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    expect((await s.submit(from(ip))).statusCode).toBe(201);
    expect((await s.submit(from(ip))).statusCode).toBe(201);
    const refused = submissionBody();
    const limited = await s.submit(from(ip, refused));
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers?.['retry-after'])).toBeGreaterThan(0);
    expect(await itemsOf(refused.submissionId, s.doc)).toEqual([]);
    // With contact details: nothing stored, nothing queued, no email.
    const email = newAddress();
    const withContact = submissionBody({ contact: { name: 'Gil', email, consent: true } });
    expect((await s.submit(from(ip, withContact))).statusCode).toBe(429);
    expect(await itemsOf(withContact.submissionId, s.doc)).toEqual([]);
    // The limit is per viewer IP, whatever X-Forwarded-For claims.
    const spoofed = { ...from(ip), headers: { 'content-type': 'application/json', 'x-viewer-ip': ip, 'x-forwarded-for': '192.0.2.1' } };
    expect((await s.submit(spoofed)).statusCode).toBe(429);
    expect(await readInbox(sesEndpoint, to(email))).toHaveLength(0);
  });

  it('answers 503 and keeps nothing when the per-IP limit cannot be checked, even though the record was written', async () => {
    const s = system();
    const body = submissionBody();
    dynamoProxy.failAlways(dynamoThrottling, 'UpdateItem'); // the limit's counter; the record's PutItem goes through
    try {
      expect((await s.submit(jsonPost('/api/submissions', body))).statusCode).toBe(503);
    } finally {
      dynamoProxy.recover();
    }
    expect(await itemsOf(body.submissionId, s.doc)).toEqual([]);
    // The visitor's retry of the same submission is then stored as new.
    expect((await s.submit(jsonPost('/api/submissions', body))).statusCode).toBe(201);
  });

  it('never withdraws a record a repeat was answered from, and writes a withdrawn record again for its repeat', async () => {
    const s = system();
    const stored = {
      id: randomUUID(),
      secret: 'S'.repeat(32),
      assessmentId: 'integration-readiness',
      assessmentVersion: '1',
      answers: mixedAnswers,
      qualifying: {},
      result: { percent: 50 } as never,
      lead: { grade: 'B' } as never,
      source: {},
      payloadHash: 'hash',
      createdAt: new Date().toISOString(),
    };
    const expiry = new Date(Date.now() + 86_400_000);
    // A refused request withdraws its own record, unless a repeat was answered from it meanwhile.
    expect(await s.store.saveSubmission(stored, expiry, new Date())).toEqual({ created: true });
    expect(await s.store.withdrawSubmission(stored.id, 'W'.repeat(32))).toBe(false); // not its secret
    expect(await s.store.withdrawSubmission(stored.id, stored.secret)).toBe(true);
    expect(await itemsOf(stored.id, s.doc)).toEqual([]);
    // The repeat that finds it gone writes it again, and once a repeat has been answered it stays.
    expect(await s.store.saveSubmission(stored, expiry, new Date())).toEqual({ created: true });
    const repeat = await s.store.saveSubmission({ ...stored, secret: 'R'.repeat(32) }, expiry, new Date());
    expect(repeat).toMatchObject({ created: false, existing: { id: stored.id, secret: stored.secret } });
    expect(await s.store.withdrawSubmission(stored.id, stored.secret)).toBe(false);
    expect((await itemsOf(stored.id, s.doc)).map((i) => i.sk)).toEqual(['SUBMISSION']);
  });

  it('sends at most one results email per address per hour', async () => {
    const s = system();
    const email = newAddress();
    await s.submit(jsonPost('/api/submissions', submissionBody({ contact: { name: 'Flo', email } })));
    await s.submit(jsonPost('/api/submissions', submissionBody({ contact: { name: 'Flo', email } })));
    const emails = await waitForEmails(sesEndpoint, to(email), 5, 500);
    expect(emails.filter((e) => e.destination.to[0] === email)).toHaveLength(1);
    expect(emails.filter((e) => e.destination.to[0] === 'hello@paradigmai.co')).toHaveLength(2); // no lead is lost
  });

  it('answers a plain HTML form with a 303 to the results page', async () => {
    const s = system();
    const fields: Record<string, string> = {
      assessmentId: 'integration-readiness',
      assessmentVersion: submissionBody().assessmentVersion,
      'answers.outcome-written': 'plain',
      'answers.outcome-measure': 'target',
      'qualifying.systems': 'crm',
      website: '',
    };
    const response = await s.submit(formPost('/api/submissions', fields));
    expect(response.statusCode).toBe(303);
    const location = String(response.headers?.location ?? '');
    expect(location).toMatch(/^\/api\/results\/[0-9a-f]{32}\.[\w-]{32}$/);
    const token = decodeURIComponent(location.split('/').at(-1) ?? '');
    const page = await s.results({
      ...apiEvent({ method: 'GET', path: location, headers: { accept: 'text/html' } }),
      pathParameters: { token },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Your result');
    expect(page.body).toContain('action="/api/results/');
  });
});

describe('GET /api/results/{token}', () => {
  it('returns the stored result without contact data, and 404 for a wrong secret or once expired', async () => {
    const s = system();
    const email = newAddress();
    const { token } = parse((await s.submit(jsonPost('/api/submissions', submissionBody({ contact: { name: 'Gus', email } })))).body);
    const get = (t: string) => s.results({ ...apiEvent({ method: 'GET', path: `/api/results/${t}` }), pathParameters: { token: t } });
    const found = await get(token);
    expect(found.statusCode).toBe(200);
    expect(found.body).not.toContain(email);
    expect(parse(found.body)).toMatchObject({ token, contactGiven: true });
    expect((await get(`${token.slice(0, -1)}A`)).statusCode).toBe(404);
    s.clock.advance(31 * 86_400_000);
    expect((await get(token)).statusCode).toBe(404);
  });
});

describe('POST /api/results/{token}/contact', () => {
  it('attaches contact once, emails the results and the lead, and treats a repeat as done', async () => {
    const s = system();
    const email = newAddress();
    const { token } = parse((await s.submit(jsonPost('/api/submissions', submissionBody()))).body);
    const attach = (body: unknown) => s.attach({ ...jsonPost(`/api/results/${token}/contact`, body), pathParameters: { token } });
    const first = await attach({ name: 'Hal', email, consent: true });
    expect(first.statusCode).toBe(200);
    expect(parse(first.body).emailed).toBe(true);
    expect((await attach({ name: 'Hal', email, consent: true })).statusCode).toBe(200);
    expect((await attach({ name: 'Hal', email: newAddress() })).statusCode).toBe(409);
    expect(await waitForEmails(sesEndpoint, to(email), 3, 500)).toHaveLength(2);
  });
});

describe('/api/unsubscribe', () => {
  it('shows a button on GET, unsubscribes on a one-click POST, and the follow-up is then skipped', async () => {
    const s = system();
    const email = newAddress();
    const { token } = parse(
      (await s.submit(jsonPost('/api/submissions', submissionBody({ contact: { name: 'Ivy', email, consent: true } })))).body,
    );
    const event = (method: string, body?: string) => ({
      ...apiEvent({
        method,
        path: '/api/unsubscribe',
        query: { t: token },
        ...(body ? { body, contentType: 'application/x-www-form-urlencoded' } : {}),
      }),
    });
    const shown = await s.unsubscribe(event('GET'));
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('<form method="post"');
    expect((await s.unsubscribe(event('POST', 'List-Unsubscribe=One-Click'))).statusCode).toBe(200);
    expect((await s.unsubscribe(event('POST', 'List-Unsubscribe=One-Click'))).statusCode).toBe(200);
    s.clock.advance(4 * 86_400_000);
    await s.sweep();
    const emails = await waitForEmails(sesEndpoint, to(email), 3, 500);
    expect(emails.some((e) => e.headers?.some((h) => h.name === 'List-Unsubscribe'))).toBe(false);
    expect(s.log.entries.some((e) => e.message === 'email skipped' && e.extra[0]?.reason === 'the address unsubscribed')).toBe(true);
  });
});
