import { createHash, randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { createTable } from '../../../src/lambda/adapters/table.ts';
import type { Ports } from '../../../src/lambda/backend.ts';
import { DynamoLimits } from '../../../src/lambda/limits/dynamo-limits.ts';
import type { AddressTraces } from '../../../src/lambda/limits/limits.ts';
import type { ItemOwner, ItemRef, StoredContactMessage, StoredSubmission } from '../../../src/lambda/records.ts';
import { keyPrefixes } from '../../../src/lambda/table-design.ts';
import { localCredentials, localRegion } from '../../../src/local/running-stack.ts';
import { dynamoStores } from '../../helpers/backend.ts';
import { ManualClock } from '../../helpers/fakes.ts';
import { memoryStores } from '../../helpers/memory/index.ts';
import { createTestTable } from '../../helpers/stand-ins.ts';

const dynamoEndpoint = inject('dynamoEndpoint');
let tableName = '';
beforeAll(async () => {
  tableName = await createTestTable(dynamoEndpoint, 'contract');
});

/** The stores every feature's repository is behind, as the backend runs them. */
type Stores = Omit<Ports, 'mailer' | 'webhooks' | 'limits'> & { limits: Ports['limits'] & AddressTraces };

/** Each implementation of the stores the backend can run on, with a clock the test moves. */
const implementations: [string, (clock: ManualClock) => Stores][] = [
  ['the DynamoDB repositories (dynalite)', (clock) => dynamoStores({ endpoint: dynamoEndpoint, tableName, clock })],
  ["the in-memory fakes (the unit tests')", (clock) => memoryStores(clock, 30)],
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
    grade: { grade: 'B', label: 'Warm', points: 3, reasons: [] },
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

describe.each(implementations)('the store contract: %s', (_name, createStores) => {
  const setup = () => {
    const clock = new ManualClock(new Date());
    return { clock, stores: createStores(clock) };
  };

  it('creates a record once, returns the stored one to every later save, and reads back exactly what it stored', async () => {
    const { stores } = setup();
    const record = submission();
    expect(await stores.submissions.save(record)).toEqual({ created: true });
    const again = await Promise.all(Array.from({ length: 5 }, () => stores.submissions.save({ ...record, secret: 'X'.repeat(32) })));
    expect(again).toEqual(Array(5).fill({ created: false, existing: record }));
    expect(await stores.submissions.get(record.id)).toEqual(record);
    const note = message();
    expect(await stores.messages.save(note)).toEqual({ created: true });
    expect(await stores.messages.save(note)).toEqual({ created: false, existing: note });
    expect(await stores.messages.get(note.id)).toEqual(note);
  });

  it('reads back only what the record schema describes', async () => {
    const { stores } = setup();
    const record = submission();
    await stores.submissions.save({ ...record, leftover: 'from an older version' } as StoredSubmission);
    expect(await stores.submissions.get(record.id)).toEqual(record);
  });

  it('hides a record past its retention, which still blocks a new one under its id until it is removed', async () => {
    const { stores, clock } = setup();
    const record = submission();
    await stores.submissions.save(record);
    clock.advance(29 * 86_400_000);
    expect(await stores.submissions.get(record.id)).not.toBeNull();
    clock.advance(2 * 86_400_000);
    expect(await stores.submissions.get(record.id)).toBeNull();
    await expect(stores.submissions.save(record)).rejects.toThrow(/has expired/);
    expect(await stores.messages.get(randomUUID())).toBeNull();
  });

  it("still reads, when asked, what is past its retention but stored (for the consultancy's export and erase)", async () => {
    const { stores, clock } = setup();
    const address = `${randomUUID().slice(0, 8)}@example.com`;
    const record = submission({ contact: { ...contact, email: address } });
    await stores.submissions.save(record);
    clock.advance(31 * 86_400_000);
    expect(await stores.submissions.get(record.id)).toBeNull();
    expect(await stores.submissions.get(record.id, { withExpired: true })).toEqual(record);
    expect(await stores.people.ownersOf(address, { withExpired: true })).toEqual([{ type: 'submission', id: record.id }]);
  });

  it('attaches contact details once, whoever asks at the same time', async () => {
    const { stores } = setup();
    const record = submission();
    await stores.submissions.save(record);
    const attached = await Promise.all(
      ['a@example.com', 'b@example.com', 'c@example.com'].map((email) =>
        stores.submissions.attachContact(record.id, { ...contact, email }),
      ),
    );
    expect(attached.filter(Boolean)).toHaveLength(1);
    expect(await stores.submissions.attachContact(randomUUID(), contact)).toBe(false);
    await stores.submissions.markUnsubscribed(record.id);
    await stores.submissions.markUnsubscribed(record.id);
    expect((await stores.submissions.get(record.id))?.unsubscribedAt).toEqual(expect.any(String));
  });

  it('records a follow-up confirmation once, whoever asks at the same time, and only where one is awaited', async () => {
    const { stores } = setup();
    const awaiting = submission({ contact: { ...contact, consent: { ...contact.consent, given: true, needsConfirmation: true } } });
    const single = submission({ contact: { ...contact, consent: { ...contact.consent, given: true } } });
    await stores.submissions.save(awaiting);
    await stores.submissions.save(single);
    const tries = ['2026-11-27T10:00:00.000Z', '2026-11-27T10:00:01.000Z', '2026-11-27T10:00:02.000Z'].map((at) =>
      stores.confirmations.confirm(awaiting.id, { at, how: 'the button' }),
    );
    expect((await Promise.all(tries)).filter(Boolean)).toHaveLength(1);
    expect((await stores.submissions.get(awaiting.id))?.contact?.consent.confirmed).toEqual({ at: expect.any(String), how: 'the button' });
    expect(await stores.confirmations.confirm(single.id, { at: '2026-11-27T10:00:00.000Z', how: 'the button' })).toBe(false);
    expect((await stores.submissions.get(single.id))?.contact?.consent).not.toHaveProperty('confirmed');
    expect(await stores.confirmations.confirm(randomUUID(), { at: '2026-11-27T10:00:00.000Z', how: 'the button' })).toBe(false);
  });

  it('counts requests up to the limit per subject and hour', async () => {
    const { stores } = setup();
    const hour = new Date('2026-11-27T09:00:00Z');
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID()}`;
    const counted = await Promise.all(Array.from({ length: 5 }, () => stores.limits.countRequest('submissions', ip, hour, 3)));
    expect(counted.filter(Boolean)).toHaveLength(3);
    expect(await stores.limits.countRequest('submissions', `${ip}-other`, hour, 3)).toBe(true);
    expect(await stores.limits.countRequest('submissions', ip, new Date('2026-11-27T10:00:00Z'), 3)).toBe(true);
  });

  it('reserves an hourly email of a kind for one owner per key, again for that owner, never for another', async () => {
    const { stores } = setup();
    const hour = new Date('2026-11-27T09:00:00Z');
    const key = `${randomUUID()}@example.com`;
    const owner = (id: string): ItemOwner => ({ type: 'submission', id });
    expect(await stores.limits.reserveHourlyEmail('results-email', key, hour, owner('one'))).toBe(true);
    expect(await stores.limits.reserveHourlyEmail('results-email', key, hour, owner('one'))).toBe(true);
    expect(await stores.limits.reserveHourlyEmail('results-email', key, hour, owner('two'))).toBe(false);
    expect(await stores.limits.reserveHourlyEmail('results-email', key, new Date('2026-11-27T10:00:00Z'), owner('two'))).toBe(true);
    expect(await stores.limits.reserveHourlyEmail('lead-notification', key, hour, owner('two'))).toBe(true);
  });

  it('remembers which owner gave an inbox most recently for a kind of email; an older one never takes it back', async () => {
    const { stores } = setup();
    const address = `${randomUUID()}@example.com`;
    expect(await stores.limits.latestEmailOwner('follow-up', address)).toBeNull();
    await stores.limits.markLatestEmail('follow-up', address, { type: 'submission', id: 'first' }, '2026-11-27T09:00:00.000Z');
    await stores.limits.markLatestEmail(
      'follow-up',
      address.replace('@', '+news@').toUpperCase(),
      { type: 'submission', id: 'second' },
      '2026-11-27T10:00:00.000Z',
    );
    await stores.limits.markLatestEmail('follow-up', address, { type: 'submission', id: 'first' }, '2026-11-27T09:00:00.000Z');
    expect(await stores.limits.latestEmailOwner('follow-up', address)).toEqual({ type: 'submission', id: 'second' });
    expect(await stores.limits.latestEmailOwner('results-email', address)).toBeNull();
  });

  it("erases what an address left in the limits: one owner's hourly reservations of a kind, and the latest-email pointer", async () => {
    const { stores } = setup();
    const key = `${randomUUID()}@example.com`;
    const owner = (id: string): ItemOwner => ({ type: 'submission', id });
    for (const hour of ['2026-11-27T09:00:00Z', '2026-11-27T10:00:00Z']) {
      await stores.limits.reserveHourlyEmail('results-email', key, new Date(hour), owner('erased'));
    }
    await stores.limits.reserveHourlyEmail('results-email', key, new Date('2026-11-27T11:00:00Z'), owner('kept'));
    await stores.limits.markLatestEmail('follow-up', key, owner('erased'), '2026-11-27T09:00:00.000Z');
    expect(await stores.limits.releaseHourlyEmails('results-email', key, owner('erased'))).toBe(2);
    expect(await stores.limits.releaseHourlyEmails('results-email', key, owner('erased'))).toBe(0);
    // The freed hour may be reserved again; the other owner's is still held.
    expect(await stores.limits.reserveHourlyEmail('results-email', key, new Date('2026-11-27T09:00:00Z'), owner('new'))).toBe(true);
    expect(await stores.limits.reserveHourlyEmail('results-email', key, new Date('2026-11-27T11:00:00Z'), owner('new'))).toBe(false);
    expect(await stores.limits.forgetLatestEmail('follow-up', key.toUpperCase())).toBe(true);
    expect(await stores.limits.latestEmailOwner('follow-up', key)).toBeNull();
    expect(await stores.limits.forgetLatestEmail('follow-up', key)).toBe(false);
  });

  it('links a retake to the result it follows, both ways, and erases the links with either', async () => {
    const { stores } = setup();
    const first = submission();
    const previous = { id: first.id, at: first.createdAt, overall: 50, categories: {} };
    const [retake, another] = [submission({ previous }), submission({ previous })];
    for (const record of [first, retake, another]) if (record) await stores.submissions.save(record);
    expect((await stores.submissions.retakesOf(first.id)).sort()).toEqual([retake?.id, another?.id].sort());
    await stores.submissions.forgetPrevious(another?.id ?? '');
    expect((await stores.submissions.get(another?.id ?? ''))?.previous).toBeUndefined();
    await stores.submissions.erase(retake?.id ?? '');
    expect(await stores.submissions.retakesOf(first.id)).toEqual([another?.id]);
    await stores.submissions.erase(first.id);
    expect(await stores.submissions.retakesOf(first.id)).toEqual([]);
    expect(await stores.submissions.get(first.id)).toBeNull();
  });

  it('remembers a suppressed inbox whatever form of its address is asked about', async () => {
    const { stores } = setup();
    const address = `${randomUUID()}@example.com`;
    expect(await stores.limits.isSuppressed(address)).toBe(false);
    await stores.limits.suppress(address, 'unsubscribed');
    await stores.limits.suppress(address, 'unsubscribed');
    expect(await stores.limits.isSuppressed(address.toUpperCase())).toBe(true);
    expect(await stores.limits.isSuppressed(address.replace('@', '+tag@'))).toBe(true);
  });

  it('queues an email once, lets one sender claim it when due, and hands it to nobody else until the lease ends', async () => {
    const { stores, clock } = setup();
    const ref = { kind: 'results-email', owner: { type: 'submission' as const, id: randomUUID() } };
    const now = clock.now();
    await stores.outbox.enqueue(ref, new Date(now.getTime() + 60_000));
    await stores.outbox.enqueue(ref, now); // a repeat changes nothing
    expect(await stores.outbox.claim(ref, 'early', new Date(now.getTime() + 300_000))).toBeNull();
    clock.advance(60_000);
    expect(await stores.outbox.listDue(1000)).toContainEqual(ref);
    const claims = await Promise.all(['a', 'b', 'c'].map((id) => stores.outbox.claim(ref, id, new Date(clock.now().getTime() + 300_000))));
    const winner = claims.find((c) => c !== null);
    expect(claims.filter((c) => c !== null)).toHaveLength(1);
    expect(winner).toMatchObject({ ...ref, state: 'pending', attempts: 1 });
    expect(await stores.outbox.listDue(1000)).not.toContainEqual(ref);
    await expect(stores.outbox.markSent(ref, 'not-the-holder', 'm-1')).rejects.toThrow(/Lost the claim/);
    await stores.outbox.markSent(ref, winner?.claimId ?? '', 'm-1');
    expect(await stores.outbox.get(ref)).toMatchObject({ state: 'sent', messageId: 'm-1', attempts: 1 });
    clock.advance(3_600_000);
    expect(await stores.outbox.claim(ref, 'late', new Date(clock.now().getTime() + 300_000))).toBeNull();
  });

  it('frees a claimed email for another sender once the lease ends, and then only that sender may settle it', async () => {
    const { stores, clock } = setup();
    const ref = { kind: 'results-email', owner: { type: 'submission' as const, id: randomUUID() } };
    await stores.outbox.enqueue(ref, clock.now());
    await stores.outbox.claim(ref, 'died', new Date(clock.now().getTime() + 300_000));
    clock.advance(299_000);
    expect(await stores.outbox.claim(ref, 'too-early', new Date(clock.now().getTime() + 300_000))).toBeNull();
    clock.advance(1_000);
    expect(await stores.outbox.claim(ref, 'next', new Date(clock.now().getTime() + 300_000))).toMatchObject({
      attempts: 2,
      claimId: 'next',
    });
    await expect(stores.outbox.markSent(ref, 'died', 'm-1')).rejects.toThrow(/Lost the claim/);
    await stores.outbox.markSent(ref, 'next', 'm-2');
    expect(await stores.outbox.get(ref)).toMatchObject({ state: 'sent', messageId: 'm-2' });
  });

  it('lists the due emails oldest first, no more than asked', async () => {
    const { stores, clock } = setup();
    // A clock of its own, far ahead, so only this test's emails are due before it.
    clock.advance(400 * 86_400_000 + Math.floor(Math.random() * 1000) * 60_000);
    const owner = { type: 'message' as const, id: randomUUID() };
    const refs = ['results-email', 'lead-notification', 'follow-up'].map((kind) => ({ kind, owner }));
    const start = clock.now().getTime();
    await stores.outbox.enqueue(refs[0] as ItemRef, new Date(start - 1_000));
    await stores.outbox.enqueue(refs[1] as ItemRef, new Date(start - 3_000));
    await stores.outbox.enqueue(refs[2] as ItemRef, new Date(start + 60_000));
    const due = (await stores.outbox.listDue(1000)).filter((r) => r.owner.id === owner.id);
    expect(due).toEqual([refs[1], refs[0]]);
    const oldestOnly = await stores.outbox.listDue(1);
    expect(oldestOnly).toHaveLength(1);
  });

  it('lists the due items of some kinds apart from the others, so webhook events never crowd out an email', async () => {
    const { stores, clock } = setup();
    clock.advance(800 * 86_400_000 + Math.floor(Math.random() * 1000) * 60_000);
    const owner = { type: 'submission' as const, id: randomUUID() };
    const start = clock.now().getTime();
    // Three webhook events due before the email.
    for (const [i, kind] of ['webhook:lead.created', 'webhook:lead.contact_added', 'webhook:person.unsubscribed'].entries()) {
      await stores.outbox.enqueue({ kind, owner }, new Date(start - 10_000 + i));
    }
    await stores.outbox.enqueue({ kind: 'follow-up', owner }, new Date(start - 1_000));
    const mine = (refs: ItemRef[]) => refs.filter((r) => r.owner.id === owner.id).map((r) => r.kind);
    expect(mine(await stores.outbox.listDue(1000, { prefix: 'webhook:', matching: false }))).toEqual(['follow-up']);
    expect(mine(await stores.outbox.listDue(1000, { prefix: 'webhook:', matching: true }))).toHaveLength(3);
  });

  it('puts an email back to retry when asked, and finishes it for good', async () => {
    const { stores, clock } = setup();
    const ref = { kind: 'contact-notification', owner: { type: 'message' as const, id: randomUUID() } };
    await stores.outbox.enqueue(ref, clock.now());
    const lease = () => new Date(clock.now().getTime() + 300_000);
    await stores.outbox.claim(ref, 'first', lease());
    await stores.outbox.retryLater(ref, 'first', new Date(clock.now().getTime() + 60_000), 'Throttling');
    expect(await stores.outbox.get(ref)).toMatchObject({ state: 'pending', lastError: 'Throttling' });
    expect(await stores.outbox.claim(ref, 'too-soon', lease())).toBeNull();
    clock.advance(60_000);
    expect(await stores.outbox.claim(ref, 'second', lease())).toMatchObject({ attempts: 2 });
    await stores.outbox.finish(ref, 'second', 'failed', 'MessageRejected');
    expect(await stores.outbox.get(ref)).toMatchObject({ state: 'failed', lastError: 'MessageRejected' });
    expect(await stores.outbox.listDue(1000)).not.toContainEqual(ref);
    expect((await stores.outbox.failed()).map((e) => ({ kind: e.kind, owner: e.owner }))).toContainEqual(ref);
  });

  it('counts respondents in a histogram with one atomic write each, however many arrive at once', async () => {
    const { stores } = setup();
    const version = `v-${randomUUID()}`;
    await Promise.all(
      Array.from({ length: 25 }, (_, i) => stores.histograms.countRespondent(version, [`overall#${i % 5}`, 'category#process#50'])),
    );
    const histogram = await stores.histograms.histogram(version);
    expect(histogram).toMatchObject({ respondents: 25, 'overall#0': 5, 'overall#4': 5, 'category#process#50': 25 });
    expect(await stores.histograms.histogram(`v-${randomUUID()}`)).toEqual({});
  });

  it("reads a week for the digest: its submissions, a day's funnel counters, and the report stored once", async () => {
    const { stores } = setup();
    // A week of its own, in a year no other test writes to.
    const year = 3000 + Math.floor(Math.random() * 5000);
    const at = (day: string) => `${year}-${day}T12:00:00.000Z`;
    const inside = [submission({ createdAt: at('01-05') }), submission({ createdAt: at('01-11') })];
    for (const record of [submission({ createdAt: at('01-04') }), ...inside, submission({ createdAt: at('01-12') })])
      await stores.submissions.save(record);
    expect(await stores.submissions.createdBetween(new Date(at('01-05')), new Date(at('01-12')))).toEqual(inside);
    const day = `${year}-01-06`;
    await stores.funnel.count({ day, assessmentVersion: '1', entry: 'article:a#b', step: 'question-2' });
    await stores.funnel.count({ day, assessmentVersion: '1', entry: 'article:a#b', step: 'question-2' });
    await stores.funnel.count({ day, assessmentVersion: '1', entry: 'direct', step: 'view' });
    const counts = await stores.funnel.countsOn(day);
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
      failedItems: [],
      createdAt: at('01-12'),
    };
    expect(await stores.reports.save(report)).toEqual({ created: true });
    expect(await stores.reports.save({ ...report, submissions: 99 })).toEqual({ created: false, existing: report });
    expect(await stores.reports.get(report.id)).toEqual(report);
  });
  it("finds a person's records through the index whatever form of their address, and erases their pointers", async () => {
    const { stores } = setup();
    const address = `${randomUUID().slice(0, 8)}@example.com`;
    const record = submission({ contact: { ...contact, email: address } });
    const note = { ...message(), email: address.toUpperCase() };
    await stores.submissions.save(record);
    await stores.messages.save(note);
    const owners = await stores.people.ownersOf(address.replace('@', '+tag@'));
    expect(owners).toHaveLength(2);
    expect(owners).toEqual(
      expect.arrayContaining([
        { type: 'submission', id: record.id },
        { type: 'message', id: note.id },
      ]),
    );
    expect(await stores.people.erase(address)).toHaveLength(2);
    expect(await stores.people.ownersOf(address)).toEqual([]);
  });

  it('lists the newest submissions and messages first, from a day on, and erases one so it reads as gone', async () => {
    const { stores, clock } = setup();
    // A year of its own, so only this test's records are that recent.
    const year = 9000 + Math.floor(Math.random() * 900);
    clock.advance(Date.UTC(year, 0, 10) - clock.now().getTime());
    const at = (day: number) => new Date(Date.UTC(year, 0, day, 12)).toISOString();
    const [old, recent, newest] = [1, 5, 6].map((day) => submission({ createdAt: at(day) }));
    for (const record of [old, recent, newest]) if (record) await stores.submissions.save(record);
    const since = new Date(Date.UTC(year, 0, 5));
    expect((await stores.submissions.newest({ since })).map((s) => s.id)).toEqual([newest?.id, recent?.id]);
    expect((await stores.submissions.newest({ since, limit: 1 })).map((s) => s.id)).toEqual([newest?.id]);
    await stores.messages.save({ ...message(), createdAt: at(7) });
    expect((await stores.messages.newest({ since })).at(0)?.createdAt).toBe(at(7));
    await stores.submissions.erase(newest?.id ?? '');
    expect(await stores.submissions.get(newest?.id ?? '')).toBeNull();
  });

  it('counts a range without reading it out, reads out only leads when asked, and pages the newest first', async () => {
    const { stores, clock } = setup();
    // Years before the newest-first test's (9000–9899), so neither finds the other's records in its range.
    const year = 8000 + Math.floor(Math.random() * 900);
    clock.advance(Date.UTC(year, 1, 10) - clock.now().getTime());
    const at = (day: number) => new Date(Date.UTC(year, 1, day, 12)).toISOString();
    const anonymous = [1, 2, 3].map((day) => submission({ createdAt: at(day) }));
    const lead = submission({ createdAt: at(4), contact });
    const retake = submission({ createdAt: at(5), previous: { id: anonymous[0]?.id ?? '', at: at(1), overall: 50, categories: {} } });
    for (const record of [...anonymous, lead, retake]) if (record) await stores.submissions.save(record);
    const [from, to] = [new Date(Date.UTC(year, 1, 1)), new Date(Date.UTC(year, 1, 6))];
    expect(await stores.submissions.countCreatedBetween(from, to)).toBe(5);
    expect((await stores.submissions.createdBetween(from, to, { leadsOnly: true })).map((s) => s.id)).toEqual([lead.id, retake.id]);
    const pages: string[] = [];
    for await (const page of stores.submissions.newestPages({ since: from })) pages.push(...page.map((s) => s.createdAt));
    // Other tests of the shared table may have stored later years: only this range is this test's.
    expect(pages.filter((created) => created < to.toISOString())).toEqual([5, 4, 3, 2, 1].map(at));
  });

  it("lists a record's outbox items, retries only a failed one, and erases them all", async () => {
    const { stores, clock } = setup();
    const owner = { type: 'submission' as const, id: randomUUID() };
    const failing = { kind: 'results-email', owner };
    await stores.outbox.enqueue(failing, clock.now());
    await stores.outbox.enqueue({ kind: 'follow-up', owner }, new Date(clock.now().getTime() + 86_400_000));
    const claimed = await stores.outbox.claim(failing, 'c', new Date(clock.now().getTime() + 60_000));
    await stores.outbox.finish(failing, claimed?.claimId ?? '', 'failed', 'MessageRejected');
    expect((await stores.outbox.itemsOf(owner)).map((item) => [item.kind, item.state]).sort()).toEqual([
      ['follow-up', 'pending'],
      ['results-email', 'failed'],
    ]);
    expect(await stores.outbox.retry({ kind: 'follow-up', owner }, clock.now())).toBe(false);
    expect(await stores.outbox.retry(failing, clock.now())).toBe(true);
    expect(await stores.outbox.retry(failing, clock.now())).toBe(false);
    expect(await stores.outbox.claim(failing, 'again', new Date(clock.now().getTime() + 60_000))).toMatchObject({ attempts: 1 });
    expect(await stores.outbox.eraseItemsOf(owner)).toHaveLength(2);
    expect(await stores.outbox.itemsOf(owner)).toEqual([]);
  });

  it("replaces a stored week's report, and leaves a week never stored alone", async () => {
    const { stores } = setup();
    const id = `${5000 + Math.floor(Math.random() * 3000)}-W03`;
    const report = {
      id,
      firstDay: 'a',
      lastDay: 'b',
      submissions: 1,
      leads: [{ grade: 'A', name: 'Ada', email: 'ada@example.com', overall: 50, resultsLink: 'https://x' }],
      funnel: { thisWeek: {}, weekBefore: {} },
      mostStopped: null,
      topArticles: [],
      failedItems: [],
      createdAt: 'c',
    };
    await stores.reports.save(report);
    await stores.reports.replace({ ...report, leads: [] });
    expect((await stores.reports.get(id))?.leads).toEqual([]);
    await stores.reports.replace({ ...report, id: `${id}-never` });
    expect(await stores.reports.get(`${id}-never`)).toBeNull();
  });
});

describe('the DynamoDB repositories, reading what earlier versions stored', () => {
  const client = () =>
    DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamoEndpoint, region: localRegion, credentials: localCredentials }));

  it('still finds an address that unsubscribed with a +tag before tags were folded', async () => {
    // Prepare: a suppression keyed as earlier versions did, on the address as typed, lower-cased.
    const address = `old-${randomUUID().slice(0, 8)}+news@example.com`;
    const legacy = createHash('sha256').update(address.toLowerCase()).digest('hex');
    await client().send(new PutCommand({ TableName: tableName, Item: { pk: `${keyPrefixes.suppression}${legacy}`, sk: 'SUPPRESS' } }));
    const limits = new DynamoLimits(
      createTable({
        endpoint: dynamoEndpoint,
        region: localRegion,
        credentials: localCredentials,
        tableName,
        clock: new ManualClock(),
        retentionDays: 30,
      }),
    );
    // Act, Assess
    expect(await limits.isSuppressed(address.toUpperCase())).toBe(true);
    expect(await limits.isSuppressed(address.replace('+news', ''))).toBe(false);
  });

  it('stores the grade as `lead`, the name earlier versions read, and reads it back as the grade', async () => {
    // Prepare
    const clock = new ManualClock(new Date());
    const { grade, ...rest } = submission();
    const expiresAt = Math.floor(clock.now().getTime() / 1000) + 86_400;
    await client().send(
      new PutCommand({
        TableName: tableName,
        Item: { pk: `${keyPrefixes.submission}${rest.id}`, sk: 'SUBMISSION', ...rest, lead: grade, expiresAt },
      }),
    );
    const written = submission();
    const stores = dynamoStores({ endpoint: dynamoEndpoint, tableName, clock });
    await stores.submissions.save(written);
    // Act
    const stored = await stores.submissions.get(rest.id);
    const { Item } = await client().send(
      new GetCommand({ TableName: tableName, Key: { pk: `${keyPrefixes.submission}${written.id}`, sk: 'SUBMISSION' } }),
    );
    // Assess
    expect(stored).toEqual({ ...rest, grade });
    expect(Item).toMatchObject({ lead: written.grade });
    expect(Item).not.toHaveProperty('grade');
    expect(await stores.submissions.get(written.id)).toEqual(written);
  });
});
