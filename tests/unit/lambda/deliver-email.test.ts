import { describe, expect, it } from 'vitest';
import { CLAIM_LEASE_MS, type DeliveryDeps, deliverEmail, retryDelayMs, sweepOutbox } from '../../../src/lambda/deliver-email.ts';
import type { OutgoingEmail } from '../../../src/lambda/ports.ts';
import { memoryLog } from '../../helpers/events.ts';
import { ManualClock, MemoryOutbox, ScriptedMailer } from '../../helpers/fakes.ts';

const email: OutgoingEmail = { from: 'hello@example.com', to: ['lead@example.com'], subject: 'Hi', html: '<p>Hi</p>', text: 'Hi' };
const key = { ownerPk: 'CONTACT#1', kind: 'contact-notification' };

function setup(script: ('ok' | 'deferred' | 'rejected')[] = [], maxAttempts = 3) {
  const clock = new ManualClock();
  const outbox = new MemoryOutbox();
  const mailer = new ScriptedMailer(script);
  const log = memoryLog();
  const deps: DeliveryDeps = { outbox, mailer, clock, log, maxAttempts, compose: async () => email };
  return { clock, outbox, mailer, log, deps };
}

describe('deliverEmail', () => {
  it('sends a due email once and records it as sent', async () => {
    const { clock, outbox, mailer, deps } = setup();
    await outbox.enqueue(key, { now: clock.now(), dueAt: clock.now(), expiresAt: clock.now() });
    expect(await deliverEmail(key, deps)).toBe('sent');
    expect(await deliverEmail(key, deps)).toBe('not-claimed');
    expect(mailer.sent).toHaveLength(1);
    expect((await outbox.get(key))?.state).toBe('sent');
  });

  it('lets the request path send a new email before it is due, but only once', async () => {
    const { clock, outbox, mailer, deps } = setup();
    await outbox.enqueue(key, { now: clock.now(), dueAt: new Date(clock.now().getTime() + 120_000), expiresAt: clock.now() });
    expect(await deliverEmail(key, deps)).toBe('not-claimed');
    const outcomes = await Promise.all([deliverEmail(key, deps, true), deliverEmail(key, deps, true)]);
    expect(outcomes.sort()).toEqual(['not-claimed', 'sent']);
    expect(mailer.sent).toHaveLength(1);
  });

  it('puts a throttled email back with backoff and sends it when it falls due', async () => {
    const { clock, outbox, mailer, deps } = setup(['deferred']);
    await outbox.enqueue(key, { now: clock.now(), dueAt: clock.now(), expiresAt: clock.now() });
    expect(await deliverEmail(key, deps)).toBe('retry');
    expect(await sweepOutbox(deps)).toMatchObject({ sent: 0 });
    clock.advance(retryDelayMs(1));
    expect(await sweepOutbox(deps)).toMatchObject({ sent: 1 });
    expect(mailer.sent).toHaveLength(1);
  });

  it('marks a rejected email failed at once and logs it for the alarm', async () => {
    const { clock, outbox, log, deps } = setup(['rejected']);
    await outbox.enqueue(key, { now: clock.now(), dueAt: clock.now(), expiresAt: clock.now() });
    expect(await deliverEmail(key, deps)).toBe('failed');
    expect((await outbox.get(key))?.state).toBe('failed');
    expect(log.entries.find((e) => e.level === 'error')?.extra[0]).toMatchObject({ emailFailed: 1 });
  });

  it('gives up after the last allowed attempt', async () => {
    const { clock, outbox, deps } = setup(['deferred', 'deferred'], 2);
    await outbox.enqueue(key, { now: clock.now(), dueAt: clock.now(), expiresAt: clock.now() });
    expect(await deliverEmail(key, deps)).toBe('retry');
    clock.advance(retryDelayMs(1));
    expect(await deliverEmail(key, deps)).toBe('failed');
  });

  it('frees an email whose sender died mid-send once the lease ends', async () => {
    const { clock, outbox, mailer, deps } = setup();
    await outbox.enqueue(key, { now: clock.now(), dueAt: clock.now(), expiresAt: clock.now() });
    await outbox.claim(key, 'crashed-sender', clock.now(), new Date(clock.now().getTime() + CLAIM_LEASE_MS));
    expect(await deliverEmail(key, deps)).toBe('not-claimed');
    clock.advance(CLAIM_LEASE_MS);
    expect(await deliverEmail(key, deps)).toBe('sent');
    expect(mailer.sent).toHaveLength(1);
  });

  it('skips an email whose data is gone instead of retrying it forever', async () => {
    const { clock, outbox, mailer, deps } = setup();
    await outbox.enqueue(key, { now: clock.now(), dueAt: clock.now(), expiresAt: clock.now() });
    expect(await deliverEmail(key, { ...deps, compose: async () => ({ skip: 'message expired' }) })).toBe('skipped');
    expect(mailer.sent).toEqual([]);
    expect((await outbox.get(key))?.state).toBe('skipped');
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
