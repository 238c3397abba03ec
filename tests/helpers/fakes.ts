import { EmailDeferredError, EmailRejectedError } from '../../src/lambda/errors.ts';
import type { Mailer, Outbox, OutboxEntry, OutboxKey, OutgoingEmail } from '../../src/lambda/ports.ts';

const id = (key: OutboxKey) => `${key.ownerPk}|${key.kind}`;

/** An in-memory outbox with the same claim rules as the DynamoDB one. */
export class MemoryOutbox implements Outbox {
  readonly items = new Map<string, OutboxEntry>();

  async enqueue(key: OutboxKey, { now, dueAt }: { now: Date; dueAt: Date; expiresAt: Date }) {
    if (!this.items.has(id(key))) {
      this.items.set(id(key), { ...key, state: 'pending', dueAt: dueAt.toISOString(), attempts: 0, createdAt: now.toISOString() });
    }
  }
  async claim(key: OutboxKey, claimId: string, now: Date, leaseUntil: Date, immediate = false) {
    const item = this.items.get(id(key));
    if (item?.state !== 'pending') return null;
    if (!(item.dueAt <= now.toISOString() || (immediate && item.attempts === 0))) return null;
    Object.assign(item, { claimId, dueAt: leaseUntil.toISOString(), attempts: item.attempts + 1 });
    return { ...item };
  }
  #held(key: OutboxKey, claimId: string): OutboxEntry {
    const item = this.items.get(id(key));
    if (!item || item.claimId !== claimId) throw new Error('lost the claim');
    return item;
  }
  async markSent(key: OutboxKey, claimId: string, messageId: string) {
    Object.assign(this.#held(key, claimId), { state: 'sent', messageId, claimId: undefined });
  }
  async retryLater(key: OutboxKey, claimId: string, retryAt: Date, error: string) {
    Object.assign(this.#held(key, claimId), { dueAt: retryAt.toISOString(), lastError: error, claimId: undefined });
  }
  async finish(key: OutboxKey, claimId: string, state: 'failed' | 'skipped', reason: string) {
    Object.assign(this.#held(key, claimId), { state, lastError: reason, claimId: undefined });
  }
  async listDue(now: Date, limit: number) {
    return [...this.items.values()]
      .filter((i) => i.state === 'pending' && i.dueAt <= now.toISOString())
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
      .slice(0, limit);
  }
  async get(key: OutboxKey) {
    return this.items.get(id(key)) ?? null;
  }
}

/** A mailer that records what it sends and fails as scripted: 'ok', 'deferred' or 'rejected' per call. */
export class ScriptedMailer implements Mailer {
  readonly sent: OutgoingEmail[] = [];
  constructor(private readonly script: ('ok' | 'deferred' | 'rejected')[] = []) {}
  async send(email: OutgoingEmail) {
    const step = this.script.shift() ?? 'ok';
    if (step === 'deferred') throw new EmailDeferredError('Throttling: slow down');
    if (step === 'rejected') throw new EmailRejectedError('MessageRejected: address blacklisted');
    this.sent.push(email);
    return { messageId: `m-${this.sent.length}` };
  }
}

/** A clock that only moves when told. */
export class ManualClock {
  constructor(private current = new Date('2026-11-27T09:00:00Z')) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}
