import { randomUUID } from 'node:crypto';
import { type EmailKindDefinition, emailKinds, isEmailKind } from '../email/registry.ts';
import { EmailDeferredError, ServiceUnavailableError } from '../errors.ts';
import { countStep } from '../funnel/count-step.ts';
import type { BackendContext, OutgoingEmail } from '../ports.ts';
import type { EmailRef } from '../records.ts';
import { composeFrom, isWanted, type OwnedRecord, readOwnedRecord, visitorOf } from './owned-record.ts';

/** How long a claim holds an email; a sender that dies mid-send frees it after this. */
export const CLAIM_LEASE_MS = 5 * 60_000;

/** The wait before attempt n+1: 1, 2, 4, 8... minutes, capped at 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

/** The outcome of one delivery attempt. */
export type DeliveryOutcome = 'sent' | 'skipped' | 'retry' | 'failed' | 'not-claimed';

/** A composed email with the kind and record it came from. */
interface Composed {
  email: OutgoingEmail;
  kind: EmailKindDefinition;
  owned: OwnedRecord;
}

/** Builds a queued email from its stored record, or says why there is nothing to send any more. */
async function composeEmail(ref: EmailRef, context: BackendContext): Promise<Composed | { skip: string }> {
  const name = ref.kind;
  if (!isEmailKind(name)) throw new Error(`No kind of email is named "${name}" in email/registry.ts.`);
  const kind: EmailKindDefinition = emailKinds[name];
  const owned = await readOwnedRecord(ref.owner, context.store);
  if (!owned) return { skip: `the ${ref.owner.type} was never stored or has expired` };
  if (!isWanted(kind, owned)) return { skip: 'the record no longer asks for this email (no contact details or no consent)' };
  const visitor = visitorOf(owned);
  if (kind.audience === 'visitor') {
    if (!visitor) return { skip: 'no contact details were stored' };
    const unsubscribed = owned.type === 'submission' && owned.record.unsubscribedAt !== undefined;
    if (unsubscribed || (await context.store.isSuppressed(visitor.address))) return { skip: 'the address unsubscribed' };
  }
  if (kind.latestPerAddressOnly && visitor) {
    const latest = await context.store.latestEmailOwner(name, visitor.address);
    if (latest && (latest.type !== ref.owner.type || latest.id !== ref.owner.id)) {
      return { skip: 'a later one to the same address replaced it' };
    }
  }
  const { SENDER_ADDRESS: from, LEAD_RECIPIENT: consultancy } = context.settings;
  const content = composeFrom(kind, owned, context);
  // To the visitor, replies reach the consultancy; to the consultancy, they reach the visitor (if there is one).
  const email: OutgoingEmail =
    kind.audience === 'visitor' && visitor
      ? { from, to: [visitor.address], replyTo: [consultancy], ...content }
      : { from, to: [consultancy], ...(visitor && { replyTo: [visitor.address] }), ...content };
  return { email, kind, owned };
}

/**
 * Sends one queued email at most once: claim it with a conditional update, compose it from the stored record,
 * send, record. Passing failures go back to the outbox with backoff; permanent ones are marked failed.
 */
export async function deliverEmail(ref: EmailRef, context: BackendContext): Promise<DeliveryOutcome> {
  const { store, mailer, clock, log, settings } = context;
  const claimId = randomUUID();
  const claimed = await store.claim(ref, claimId, new Date(clock.now().getTime() + CLAIM_LEASE_MS));
  if (!claimed) return 'not-claimed';
  const where = { kind: ref.kind, ...ref.owner };
  let messageId: string;
  let composed: Composed;
  try {
    const result = await composeEmail(ref, context);
    if ('skip' in result) {
      await store.finish(ref, claimId, 'skipped', result.skip);
      log.info('email skipped', { ...where, reason: result.skip });
      return 'skipped';
    }
    composed = result;
    ({ messageId } = await mailer.send(composed.email));
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    // Throttling and outages pass; a refusal, or a fault in our own code, does not get better by trying again.
    const passing = error instanceof EmailDeferredError || error instanceof ServiceUnavailableError;
    if (!passing || claimed.attempts >= settings.MAX_SEND_ATTEMPTS) {
      await store.finish(ref, claimId, 'failed', reason);
      // The alarm on failed emails counts this exact message.
      log.error('email failed', { ...where, attempts: claimed.attempts, reason, emailFailed: 1 });
      return 'failed';
    }
    const retryAt = new Date(clock.now().getTime() + retryDelayMs(claimed.attempts));
    await store.retryLater(ref, claimId, retryAt, reason);
    log.warn('email deferred', { ...where, attempts: claimed.attempts, retryAt: retryAt.toISOString(), reason });
    return 'retry';
  }
  const { kind, owned } = composed;
  if (kind.countsAs && owned.type === 'submission') await countStep(context, kind.countsAs, owned.record);
  // Outside the try: once sent, a failure to record it must never put the email back to be sent again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await store.markSent(ref, claimId, messageId);
      log.info('email sent', { ...where, messageId, attempt: claimed.attempts });
      return 'sent';
    } catch (error) {
      if (attempt < 3) continue;
      // Only a claim lost before the record could be written leaves the email pending: it would go out again.
      log.error('email sent but not recorded as sent; it may be sent again when its claim ends', {
        ...where,
        messageId,
        error: String(error),
      });
      return 'sent';
    }
  }
}

/** Tries to send emails now, side by side; one that fails stays in the outbox for the sweep. */
export async function sendNow(refs: EmailRef[], context: BackendContext): Promise<void> {
  await Promise.all(
    refs.map((ref) =>
      deliverEmail(ref, context).catch((error: unknown) => {
        context.log.warn('email not sent now; left to the sweep', { kind: ref.kind, ...ref.owner, error: String(error) });
      }),
    ),
  );
}

/** The scheduled sweep: sends every email that is due, one after another; counts each outcome. */
export async function sendDueEmails(context: BackendContext, limit = 100): Promise<Record<DeliveryOutcome, number>> {
  const counts: Record<DeliveryOutcome, number> = { sent: 0, skipped: 0, retry: 0, failed: 0, 'not-claimed': 0 };
  for (const ref of await context.store.listDue(limit)) {
    try {
      counts[await deliverEmail(ref, context)] += 1;
    } catch (error) {
      // One bad item must not stop the sweep; it stays pending and is tried again when its lease ends.
      context.log.error('sweep could not process email', { kind: ref.kind, ...ref.owner, error: String(error) });
      counts.retry += 1;
    }
  }
  context.log.info('sweep finished', { ...counts });
  return counts;
}
