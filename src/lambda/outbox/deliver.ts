import { randomUUID } from 'node:crypto';
import { EmailDeferredError, ServiceUnavailableError, WebhookDeferredError } from '../errors.ts';
import type { Clock, Log } from '../ports.ts';
import type { ItemRef } from '../records.ts';
import type { Outbox } from './outbox.ts';

/** How long a claim holds an item; a sender that dies mid-send frees it after this. */
export const CLAIM_LEASE_MS = 5 * 60_000;

/** The wait before attempt n+1: 1, 2, 4, 8... minutes, capped at 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

/** The outcome of one delivery attempt. */
export type DeliveryOutcome = 'sent' | 'skipped' | 'retry' | 'failed' | 'not-claimed';

/** One outbox item ready to go: how to send it, and what to count once it is sent. */
export interface Prepared {
  send(): Promise<{ messageId: string }>;
  afterSent?(): Promise<void>;
}

/**
 * Builds an item at send time from what it is about (an email from its record, a webhook event from its
 * submission), or says why there is nothing to send any more.
 * @throws when the item's kind is unknown to the function delivering it (a fault: it is marked failed)
 */
export type Prepare = (item: ItemRef) => Promise<Prepared | { skip: string }>;

/** What delivering needs: the outbox, how to prepare each kind of item, and when to give up. */
export interface Delivery {
  outbox: Outbox;
  prepare: Prepare;
  /** Attempts after which an item is marked failed. */
  maxAttempts: number;
  clock: Clock;
  log: Log;
}

/**
 * Sends one queued item (an email, or a webhook event) at most once: claim it with a conditional update, prepare
 * it from what it is about, send, record. Passing failures go back to the outbox with backoff; permanent ones are
 * marked failed.
 */
export async function deliverItem(ref: ItemRef, { outbox, prepare, maxAttempts, clock, log }: Delivery): Promise<DeliveryOutcome> {
  const claimId = randomUUID();
  const claimed = await outbox.claim(ref, claimId, new Date(clock.now().getTime() + CLAIM_LEASE_MS));
  if (!claimed) return 'not-claimed';
  const where = { kind: ref.kind, ...ref.owner };
  let messageId: string;
  let prepared: Prepared;
  try {
    const result = await prepare(ref);
    if ('skip' in result) {
      await outbox.finish(ref, claimId, 'skipped', result.skip);
      log.info('outbox item skipped', { ...where, reason: result.skip });
      return 'skipped';
    }
    prepared = result;
    ({ messageId } = await prepared.send());
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    // Throttling and outages pass; a refusal, or a fault in our own code, does not get better by trying again.
    const passing =
      error instanceof EmailDeferredError || error instanceof WebhookDeferredError || error instanceof ServiceUnavailableError;
    if (!passing || claimed.attempts >= maxAttempts) {
      await outbox.finish(ref, claimId, 'failed', reason);
      // The alarm on failed outbox items counts this log line's `itemFailed` (infra/constructs/monitoring.ts).
      log.error('outbox item failed', { ...where, attempts: claimed.attempts, reason, itemFailed: 1 });
      return 'failed';
    }
    const retryAt = new Date(clock.now().getTime() + retryDelayMs(claimed.attempts));
    await outbox.retryLater(ref, claimId, retryAt, reason);
    log.warn('outbox item deferred', { ...where, attempts: claimed.attempts, retryAt: retryAt.toISOString(), reason });
    return 'retry';
  }
  await prepared.afterSent?.();
  // Outside the try: once sent, a failure to record it must never put the item back to be sent again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await outbox.markSent(ref, claimId, messageId);
      log.info('outbox item sent', { ...where, messageId, attempt: claimed.attempts });
      return 'sent';
    } catch (error) {
      if (attempt < 3) continue;
      // Only a claim lost before the record could be written leaves the item pending: it would go out again.
      log.error('outbox item sent but not recorded as sent; it may be sent again when its claim ends', {
        ...where,
        messageId,
        error: String(error),
      });
      return 'sent';
    }
  }
}

/** Tries to send items now, side by side; one that fails stays in the outbox for the sweep. */
export async function sendNow(refs: ItemRef[], delivery: Delivery): Promise<void> {
  await Promise.all(
    refs.map((ref) =>
      deliverItem(ref, delivery).catch((error: unknown) => {
        delivery.log.warn('outbox item not sent now; left to the sweep', { kind: ref.kind, ...ref.owner, error: String(error) });
      }),
    ),
  );
}

/**
 * The scheduled sweep: sends every item that is due, one after another; counts each outcome. The kinds named by
 * `last` (a prefix: `webhook:`) are listed apart and sent after every other, so however many of them are due, a slow
 * or failing receiver never holds up an email. It starts nothing
 * once `budgetMs` has passed (real time), so a receiver that hangs can never run it past its timeout: what is left
 * stays due for the next run.
 */
export async function sendDueItems(
  delivery: Delivery,
  { limit = 100, budgetMs = 90_000, last }: { limit?: number; budgetMs?: number; last?: string } = {},
): Promise<Record<DeliveryOutcome, number>> {
  const counts: Record<DeliveryOutcome, number> = { sent: 0, skipped: 0, retry: 0, failed: 0, 'not-claimed': 0 };
  const started = performance.now();
  const due =
    last === undefined
      ? await delivery.outbox.listDue(limit)
      : [
          ...(await delivery.outbox.listDue(limit, { prefix: last, matching: false })),
          ...(await delivery.outbox.listDue(limit, { prefix: last, matching: true })),
        ];
  for (const ref of due) {
    if (performance.now() - started > budgetMs) break;
    try {
      counts[await deliverItem(ref, delivery)] += 1;
    } catch (error) {
      // One bad item must not stop the sweep; it stays pending and is tried again when its lease ends.
      delivery.log.error('sweep could not process an outbox item', { kind: ref.kind, ...ref.owner, error: String(error) });
      counts.retry += 1;
    }
  }
  delivery.log.info('sweep finished', { ...counts });
  return counts;
}
