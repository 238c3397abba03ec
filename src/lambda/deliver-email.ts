import { randomUUID } from 'node:crypto';
import { EmailDeferredError, EmailRejectedError } from './errors.ts';
import type { Clock, Log, Mailer, Outbox, OutboxEntry, OutboxKey, OutgoingEmail } from './ports.ts';

/** What composing an email may say instead of an email: there is nothing to send (any more). */
export interface NothingToSend {
  skip: string;
}

/** Builds the email for an outbox entry from the stored data, at send time. */
export type ComposeEmail = (entry: OutboxEntry) => Promise<OutgoingEmail | NothingToSend>;

/** What sending one outbox item needs. */
export interface DeliveryDeps {
  outbox: Outbox;
  mailer: Mailer;
  clock: Clock;
  log: Log;
  compose: ComposeEmail;
  /** Attempts after which an email is marked failed (and logged for the alarm). */
  maxAttempts: number;
}

/**
 * A new outbox item waits this long before a sweep may take it: the request that wrote it sends it itself, and a
 * sweep must not judge it orphaned before the request has stored the record it belongs to.
 */
export const REQUEST_GRACE_MS = 2 * 60_000;

/** How long a claim holds an email; a sender that dies mid-send frees it after this. */
export const CLAIM_LEASE_MS = 5 * 60_000;

/** The wait before attempt n+1: 1, 2, 4, 8... minutes, capped at 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

/** The outcome of one delivery attempt. */
export type DeliveryOutcome = 'sent' | 'skipped' | 'retry' | 'failed' | 'not-claimed';

/**
 * Sends one outbox email at most once: claim with a conditional update, compose from stored data, send,
 * record. Transient failures go back to the outbox with backoff; permanent ones are marked failed.
 */
export async function deliverEmail(key: OutboxKey, deps: DeliveryDeps, immediate = false): Promise<DeliveryOutcome> {
  const now = deps.clock.now();
  const claimId = randomUUID();
  const entry = await deps.outbox.claim(key, claimId, now, new Date(now.getTime() + CLAIM_LEASE_MS), immediate);
  if (!entry) return 'not-claimed';

  const email = await deps.compose(entry);
  if ('skip' in email) {
    await deps.outbox.finish(key, claimId, 'skipped', email.skip);
    deps.log.info('email skipped', { ...key, reason: email.skip });
    return 'skipped';
  }

  try {
    const { messageId } = await deps.mailer.send(email);
    await deps.outbox.markSent(key, claimId, messageId, deps.clock.now());
    deps.log.info('email sent', { ...key, messageId, attempt: entry.attempts });
    return 'sent';
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (error instanceof EmailRejectedError || entry.attempts >= deps.maxAttempts) {
      await deps.outbox.finish(key, claimId, 'failed', reason);
      // The alarm on failed emails counts this exact message.
      deps.log.error('email failed', { ...key, attempts: entry.attempts, reason, emailFailed: 1 });
      return 'failed';
    }
    if (!(error instanceof EmailDeferredError)) {
      deps.log.warn('unexpected error while sending email; will retry', { ...key, reason });
    }
    const retryAt = new Date(deps.clock.now().getTime() + retryDelayMs(entry.attempts));
    await deps.outbox.retryLater(key, claimId, retryAt, reason);
    deps.log.warn('email deferred', { ...key, attempts: entry.attempts, retryAt: retryAt.toISOString(), reason });
    return 'retry';
  }
}

/** Sends every email that is due, one after another; returns how many ended in each outcome. */
export async function sweepOutbox(deps: DeliveryDeps, limit = 100): Promise<Record<DeliveryOutcome, number>> {
  const counts: Record<DeliveryOutcome, number> = { sent: 0, skipped: 0, retry: 0, failed: 0, 'not-claimed': 0 };
  const due = await deps.outbox.listDue(deps.clock.now(), limit);
  for (const key of due) {
    try {
      counts[await deliverEmail(key, deps)] += 1;
    } catch (error) {
      // One bad item must not stop the sweep; it stays pending and is tried again next time.
      deps.log.error('sweep could not process email', { ...key, error: error instanceof Error ? error.message : String(error) });
      counts.retry += 1;
    }
  }
  return counts;
}
