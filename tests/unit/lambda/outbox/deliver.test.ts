import { describe, expect, it } from 'vitest';
import { CLAIM_LEASE_MS, retryDelayMs } from '../../../../src/lambda/outbox/deliver.ts';
import type { ItemRef } from '../../../../src/lambda/records.ts';
import { submissionBody } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { jsonPost } from '../../../helpers/events.ts';
import { ScriptedMailer } from '../../../helpers/fakes.ts';

const visitor = 'ada@example.com';

/** A stored submission with contact details whose emails could not be sent at once (the mailer was scripted to defer). */
async function withQueuedEmails(script: ('ok' | 'deferred' | 'rejected')[], settings = {}) {
  const mailer = new ScriptedMailer(script);
  const system = fakeBackend({ mailer, settings });
  const body = submissionBody({ contact: { name: 'Ada', email: visitor, consent: true } });
  const response = await system.backend.submissions(jsonPost('/api/submissions', body));
  expect(response.statusCode).toBe(201);
  const ref = (kind: string): ItemRef => ({ kind, owner: { type: 'submission', id: body.submissionId } });
  return { ...system, mailer, ref };
}

describe('sending at once and the sweep', () => {
  it('sends the results and the lead at once, and each email only once however often the sweep runs', async () => {
    const { backend, mailer, clock } = await withQueuedEmails([]);
    expect(mailer.sent.map((e) => e.to[0]).sort()).toEqual(['ada@example.com', 'hello@paradigmai.co']);
    await backend.sweep();
    clock.advance(3 * 86_400_000);
    await backend.sweep();
    await backend.sweep();
    expect(mailer.to(visitor)).toHaveLength(2); // the results, then the follow-up once
  });

  it('puts a throttled email back with backoff and sends it when it falls due', async () => {
    const { backend, mailer, clock, stores, ref } = await withQueuedEmails(['deferred', 'deferred']);
    expect(mailer.sent).toEqual([]);
    expect((await stores.outbox.get(ref('results-email')))?.lastError).toMatch(/Throttling/);
    expect(await backend.sweep()).toMatchObject({ sent: 0 });
    clock.advance(retryDelayMs(1));
    expect(await backend.sweep()).toMatchObject({ sent: 2 });
    expect(mailer.to(visitor)).toHaveLength(1);
  });

  it('marks a rejected email failed at once and logs it for the alarm', async () => {
    const { stores, log, ref } = await withQueuedEmails(['rejected', 'ok']);
    const states = [(await stores.outbox.get(ref('results-email')))?.state, (await stores.outbox.get(ref('lead-notification')))?.state];
    expect(states.sort()).toEqual(['failed', 'sent']);
    expect(log.entries.find((e) => e.level === 'error')?.extra[0]).toMatchObject({ itemFailed: 1 });
  });

  it('gives up after the last allowed attempt', async () => {
    const { backend, clock, stores, ref } = await withQueuedEmails(['deferred', 'deferred', 'deferred', 'deferred'], {
      MAX_SEND_ATTEMPTS: 2,
    });
    clock.advance(retryDelayMs(1));
    await backend.sweep();
    expect((await stores.outbox.get(ref('results-email')))?.state).toBe('failed');
  });

  it('frees an email whose sender died mid-send once the lease ends, and sends it once', async () => {
    const { backend, mailer, clock, stores, ref } = await withQueuedEmails(['deferred', 'deferred']);
    clock.advance(retryDelayMs(1));
    await stores.outbox.claim(ref('results-email'), 'crashed-sender', new Date(clock.now().getTime() + CLAIM_LEASE_MS));
    await backend.sweep();
    expect(mailer.to(visitor)).toEqual([]);
    clock.advance(CLAIM_LEASE_MS);
    await backend.sweep();
    await backend.sweep();
    expect(mailer.to(visitor)).toHaveLength(1);
  });

  it('skips an email whose record has expired instead of retrying it forever', async () => {
    const { backend, mailer, clock, stores, ref } = await withQueuedEmails(['deferred', 'deferred']);
    clock.advance(31 * 86_400_000); // the record has expired; its outbox item is still there (TTL deletes in any order)
    await backend.sweep();
    expect(mailer.sent).toEqual([]);
    expect((await stores.outbox.get(ref('results-email')))?.state).toBe('skipped');
  });

  it('fails loudly, never silently, on an email of a kind the registry does not know', async () => {
    const { backend, stores, log } = fakeBackend();
    const ref: ItemRef = { kind: 'newsletter', owner: { type: 'submission', id: 'x' } };
    await stores.outbox.enqueue(ref, new Date(0));
    expect(await backend.sweep()).toMatchObject({ failed: 1 });
    expect((await stores.outbox.get(ref))?.lastError).toMatch(/No kind of email is named "newsletter"/);
    expect(log.entries.find((e) => e.level === 'error')?.extra[0]).toMatchObject({ itemFailed: 1 });
  });
});

describe('recording a send', () => {
  it('tries again to record a sent email, so a passing failure sends nothing twice', async () => {
    const { backend, stores, mailer, clock, ref } = await withQueuedEmails([]);
    const markSent = stores.outbox.markSent.bind(stores.outbox);
    let failures = 0;
    stores.outbox.markSent = async (...args: Parameters<typeof markSent>) => {
      failures += 1;
      if (failures <= 2) throw new Error('Rate exceeded');
      return markSent(...args);
    };
    clock.advance(3 * 86_400_000);
    expect(await backend.sweep()).toMatchObject({ sent: 1, retry: 0 });
    expect((await stores.outbox.get(ref('follow-up')))?.state).toBe('sent');
    expect(mailer.to(visitor)).toHaveLength(2);
  });

  it('never puts back an email it sent but could not record, and says so in the log', async () => {
    const { backend, stores, mailer, clock, log } = await withQueuedEmails([]);
    stores.outbox.markSent = async () => {
      throw new Error('Rate exceeded');
    };
    clock.advance(3 * 86_400_000);
    expect(await backend.sweep()).toMatchObject({ sent: 1, retry: 0 });
    await backend.sweep();
    expect(mailer.to(visitor)).toHaveLength(2); // the results, and the follow-up once
    expect(log.entries.filter((e) => e.message.startsWith('outbox item sent but not recorded'))).toHaveLength(1);
  });
});

describe('retryDelayMs', () => {
  it.each([
    [1, 60_000],
    [2, 120_000],
    [4, 480_000],
    [30, 6 * 3_600_000],
  ])('waits %i attempt(s) → %i ms', (attempts, delay) => {
    expect(retryDelayMs(attempts)).toBe(delay);
  });
});
