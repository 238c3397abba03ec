import type { OutboxReview } from '../outbox/outbox.ts';
import type { ItemRef } from '../records.ts';

/**
 * The emails and webhook events the outbox gave up on, as the consultancy reads them (`npm run leads -- emails
 * --failed`, the weekly digest), and sending one again.
 */

/**
 * An outbox item's id as the consultancy types it: `<kind>:<submission|message|week>:<id>`, where a webhook's kind is
 * `webhook:<event>`.
 * @example itemId({ kind: 'webhook:lead.created', owner: { type: 'submission', id: 'abc' } }) // 'webhook:lead.created:submission:abc'
 */
export const itemId = (item: ItemRef) => `${item.kind}:${item.owner.type}:${item.owner.id}`;

/** Reads an item's id back, or null when it is not one. */
export function parseItemId(text: string): ItemRef | null {
  const parts = text.split(':');
  const kind = parts[0] === 'webhook' ? parts.splice(0, 2).join(':') : parts.shift();
  const [type, ...id] = parts;
  if (!kind || (type !== 'submission' && type !== 'message' && type !== 'week') || id.length === 0) return null;
  return { kind, owner: { type, id: id.join(':') } };
}

/** One item the outbox gave up on. */
export interface FailedItem {
  /** What `emails retry` takes. */
  id: string;
  kind: string;
  /** What it is about, in words: `submission <id>`. */
  about: string;
  /** When it gave up (ISO time). */
  failedAt: string;
  attempts: number;
  reason: string;
}

/** The items the outbox gave up on (until they are sent again), most recent first. */
export async function failedItems(outbox: Pick<OutboxReview, 'failed'>): Promise<FailedItem[]> {
  return (await outbox.failed()).map((item) => ({
    id: itemId(item),
    kind: item.kind,
    about: `${item.owner.type} ${item.owner.id}`,
    failedAt: item.dueAt ?? '',
    attempts: item.attempts,
    reason: item.lastError ?? 'no reason recorded',
  }));
}

/**
 * Puts a failed item back in the outbox, by its id, for the sweep to send once.
 * @returns `queued`; `not-an-id` when the text is no item's id; `not-failed` when the item is sent, pending or gone
 */
export async function retryItem(
  outbox: Pick<OutboxReview, 'retry'>,
  id: string,
  now: Date,
): Promise<'queued' | 'not-an-id' | 'not-failed'> {
  const ref = parseItemId(id);
  if (!ref) return 'not-an-id';
  return (await outbox.retry(ref, now)) ? 'queued' : 'not-failed';
}
