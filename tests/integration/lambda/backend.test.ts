import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { emailKinds } from '../../../src/lambda/email/registry.ts';
import type { ItemOwner } from '../../../src/lambda/records.ts';
import { submissionBody } from '../../fixtures/answers.ts';
import { realBackend } from '../../helpers/backend.ts';
import { jsonPost } from '../../helpers/events.ts';
import { ManualClock } from '../../helpers/fakes.ts';
import { dynamoThrottling, sesUnavailable, startFaultProxy } from '../../helpers/fault-proxy.ts';
import { type InboxEmail, readInbox, waitForEmails } from '../../helpers/inbox.ts';
import { createTestTable } from '../../helpers/stand-ins.ts';

/**
 * The backend through the real AWS SDK against dynalite and aws-ses-v2-local, with fault-injecting proxies in
 * front: what only the real adapters can show (conditional writes under concurrency, the SDK's retries, throttling,
 * the emails as SES receives them). The logic itself is tested on fakes in tests/unit/lambda.
 */
const dynamoEndpoint = inject('dynamoEndpoint');
const sesEndpoint = inject('sesEndpoint');
let tableName = '';
let dynamoProxy: Awaited<ReturnType<typeof startFaultProxy>>;
let sesProxy: Awaited<ReturnType<typeof startFaultProxy>>;

beforeAll(async () => {
  tableName = await createTestTable(dynamoEndpoint, 'backend');
  dynamoProxy = await startFaultProxy(dynamoEndpoint);
  sesProxy = await startFaultProxy(sesEndpoint);
});
afterAll(async () => {
  await dynamoProxy.close();
  await sesProxy.close();
});

const system = () =>
  realBackend({ dynamoEndpoint: dynamoProxy.endpoint, sesEndpoint: sesProxy.endpoint, tableName, inspectEndpoint: dynamoEndpoint });
const to = (address: string) => (e: InboxEmail) => e.destination.to.includes(address) || e.replyTo.includes(address);
const newAddress = () => `visitor-${randomUUID().slice(0, 8)}@example.com`;
const parse = (body: string | undefined) => JSON.parse(body ?? '{}');

/** The state of each outbox email of a record, by kind (absent kinds left out). */
async function emailStates(stores: ReturnType<typeof system>['stores'], owner: ItemOwner): Promise<Record<string, string>> {
  const kinds = Object.keys(emailKinds);
  const emails = await Promise.all(kinds.map((kind) => stores.outbox.get({ kind, owner })));
  return Object.fromEntries(kinds.flatMap((kind, i) => (emails[i] ? [[kind, emails[i].state]] : [])));
}
const submission = (id: string): ItemOwner => ({ type: 'submission', id });

describe('an assessment with contact details, through the real SDK', () => {
  it('stores the record with its outbox, emails the visitor and the consultancy, and the follow-up once when due', async () => {
    // Prepare
    const { backend, clock, stores } = system();
    const email = newAddress();
    const body = submissionBody({ contact: { name: 'Ada', email, company: 'Acme', consent: true } });
    // Act
    const response = await backend.submissions(jsonPost('/api/submissions', body));
    // Assess
    expect(response.statusCode).toBe(201);
    expect(await emailStates(stores, submission(body.submissionId))).toEqual({
      'results-email': 'sent',
      'lead-notification': 'sent',
      'follow-up': 'pending',
    });
    expect((await stores.submissions.get(body.submissionId))?.result.percent).toBe(parse(response.body).result.percent);
    const emails = await waitForEmails(sesEndpoint, to(email), 2);
    expect(emails.map((e) => e.destination.to[0]).sort()).toEqual(['hello@paradigmai.co', email].sort());
    const lead = emails.find((e) => e.destination.to[0] === 'hello@paradigmai.co');
    expect(lead?.subject).toMatch(/^\[A\] Lead: Ada \(Acme\)/);
    expect(lead?.body.text).toContain('utm_source: newsletter');
    expect(lead?.body.text).toMatch(/Follow-up: Agreed to one follow-up email \(wording of \d{1,2} [A-Z][a-z]{2} \d{4}\)/);

    await backend.sweep();
    expect(await readInbox(sesEndpoint, to(email))).toHaveLength(2);
    clock.advance(3 * 86_400_000 + 1000);
    await backend.sweep();
    await backend.sweep();
    const followUps = (await readInbox(sesEndpoint, to(email))).filter((e) => e.headers?.some((h) => h.name === 'List-Unsubscribe'));
    expect(followUps).toHaveLength(1);
    expect(followUps[0]?.headers).toContainEqual({ name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' });
    expect(followUps[0]?.subject).toBe('Who owns it after go-live? (your Integration Readiness result, Paradigm AI)');
  });

  it('creates one record and one set of emails when 20 copies arrive at once', async () => {
    const { backend, stores } = system();
    const email = newAddress();
    const body = submissionBody({ contact: { name: 'Cy', email, consent: false } });
    const responses = await Promise.all(Array.from({ length: 20 }, () => backend.submissions(jsonPost('/api/submissions', body))));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([...Array(19).fill(200), 201]);
    expect(new Set(responses.map((r) => parse(r.body).token)).size).toBe(1);
    await backend.sweep();
    await waitForEmails(sesEndpoint, to(email), 3, 500);
    expect(await readInbox(sesEndpoint, to(email))).toHaveLength(2);
    expect(await emailStates(stores, submission(body.submissionId))).toEqual({ 'results-email': 'sent', 'lead-notification': 'sent' });
  });

  it('still gives the visitor their results when SES is down, and delivers each email exactly once after it recovers', async () => {
    const { backend, clock, stores } = system();
    const email = newAddress();
    const body = submissionBody({ contact: { name: 'Dee', email, consent: false } });
    sesProxy.failAlways(sesUnavailable);
    try {
      const response = await backend.submissions(jsonPost('/api/submissions', body));
      expect(response.statusCode).toBe(201);
      expect(parse(response.body).result.band).not.toBeNull();
      // One attempt per email: the SDK never sends one again by itself; the outbox keeps them for the sweep.
      expect(sesProxy.state.faulted).toBe(2);
    } finally {
      sesProxy.recover();
    }
    expect(await readInbox(sesEndpoint, to(email))).toHaveLength(0);
    expect(await emailStates(stores, submission(body.submissionId))).toEqual({
      'results-email': 'pending',
      'lead-notification': 'pending',
    });
    clock.advance(10 * 60_000);
    await backend.sweep();
    await backend.sweep();
    expect(await waitForEmails(sesEndpoint, to(email), 3, 500)).toHaveLength(2);
  });

  it('gives up on a DynamoDB that takes requests and never answers, and says to send again, within the functions’ 10 s', async () => {
    const { backend, stores } = system();
    const body = submissionBody({ contact: { name: 'Hal', email: newAddress(), consent: false } });
    dynamoProxy.hang();
    const started = Date.now();
    try {
      const response = await backend.submissions(jsonPost('/api/submissions', body));
      expect(response.statusCode).toBe(503);
      expect(parse(response.body).error.message).toMatch(/send it again in a few seconds/);
    } finally {
      dynamoProxy.recover();
    }
    const seconds = (Date.now() - started) / 1000;
    expect(seconds).toBeLessThan(9.5);
    expect(dynamoProxy.state.faulted).toBe(3); // three attempts, then the visitor is told
    expect(await stores.submissions.get(body.submissionId)).toBeNull();
  }, 20_000);

  it('leaves an email to the sweep when SES takes it and never answers, and answers the visitor in time', async () => {
    const { backend, clock, stores } = system();
    const email = newAddress();
    const body = submissionBody({ contact: { name: 'Ivy', email, consent: false } });
    sesProxy.hang();
    const started = Date.now();
    try {
      const response = await backend.submissions(jsonPost('/api/submissions', body));
      expect(response.statusCode).toBe(201);
    } finally {
      sesProxy.recover();
    }
    expect((Date.now() - started) / 1000).toBeLessThan(9.5);
    expect(await emailStates(stores, submission(body.submissionId))).toEqual({
      'results-email': 'pending',
      'lead-notification': 'pending',
    });
    clock.advance(10 * 60_000);
    await backend.sweep();
    expect(await waitForEmails(sesEndpoint, to(email), 2, 500)).toHaveLength(2);
  }, 20_000);

  it('answers 503 with Retry-After, storing and sending nothing, when DynamoDB keeps throttling', async () => {
    const { backend, stores } = system();
    const email = newAddress();
    const body = submissionBody({ contact: { name: 'Eve', email, consent: true } });
    dynamoProxy.failAlways(dynamoThrottling);
    try {
      const response = await backend.submissions(jsonPost('/api/submissions', body));
      expect(response.statusCode).toBe(503);
      expect(response.headers?.['retry-after']).toBe('5');
      expect(parse(response.body).error.message).toMatch(/send it again in a few seconds/);
    } finally {
      dynamoProxy.recover();
    }
    expect(await stores.submissions.get(body.submissionId)).toBeNull();
    expect(await emailStates(stores, submission(body.submissionId))).toEqual({});
    expect(await readInbox(sesEndpoint, to(email))).toHaveLength(0);
  });

  it('answers 503 and stores nothing when the per-IP limit cannot be checked; the retry is then stored', async () => {
    const { backend, stores } = system();
    const body = submissionBody();
    dynamoProxy.failAlways(dynamoThrottling, 'UpdateItem'); // the limit's counter
    try {
      expect((await backend.submissions(jsonPost('/api/submissions', body))).statusCode).toBe(503);
    } finally {
      dynamoProxy.recover();
    }
    expect(await stores.submissions.get(body.submissionId)).toBeNull();
    expect((await backend.submissions(jsonPost('/api/submissions', body))).statusCode).toBe(201);
  });
});

describe('a contact message, through the real SDK', () => {
  it('is stored once and emailed once when 20 copies arrive at once, with the HTML escaped as SES receives it', async () => {
    const { backend, stores } = system();
    const id = randomUUID();
    const marker = `Ada ${id.slice(0, 8)}`;
    const event = () =>
      jsonPost('/api/contact', {
        id,
        name: marker,
        email: 'ada@example.com',
        company: '<b>Acme</b>',
        message: 'Hi <script>alert(1)</script>',
      });
    const responses = await Promise.all(Array.from({ length: 20 }, () => backend.contact(event())));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([...Array(19).fill(200), 201]);
    expect(await stores.messages.get(id)).toMatchObject({ name: marker, company: '<b>Acme</b>' });
    expect(await emailStates(stores, { type: 'message', id })).toEqual({ 'contact-notification': 'sent' });
    await waitForEmails(sesEndpoint, (e) => e.subject.includes(marker), 2, 500);
    const [email, ...more] = await readInbox(sesEndpoint, (e) => e.subject.includes(marker));
    expect(more).toEqual([]);
    expect(email?.replyTo).toEqual(['ada@example.com']);
    expect(email?.subject).toBe(`Website enquiry: ${marker} (<b>Acme</b>)`);
    expect(email?.body.html).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email?.body.html).not.toContain('<script>');
    expect(email?.body.text).toContain('Hi <script>alert(1)</script>');
  });
});

describe('the weekly digest, through the real SDK', () => {
  it('reads the week through the indexes and reaches the consultancy once, however often it runs', async () => {
    // Prepare: a lead in a week of its own, far from any other test's records.
    const year = 2400 + Math.floor(Math.random() * 500);
    const clock = new ManualClock(new Date(Date.UTC(year, 2, 10, 10)));
    const { backend } = realBackend({ dynamoEndpoint: dynamoProxy.endpoint, sesEndpoint: sesProxy.endpoint, tableName, clock });
    const email = newAddress();
    await backend.submissions(jsonPost('/api/submissions', submissionBody({ contact: { name: 'Dee Digest', email, consent: false } })));
    // Act: a week later, the schedule fires, and fires again.
    clock.advance(7 * 86_400_000);
    const runs = await Promise.all([backend.digest(), backend.digest()]);
    await backend.digest();
    // Assess
    const digests = await waitForEmails(sesEndpoint, (e) => e.subject.includes('weekly') && (e.body.text ?? '').includes(email));
    expect(digests).toHaveLength(1);
    expect(digests[0]?.destination.to).toEqual(['hello@paradigmai.co']);
    expect(digests[0]?.subject).toMatch(/^Paradigm AI weekly: 1 lead, 1 assessment \(\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\)$/);
    expect(digests[0]?.body.text).toContain(`Dee Digest <${email}>`);
    expect(runs.map((r) => r.outcome).sort()).toEqual(['not-claimed', 'sent']);
  });
});
