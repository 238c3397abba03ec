import { createHash, randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createDynamoStore } from '../../../src/lambda/adapters/dynamo-store.ts';
import type { Store } from '../../../src/lambda/ports.ts';
import type { EmailOwner, EmailRef, StoredContactMessage, StoredSubmission } from '../../../src/lambda/records.ts';
import { keyPrefixes } from '../../../src/lambda/table-design.ts';
import { localCredentials, localRegion } from '../../../src/local/stand-ins.ts';
import { TEST_PERSON_KEY } from '../../helpers/backend.ts';
import { ManualClock } from '../../helpers/fakes.ts';
import { MemoryStore } from '../../helpers/memory-store.ts';
import { createTestTable } from '../../helpers/stand-ins.ts';

const dynamoEndpoint = inject('dynamoEndpoint');
let tableName = '';
beforeAll(async () => {
  tableName = await createTestTable(dynamoEndpoint, 'contract');
});

/** Each store the backend can run on, with a clock the test moves. */
const stores: [string, (clock: ManualClock) => Store][] = [
  [
    'DynamoStore (dynalite)',
    (clock) =>
      createDynamoStore({
        endpoint: dynamoEndpoint,
        region: localRegion,
        credentials: localCredentials,
        tableName,
        clock,
        retentionDays: 30,
        personKey: TEST_PERSON_KEY,
      }),
  ],
  ["MemoryStore (the unit tests' fake)", (clock) => new MemoryStore(clock, 30)],
];

function submission(overrides: Partial<StoredSubmission> = {}): StoredSubmission {
  return {
    id: randomUUID(),
    secret: 'S'.repeat(32),
    assessmentId: 'integration-readiness',
    assessmentVersion: '1',
    answers: { 'outcome-written': 'plain' },
    qualifying: { systems: ['crm'] },
    result: {
      assessmentId: 'integration-readiness',
      assessmentVersion: '1',
      percent: 50,
      band: null,
      categories: [],
      answered: 1,
      notSure: 0,
      skipped: 0,
    },
    lead: { grade: 'B', label: 'Warm', points: 3, reasons: [] },
    source: { utm_source: 'newsletter' },
    payloadHash: 'hash',
    createdAt: '2026-11-27T09:00:00.000Z',
    ...overrides,
  };
}

const message = (): StoredContactMessage => ({
  id: randomUUID(),
  name: 'Ada',
  email: 'ada@example.com',
  message: 'Hello',
  payloadHash: 'hash',
  createdAt: '2026-11-27T09:00:00.000Z',
});
const contact = { name: 'Ada', email: 'ada@example.com', at: 'now', consent: { given: true, textVersion: '1', at: 'now' } };

describe.each(stores)('the store contract: %s', (_name, createStore) => {
  const setup = () => {
    const clock = new ManualClock(new Date());
    return { clock, store: createStore(clock) };
  };

  it('creates a record once, returns the stored one to every later save, and reads back exactly what it stored', async () => {
    const { store } = setup();
    const record = submission();
    expect(await store.saveSubmission(record)).toEqual({ created: true });
    const again = await Promise.all(Array.from({ length: 5 }, () => store.saveSubmission({ ...record, secret: 'X'.repeat(32) })));
    expect(again).toEqual(Array(5).fill({ created: false, existing: record }));
    expect(await store.getSubmission(record.id)).toEqual(record);
    const note = message();
    expect(await store.saveMessage(note)).toEqual({ created: true });
    expect(await store.saveMessage(note)).toEqual({ created: false, existing: note });
    expect(await store.getMessage(note.id)).toEqual(note);
  });

  it('reads back only what the record schema describes', async () => {
    const { store } = setup();
    const record = submission();
    await store.saveSubmission({ ...record, leftover: 'from an older version' } as StoredSubmission);
    expect(await store.getSubmission(record.id)).toEqual(record);
  });

  it('hides a record past its retention, which still blocks a new one under its id until it is removed', async () => {
    const { store, clock } = setup();
    const record = submission();
    await store.saveSubmission(record);
    clock.advance(29 * 86_400_000);
    expect(await store.getSubmission(record.id)).not.toBeNull();
    clock.advance(2 * 86_400_000);
    expect(await store.getSubmission(record.id)).toBeNull();
    await expect(store.saveSubmission(record)).rejects.toThrow(/has expired/);
    expect(await store.getMessage(randomUUID())).toBeNull();
  });

  it('attaches contact details once, whoever asks at the same time', async () => {
    const { store } = setup();
    const record = submission();
    await store.saveSubmission(record);
    const attached = await Promise.all(
      ['a@example.com', 'b@example.com', 'c@example.com'].map((email) => store.attachContact(record.id, { ...contact, email })),
    );
    expect(attached.filter(Boolean)).toHaveLength(1);
    expect(await store.attachContact(randomUUID(), contact)).toBe(false);
    await store.markUnsubscribed(record.id);
    await store.markUnsubscribed(record.id);
    expect((await store.getSubmission(record.id))?.unsubscribedAt).toEqual(expect.any(String));
  });

  it('counts requests up to the limit per subject and hour', async () => {
    const { store } = setup();
    const hour = new Date('2026-11-27T09:00:00Z');
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
    const counted = await Promise.all(Array.from({ length: 5 }, () => store.countRequest('submissions', ip, hour, 3)));
    expect(counted.filter(Boolean)).toHaveLength(3);
    expect(await store.countRequest('submissions', `${ip}-other`, hour, 3)).toBe(true);
    expect(await store.countRequest('submissions', ip, new Date('2026-11-27T10:00:00Z'), 3)).toBe(true);
  });

  it('reserves an hourly email of a kind for one owner per key, again for that owner, never for another', async () => {
    const { store } = setup();
    const hour = new Date('2026-11-27T09:00:00Z');
    const key = `${randomUUID()}@example.com`;
    const owner = (id: string): EmailOwner => ({ type: 'submission', id });
    expect(await store.reserveHourlyEmail('results-email', key, hour, owner('one'))).toBe(true);
    expect(await store.reserveHourlyEmail('results-email', key, hour, owner('one'))).toBe(true);
    expect(await store.reserveHourlyEmail('results-email', key, hour, owner('two'))).toBe(false);
    expect(await store.reserveHourlyEmail('results-email', key, new Date('2026-11-27T10:00:00Z'), owner('two'))).toBe(true);
    expect(await store.reserveHourlyEmail('lead-notification', key, hour, owner('two'))).toBe(true);
  });

  it('remembers which owner gave an inbox most recently for a kind of email; an older one never takes it back', async () => {
    const { store } = setup();
    const address = `${randomUUID()}@example.com`;
    expect(await store.latestEmailOwner('follow-up', address)).toBeNull();
    await store.markLatestEmail('follow-up', address, { type: 'submission', id: 'first' }, '2026-11-27T09:00:00.000Z');
    await store.markLatestEmail(
      'follow-up',
      address.replace('@', '+news@').toUpperCase(),
      { type: 'submission', id: 'second' },
      '2026-11-27T10:00:00.000Z',
    );
    await store.markLatestEmail('follow-up', address, { type: 'submission', id: 'first' }, '2026-11-27T09:00:00.000Z');
    expect(await store.latestEmailOwner('follow-up', address)).toEqual({ type: 'submission', id: 'second' });
    expect(await store.latestEmailOwner('results-email', address)).toBeNull();
  });

  it('remembers a suppressed inbox whatever form of its address is asked about', async () => {
    const { store } = setup();
    const address = `${randomUUID()}@example.com`;
    expect(await store.isSuppressed(address)).toBe(false);
    await store.suppress(address, 'unsubscribed');
    await store.suppress(address, 'unsubscribed');
    expect(await store.isSuppressed(address.toUpperCase())).toBe(true);
    expect(await store.isSuppressed(address.replace('@', '+tag@'))).toBe(true);
  });

  it('queues an email once, lets one sender claim it when due, and hands it to nobody else until the lease ends', async () => {
    const { store, clock } = setup();
    const ref = { kind: 'results-email', owner: { type: 'submission' as const, id: randomUUID() } };
    const now = clock.now();
    await store.enqueue(ref, new Date(now.getTime() + 60_000));
    await store.enqueue(ref, now); // a repeat changes nothing
    expect(await store.claim(ref, 'early', new Date(now.getTime() + 300_000))).toBeNull();
    clock.advance(60_000);
    expect(await store.listDue(1000)).toContainEqual(ref);
    const claims = await Promise.all(['a', 'b', 'c'].map((id) => store.claim(ref, id, new Date(clock.now().getTime() + 300_000))));
    const winner = claims.find((c) => c !== null);
    expect(claims.filter((c) => c !== null)).toHaveLength(1);
    expect(winner).toMatchObject({ ...ref, state: 'pending', attempts: 1 });
    expect(await store.listDue(1000)).not.toContainEqual(ref);
    await expect(store.markSent(ref, 'not-the-holder', 'm-1')).rejects.toThrow(/Lost the claim/);
    await store.markSent(ref, winner?.claimId ?? '', 'm-1');
    expect(await store.getEmail(ref)).toMatchObject({ state: 'sent', messageId: 'm-1', attempts: 1 });
    clock.advance(3_600_000);
    expect(await store.claim(ref, 'late', new Date(clock.now().getTime() + 300_000))).toBeNull();
  });

  it('frees a claimed email for another sender once the lease ends, and then only that sender may settle it', async () => {
    const { store, clock } = setup();
    const ref = { kind: 'results-email', owner: { type: 'submission' as const, id: randomUUID() } };
    await store.enqueue(ref, clock.now());
    await store.claim(ref, 'died', new Date(clock.now().getTime() + 300_000));
    clock.advance(299_000);
    expect(await store.claim(ref, 'too-early', new Date(clock.now().getTime() + 300_000))).toBeNull();
    clock.advance(1_000);
    expect(await store.claim(ref, 'next', new Date(clock.now().getTime() + 300_000))).toMatchObject({ attempts: 2, claimId: 'next' });
    await expect(store.markSent(ref, 'died', 'm-1')).rejects.toThrow(/Lost the claim/);
    await store.markSent(ref, 'next', 'm-2');
    expect(await store.getEmail(ref)).toMatchObject({ state: 'sent', messageId: 'm-2' });
  });

  it('lists the due emails oldest first, no more than asked', async () => {
    const { store, clock } = setup();
    // A clock of its own, far ahead, so only this test's emails are due before it.
    clock.advance(400 * 86_400_000 + Math.floor(Math.random() * 1000) * 60_000);
    const owner = { type: 'message' as const, id: randomUUID() };
    const refs = ['results-email', 'lead-notification', 'follow-up'].map((kind) => ({ kind, owner }));
    const start = clock.now().getTime();
    await store.enqueue(refs[0] as EmailRef, new Date(start - 1_000));
    await store.enqueue(refs[1] as EmailRef, new Date(start - 3_000));
    await store.enqueue(refs[2] as EmailRef, new Date(start + 60_000));
    const due = (await store.listDue(1000)).filter((r) => r.owner.id === owner.id);
    expect(due).toEqual([refs[1], refs[0]]);
    const oldestOnly = await store.listDue(1);
    expect(oldestOnly).toHaveLength(1);
  });

  it('puts an email back to retry when asked, and finishes it for good', async () => {
    const { store, clock } = setup();
    const ref = { kind: 'contact-notification', owner: { type: 'message' as const, id: randomUUID() } };
    await store.enqueue(ref, clock.now());
    const lease = () => new Date(clock.now().getTime() + 300_000);
    await store.claim(ref, 'first', lease());
    await store.retryLater(ref, 'first', new Date(clock.now().getTime() + 60_000), 'Throttling');
    expect(await store.getEmail(ref)).toMatchObject({ state: 'pending', lastError: 'Throttling' });
    expect(await store.claim(ref, 'too-soon', lease())).toBeNull();
    clock.advance(60_000);
    expect(await store.claim(ref, 'second', lease())).toMatchObject({ attempts: 2 });
    await store.finish(ref, 'second', 'failed', 'MessageRejected');
    expect(await store.getEmail(ref)).toMatchObject({ state: 'failed', lastError: 'MessageRejected' });
    expect(await store.listDue(1000)).not.toContainEqual(ref);
    expect((await store.failedEmails()).map((e) => ({ kind: e.kind, owner: e.owner }))).toContainEqual(ref);
  });

  it('counts respondents in a histogram with one atomic write each, however many arrive at once', async () => {
    const { store } = setup();
    const version = `v-${randomUUID()}`;
    await Promise.all(Array.from({ length: 25 }, (_, i) => store.countRespondent(version, [`overall#${i % 5}`, 'category#process#50'])));
    const histogram = await store.histogram(version);
    expect(histogram).toMatchObject({ respondents: 25, 'overall#0': 5, 'overall#4': 5, 'category#process#50': 25 });
    expect(await store.histogram(`v-${randomUUID()}`)).toEqual({});
  });

  it("reads a week for the digest: its submissions, a day's funnel counters, and the report stored once", async () => {
    const { store } = setup();
    // A week of its own, in a year no other test writes to.
    const year = 3000 + Math.floor(Math.random() * 5000);
    const at = (day: string) => `${year}-${day}T12:00:00.000Z`;
    const inside = [submission({ createdAt: at('01-05') }), submission({ createdAt: at('01-11') })];
    for (const record of [submission({ createdAt: at('01-04') }), ...inside, submission({ createdAt: at('01-12') })])
      await store.saveSubmission(record);
    expect(await store.submissionsBetween(new Date(at('01-05')), new Date(at('01-12')))).toEqual(inside);
    const day = `${year}-01-06`;
    await store.countStep({ day, assessmentVersion: '1', entry: 'article:a#b', step: 'question-2' });
    await store.countStep({ day, assessmentVersion: '1', entry: 'article:a#b', step: 'question-2' });
    await store.countStep({ day, assessmentVersion: '1', entry: 'direct', step: 'view' });
    const counts = await store.funnelCounts(day);
    expect(counts).toHaveLength(2);
    expect(counts).toContainEqual({ day, assessmentVersion: '1', entry: 'article:a#b', step: 'question-2', count: 2 });
    const report = {
      id: `${year}-W02`,
      firstDay: `${year}-01-05`,
      lastDay: `${year}-01-11`,
      submissions: 2,
      leads: [],
      funnel: { thisWeek: { view: 1 }, weekBefore: {} },
      mostStopped: null,
      topArticles: [],
      failedEmails: [],
      createdAt: at('01-12'),
    };
    expect(await store.saveReport(report)).toEqual({ created: true });
    expect(await store.saveReport({ ...report, submissions: 99 })).toEqual({ created: false, existing: report });
    expect(await store.getReport(report.id)).toEqual(report);
  });
});

describe('the DynamoDB store, reading what earlier versions stored', () => {
  it('still finds an address that unsubscribed with a +tag before tags were folded', async () => {
    // Prepare: a suppression keyed as earlier versions did, on the address as typed, lower-cased.
    const address = `old-${randomUUID().slice(0, 8)}+news@example.com`;
    const client = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: dynamoEndpoint, region: localRegion, credentials: localCredentials }),
    );
    const legacy = createHash('sha256').update(address.toLowerCase()).digest('hex');
    await client.send(new PutCommand({ TableName: tableName, Item: { pk: `${keyPrefixes.suppression}${legacy}`, sk: 'SUPPRESS' } }));
    const store = createDynamoStore({
      endpoint: dynamoEndpoint,
      region: localRegion,
      credentials: localCredentials,
      tableName,
      clock: new ManualClock(),
      retentionDays: 30,
      personKey: TEST_PERSON_KEY,
    });
    // Act, Assess
    expect(await store.isSuppressed(address.toUpperCase())).toBe(true);
    expect(await store.isSuppressed(address.replace('+news', ''))).toBe(false);
  });
});
