import type { Item, Table } from '../adapters/table.ts';
import { type ItemOwner, type ItemRef, OutboxItemSchema } from '../records.ts';
import { OUTBOX_INDEX, recordKey, recordOfKey } from '../table-design.ts';
import type { KindFilter, Outbox, OutboxReview } from './outbox.ts';

/**
 * | item            | pk                                       | sk              | index `outbox-due`                    |
 * | an outbox item  | its owner's pk (`SUB#…`, `CONTACT#…`,    | `EMAIL#<kind>`  | `outboxState` (`pending`, `failed`),  |
 * |                 | `DIGEST#…`)                              |                 | `dueAt`, while unsent                 |
 *
 * An item sits beside the record it is composed from. The sort key says `EMAIL#` for webhook events too (their kind
 * is `webhook:<event>`): items stored by earlier versions keep their keys. Only unsent items carry `outboxState`
 * and `dueAt`, so the sweep reads exactly the items that are due, oldest first; a failed item keeps them (state
 * `failed`, due when it gave up) so the consultancy can list it and send it again. The sweep sees an item past its
 * retention too, and settles it (skipped, its record being gone) rather than leave it pending until TTL removes it.
 */
const SK_PREFIX = 'EMAIL#';
const keyOf = (item: ItemRef) => ({ pk: recordKey(item.owner), sk: `${SK_PREFIX}${item.kind}` });

/** The reference of a stored item, from its keys. */
function refOf(item: Item): ItemRef {
  const owner = recordOfKey(String(item.pk));
  if (!owner) throw new Error(`${String(item.pk)} is no record an outbox item can be about.`);
  return { kind: String(item.sk).slice(SK_PREFIX.length), owner };
}
const parse = (item: Item) => OutboxItemSchema.parse({ ...item, ...refOf(item) });

/** The DynamoDB outbox. */
export class DynamoOutbox implements Outbox, OutboxReview {
  constructor(private readonly table: Table) {}

  async enqueue(item: ItemRef, dueAt: Date): Promise<void> {
    // Already queued (a repeat of the same request): nothing to do.
    await this.table.putIfAbsent({
      ...keyOf(item),
      state: 'pending',
      outboxState: 'pending',
      dueAt: dueAt.toISOString(),
      attempts: 0,
      createdAt: this.table.now().toISOString(),
      expiresAt: this.table.expiresIn(),
    });
  }

  async claim(item: ItemRef, claimId: string, leaseUntil: Date) {
    const claimed = await this.table.update(keyOf(item), {
      // Claiming moves dueAt to the lease's end: a sender that dies frees the item when the lease ends.
      expression: 'SET claimId = :claim, dueAt = :lease, attempts = attempts + :one',
      condition: 'outboxState = :pending AND dueAt <= :now',
      values: {
        ':claim': claimId,
        ':lease': leaseUntil.toISOString(),
        ':one': 1,
        ':pending': 'pending',
        ':now': this.table.now().toISOString(),
      },
    });
    return claimed && parse(claimed);
  }

  async markSent(item: ItemRef, claimId: string, messageId: string): Promise<void> {
    await this.settle(item, claimId, 'SET #state = :sent, messageId = :mid, sentAt = :now REMOVE outboxState, dueAt, claimId', {
      ':sent': 'sent',
      ':mid': messageId,
      ':now': this.table.now().toISOString(),
    });
  }

  async retryLater(item: ItemRef, claimId: string, retryAt: Date, error: string): Promise<void> {
    await this.settle(item, claimId, 'SET dueAt = :retry, lastError = :err REMOVE claimId', {
      ':retry': retryAt.toISOString(),
      ':err': error.slice(0, 1000),
    });
  }

  async finish(item: ItemRef, claimId: string, state: 'failed' | 'skipped', reason: string): Promise<void> {
    const update =
      state === 'failed'
        ? 'SET #state = :final, lastError = :err, outboxState = :final, dueAt = :now REMOVE claimId'
        : 'SET #state = :final, lastError = :err REMOVE outboxState, dueAt, claimId';
    await this.settle(item, claimId, update, {
      ':final': state,
      ':err': reason.slice(0, 1000),
      ...(state === 'failed' ? { ':now': this.table.now().toISOString() } : {}),
    });
  }

  /** Updates an item only while this claim still holds it. */
  private async settle(item: ItemRef, claimId: string, update: string, values: Record<string, unknown>): Promise<void> {
    const held = await this.table.update(keyOf(item), {
      expression: update,
      condition: 'claimId = :claim',
      ...(update.includes('#state') && { names: { '#state': 'state' } }),
      values: { ...values, ':claim': claimId },
    });
    if (!held) throw new Error(`Lost the claim on ${item.kind} of ${item.owner.type} ${item.owner.id}: its lease ended first.`);
  }

  async listDue(limit: number, kinds?: KindFilter): Promise<ItemRef[]> {
    const items = await this.table.query({
      index: OUTBOX_INDEX,
      expression: 'outboxState = :pending AND dueAt <= :now',
      // The kind is in the sort key, which every index holds.
      ...(kinds && { filter: kinds.matching ? 'begins_with(sk, :kind)' : 'NOT begins_with(sk, :kind)' }),
      values: { ':pending': 'pending', ':now': this.table.now().toISOString(), ...(kinds && { ':kind': `${SK_PREFIX}${kinds.prefix}` }) },
      limit,
      withExpired: true,
    });
    return items.map(refOf);
  }

  async get(item: ItemRef) {
    const stored = await this.table.get(keyOf(item), { withExpired: true });
    return stored && parse(stored);
  }

  async failed() {
    const items = await this.table.query({
      index: OUTBOX_INDEX,
      expression: 'outboxState = :failed',
      values: { ':failed': 'failed' },
      descending: true,
    });
    return items.map(parse);
  }

  /** Every item about a record, past its retention too: the consultancy sees, exports and erases all that is stored. */
  private async all(owner: ItemOwner) {
    return this.table.query({
      expression: 'pk = :pk AND begins_with(sk, :items)',
      values: { ':pk': recordKey(owner), ':items': SK_PREFIX },
      withExpired: true,
    });
  }

  async itemsOf(owner: ItemOwner) {
    return (await this.all(owner)).map(parse);
  }

  async retry(item: ItemRef, now: Date): Promise<boolean> {
    const updated = await this.table.update(keyOf(item), {
      expression: 'SET #state = :pending, outboxState = :pending, dueAt = :now, attempts = :zero',
      condition: '#state = :failed',
      names: { '#state': 'state' },
      values: { ':pending': 'pending', ':failed': 'failed', ':now': now.toISOString(), ':zero': 0 },
    });
    return updated !== null;
  }

  async eraseItemsOf(owner: ItemOwner) {
    const items = await this.all(owner);
    for (const item of items) await this.table.delete({ pk: String(item.pk), sk: String(item.sk) });
    return items.map(parse);
  }
}
