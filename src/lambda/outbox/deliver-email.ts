import { randomUUID } from 'node:crypto';
import { type EmailKindDefinition, emailKinds, isEmailKind } from '../email/registry.ts';
import { EmailDeferredError, ServiceUnavailableError, WebhookDeferredError } from '../errors.ts';
import { countStep } from '../funnel/count-step.ts';
import type { BackendContext, OutgoingEmail } from '../ports.ts';
import type { EmailRef } from '../records.ts';
import { isWebhookKind, webhookEvents, webhookOf, webhookTypeOf } from '../webhook/events.ts';
import { composeFrom, isWanted, readOwnedRecord, visitorOf } from './owned-record.ts';

/** How long a claim holds an email; a sender that dies mid-send frees it after this. */
export const CLAIM_LEASE_MS = 5 * 60_000;

/** The wait before attempt n+1: 1, 2, 4, 8... minutes, capped at 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

/** The outcome of one delivery attempt. */
export type DeliveryOutcome = 'sent' | 'skipped' | 'retry' | 'failed' | 'not-claimed';

/** One outbox item ready to go: how to send it, and what to count once it is sent. */
interface Prepared {
  send(): Promise<{ messageId: string }>;
  afterSent?(): Promise<void>;
}

/** Builds a queued webhook event from its submission, or says why there is nothing to send any more. */
async function prepareWebhook(ref: EmailRef, context: BackendContext): Promise<Prepared | { skip: string }> {
  const type = webhookTypeOf(ref.kind);
  if (!type) throw new Error(`No webhook event is named "${ref.kind}" in webhook/events.ts.`);
  const { webhooks } = context;
  if (!webhooks) return { skip: 'no webhook receiver is configured (WEBHOOK_URL) any more' };
  const submission = ref.owner.type === 'submission' ? await context.store.getSubmission(ref.owner.id) : null;
  if (!submission) return { skip: `the ${ref.owner.type} was never stored or has expired` };
  if (!webhookEvents[type].wanted(submission)) return { skip: 'the submission no longer gets this event' };
  const webhook = webhookOf(type, submission, context);
  return {
    send: async () => {
      await webhooks.send(webhook);
      return { messageId: webhook.id };
    },
  };
}

/** Builds a queued email from its stored record, or says why there is nothing to send any more. */
async function prepareEmail(ref: EmailRef, context: BackendContext): Promise<Prepared | { skip: string }> {
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
  const { LEAD_RECIPIENT: consultancy } = context.settings;
  const { from } = context;
  const content = composeFrom(kind, owned, context);
  // To the visitor, replies reach the consultancy; to the consultancy, they reach the visitor (if there is one).
  const email: OutgoingEmail =
    kind.audience === 'visitor' && visitor
      ? { from, to: [visitor.address], replyTo: [consultancy], ...content }
      : { from, to: [consultancy], ...(visitor && { replyTo: [visitor.address] }), ...content };
  const { countsAs } = kind;
  return {
    send: () => context.mailer.send(email),
    ...(countsAs && owned.type === 'submission' && { afterSent: () => countStep(context, countsAs, owned.record) }),
  };
}

/**
 * Sends one queued outbox item (an email, or a webhook event) at most once: claim it with a conditional update,
 * compose it from the stored record, send, record. Passing failures go back to the outbox with backoff; permanent
 * ones are marked failed.
 */
export async function deliverEmail(ref: EmailRef, context: BackendContext): Promise<DeliveryOutcome> {
  const { store, clock, log, settings } = context;
  const claimId = randomUUID();
  const claimed = await store.claim(ref, claimId, new Date(clock.now().getTime() + CLAIM_LEASE_MS));
  if (!claimed) return 'not-claimed';
  const where = { kind: ref.kind, ...ref.owner };
  let messageId: string;
  let prepared: Prepared;
  try {
    const result = isWebhookKind(ref.kind) ? await prepareWebhook(ref, context) : await prepareEmail(ref, context);
    if ('skip' in result) {
      await store.finish(ref, claimId, 'skipped', result.skip);
      log.info('email skipped', { ...where, reason: result.skip });
      return 'skipped';
    }
    prepared = result;
    ({ messageId } = await prepared.send());
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    // Throttling and outages pass; a refusal, or a fault in our own code, does not get better by trying again.
    const passing =
      error instanceof EmailDeferredError || error instanceof WebhookDeferredError || error instanceof ServiceUnavailableError;
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
  await prepared.afterSent?.();
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

/**
 * The scheduled sweep: sends every email and webhook event that is due, one after another; counts each outcome.
 * It starts nothing once `budgetMs` has passed (real time), so a receiver that hangs can never run it past its
 * timeout: what is left stays due for the next run.
 */
export async function sendDueEmails(context: BackendContext, limit = 100, budgetMs = 90_000): Promise<Record<DeliveryOutcome, number>> {
  const counts: Record<DeliveryOutcome, number> = { sent: 0, skipped: 0, retry: 0, failed: 0, 'not-claimed': 0 };
  const started = performance.now();
  for (const ref of await context.store.listDue(limit)) {
    if (performance.now() - started > budgetMs) break;
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
