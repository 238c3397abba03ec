import type { ItemOwner, ItemRef, OutboxItem } from '../records.ts';

/**
 * The outbox: every email and webhook event is written here before it is sent, and claimed before each attempt,
 * so it is sent at most once however many senders race. Writes that could race are conditional.
 * @throws ServiceUnavailableError when the database throttles or is down (that call wrote nothing).
 */
export interface Outbox {
  /** Queues an item to send from `dueAt`, unless it is already queued (or sent). */
  enqueue(item: ItemRef, dueAt: Date): Promise<void>;
  /**
   * Claims a pending, due item for one send attempt until `leaseUntil` (a sender that dies frees it then).
   * @returns the claimed item, or null when it is not pending, not due, or another sender holds it.
   */
  claim(item: ItemRef, claimId: string, leaseUntil: Date): Promise<OutboxItem | null>;
  /** Records a successful send (only by the claim's holder). */
  markSent(item: ItemRef, claimId: string, messageId: string): Promise<void>;
  /** Puts the item back, to be tried again from `retryAt`. */
  retryLater(item: ItemRef, claimId: string, retryAt: Date, error: string): Promise<void>;
  /** Gives up on the item for good: `failed` after errors, `skipped` when there is nothing to send. */
  finish(item: ItemRef, claimId: string, state: 'failed' | 'skipped', reason: string): Promise<void>;
  /**
   * The pending items that are due now, oldest first; with `kinds`, only those whose kind starts (`matching`) or does
   * not start with `prefix`.
   */
  listDue(limit: number, kinds?: KindFilter): Promise<ItemRef[]>;
  /** Reads one item. */
  get(item: ItemRef): Promise<OutboxItem | null>;
}

/** What the consultancy's tools read and change in the outbox. */
export interface OutboxReview {
  /** The items the outbox gave up on (until they are sent again), most recent first. */
  failed(): Promise<OutboxItem[]>;
  /** Every item about one record still stored, whatever its state (past its retention too). */
  itemsOf(owner: ItemOwner): Promise<OutboxItem[]>;
  /**
   * Puts a failed item back, due now and with its attempts reset, for the sweep to send. Only a failed item can be
   * put back, so it is never sent twice.
   * @returns false when the item is not (or no longer) failed
   */
  retry(item: ItemRef, now: Date): Promise<boolean>;
  /** Deletes every item about one record (sent or pending, so nothing more is ever sent about it); returns them. */
  eraseItemsOf(owner: ItemOwner): Promise<OutboxItem[]>;
}

/** Some kinds of item, by the start of their name (`webhook:`): those that start so, or all the others. */
export interface KindFilter {
  prefix: string;
  matching: boolean;
}
