import type { KindFilter, Outbox, OutboxReview } from '../../../src/lambda/outbox/outbox.ts';
import type { Clock } from '../../../src/lambda/ports.ts';
import { type ItemOwner, type ItemRef, type OutboxItem, OutboxItemSchema } from '../../../src/lambda/records.ts';
import { Shelf } from './shelf.ts';

const keyOf = (item: ItemRef) => `${item.owner.type}|${item.owner.id}|${item.kind}`;

/** The outbox, in memory, with DynamoOutbox's contract: one claim wins, a lost claim settles nothing. */
export class MemoryOutbox implements Outbox, OutboxReview {
  readonly shelf: Shelf<OutboxItem>;

  constructor(
    private readonly clock: Clock,
    retentionDays: number,
  ) {
    this.shelf = new Shelf(clock, (v) => OutboxItemSchema.parse(v), retentionDays);
  }

  async enqueue(item: ItemRef, dueAt: Date) {
    const value: OutboxItem = {
      ...structuredClone(item),
      state: 'pending',
      dueAt: dueAt.toISOString(),
      attempts: 0,
      createdAt: this.clock.now().toISOString(),
    };
    if (!this.shelf.kept.has(keyOf(item))) this.shelf.save(keyOf(item), value);
  }
  async claim(item: ItemRef, claimId: string, leaseUntil: Date) {
    const stored = this.shelf.raw(keyOf(item));
    if (stored?.state !== 'pending' || (stored.dueAt ?? '') > this.clock.now().toISOString()) return null;
    Object.assign(stored, { claimId, dueAt: leaseUntil.toISOString(), attempts: stored.attempts + 1 });
    return OutboxItemSchema.parse(structuredClone(stored));
  }
  #held(item: ItemRef, claimId: string): OutboxItem {
    const stored = this.shelf.raw(keyOf(item));
    if (!stored || stored.claimId !== claimId) throw new Error(`Lost the claim on ${keyOf(item)}: its lease ended first.`);
    return stored;
  }
  async markSent(item: ItemRef, claimId: string, messageId: string) {
    Object.assign(this.#held(item, claimId), { state: 'sent', messageId, claimId: undefined, dueAt: undefined });
  }
  async retryLater(item: ItemRef, claimId: string, retryAt: Date, error: string) {
    Object.assign(this.#held(item, claimId), { dueAt: retryAt.toISOString(), lastError: error, claimId: undefined });
  }
  async finish(item: ItemRef, claimId: string, state: 'failed' | 'skipped', reason: string) {
    // A failed item keeps, as its due time, when it gave up (failed items are listed by it).
    const dueAt = state === 'failed' ? this.clock.now().toISOString() : undefined;
    Object.assign(this.#held(item, claimId), { state, lastError: reason, claimId: undefined, dueAt });
  }
  /** Every item, past its retention too (the sweep settles those). */
  #all() {
    return [...this.shelf.kept.values()].map((kept) => OutboxItemSchema.parse(structuredClone(kept.value)));
  }
  async listDue(limit: number, kinds?: KindFilter) {
    const now = this.clock.now().toISOString();
    return this.#all()
      .filter((item) => item.state === 'pending' && (item.dueAt ?? '') <= now)
      .filter((item) => !kinds || item.kind.startsWith(kinds.prefix) === kinds.matching)
      .sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? ''))
      .slice(0, limit)
      .map(({ kind, owner }) => ({ kind, owner }));
  }
  async get(item: ItemRef) {
    const stored = this.shelf.raw(keyOf(item));
    return stored ? OutboxItemSchema.parse(structuredClone(stored)) : null;
  }
  async failed() {
    return this.shelf
      .live()
      .filter((item) => item.state === 'failed')
      .sort((a, b) => (b.dueAt ?? '').localeCompare(a.dueAt ?? ''));
  }
  async itemsOf(owner: ItemOwner) {
    return this.#all().filter((item) => item.owner.type === owner.type && item.owner.id === owner.id);
  }
  async retry(item: ItemRef, now: Date) {
    const stored = this.shelf.raw(keyOf(item));
    if (stored?.state !== 'failed') return false;
    Object.assign(stored, { state: 'pending', dueAt: now.toISOString(), attempts: 0 });
    return true;
  }
  async eraseItemsOf(owner: ItemOwner) {
    const items = [...this.shelf.kept.entries()].filter(
      ([, kept]) => kept.value.owner.type === owner.type && kept.value.owner.id === owner.id,
    );
    for (const [key] of items) this.shelf.delete(key);
    return items.map(([, kept]) => OutboxItemSchema.parse(structuredClone(kept.value)));
  }
}
