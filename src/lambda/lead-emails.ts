import type { Assessment } from '../quiz/assessment.ts';
import { type DeliveryDeps, deliverEmail, REQUEST_GRACE_MS } from './deliver-email.ts';
import { emailCopy } from './email/copy.ts';
import { renderFollowUp } from './email/follow-up.ts';
import { renderLeadNotification } from './email/lead-notification.ts';
import { renderResultsEmail } from './email/results-email.ts';
import type { OutboxEntry, OutboxKey, OutgoingEmail, StoredContact, StoredSubmission, SubmissionStore } from './ports.ts';
import { emailKey, formatToken } from './tokens.ts';

/** Outbox kinds of the assessment's emails. */
export const RESULTS_EMAIL = 'results-email';
export const LEAD_NOTIFICATION = 'lead-notification';
export const FOLLOW_UP = 'follow-up';

/** What the assessment's endpoints and emails need. */
export interface LeadDeps extends Omit<DeliveryDeps, 'compose'> {
  store: SubmissionStore;
  assessment: Assessment;
  siteUrl: string;
  siteName: string;
  senderAddress: string;
  leadRecipient: string;
  retentionDays: number;
  followUpDelayDays: number;
  /** Submissions one IP may make per hour. */
  submissionsPerIpPerHour: number;
  /** Answers faster than this (ms from page render) are from a bot. */
  minCompletionMs: number;
}

/** The owner key of a submission's outbox items. */
export const submissionPk = (id: string) => `SUB#${id}`;

/** The start of the hour that `now` falls in, and the seconds left in it. */
export function hourWindow(now: Date): { start: Date; secondsLeft: number } {
  const start = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  return { start, secondsLeft: Math.max(1, Math.ceil((start.getTime() + 3_600_000 - now.getTime()) / 1000)) };
}

/** The address that unsubscribes the owner of a results token (GET shows a button; POST unsubscribes). */
export const unsubscribeUrl = (siteUrl: string, token: string) => `${siteUrl}/api/unsubscribe?t=${encodeURIComponent(token)}`;

/**
 * Writes the outbox items for a submission's contact, before the contact is stored: the results email (at
 * most one per address per hour), the lead email, and with consent the follow-up, due days later.
 * @returns the keys to send now, and whether the results email was allowed by the per-address limit
 */
export async function queueLeadEmails(
  submissionId: string,
  contact: StoredContact,
  deps: LeadDeps,
): Promise<{ sendNow: OutboxKey[]; resultsEmailQueued: boolean }> {
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.retentionDays * 86_400_000);
  const ownerPk = submissionPk(submissionId);
  const { start } = hourWindow(now);
  const resultsEmailQueued = await deps.store.countInWindow(
    `recipient#${emailKey(contact.email)}`,
    start,
    1,
    new Date(start.getTime() + 7_200_000),
  );
  // Both are tried now even when this request did not queue the results email itself: a concurrent copy of
  // the same request may have, and whichever request stores the record sends what is queued.
  const sendNow: OutboxKey[] = [
    { ownerPk, kind: RESULTS_EMAIL },
    { ownerPk, kind: LEAD_NOTIFICATION },
  ];
  const grace = new Date(now.getTime() + REQUEST_GRACE_MS);
  if (resultsEmailQueued) await deps.outbox.enqueue({ ownerPk, kind: RESULTS_EMAIL }, { now, dueAt: grace, expiresAt });
  await deps.outbox.enqueue({ ownerPk, kind: LEAD_NOTIFICATION }, { now, dueAt: grace, expiresAt });
  if (contact.consent.given) {
    const dueAt = new Date(now.getTime() + deps.followUpDelayDays * 86_400_000);
    await deps.outbox.enqueue({ ownerPk, kind: FOLLOW_UP }, { now, dueAt, expiresAt });
  }
  return { sendNow, resultsEmailQueued };
}

/** Tries to send the given emails now; anything that fails stays in the outbox for the sweep. */
export async function sendNow(keys: OutboxKey[], deps: LeadDeps): Promise<void> {
  const delivery: DeliveryDeps = { ...deps, compose: composeLeadEmail(deps) };
  await Promise.all(
    keys.map((key) =>
      deliverEmail(key, delivery, true).catch((error: unknown) => {
        deps.log.warn('email not sent now; left to the sweep', { ...key, error: String(error) });
      }),
    ),
  );
}

/** Builds any of the assessment's emails from the stored submission, at send time. */
export function composeLeadEmail(deps: LeadDeps) {
  return async (entry: OutboxEntry): Promise<OutgoingEmail | { skip: string }> => {
    const id = entry.ownerPk.slice('SUB#'.length);
    const submission: StoredSubmission | null = await deps.store.getSubmission(id, deps.clock.now());
    if (!submission) return { skip: 'the submission was never stored or has expired' };
    const contact = submission.contact;
    if (!contact) return { skip: 'no contact details were stored for this submission' };
    const token = formatToken(submission);
    const from = deps.senderAddress;
    if (entry.kind === RESULTS_EMAIL) {
      const rendered = renderResultsEmail({
        name: contact.name,
        result: submission.result,
        token,
        siteUrl: deps.siteUrl,
        siteName: deps.siteName,
        copy: emailCopy.results,
      });
      return { from, to: [contact.email], replyTo: [deps.leadRecipient], ...rendered };
    }
    if (entry.kind === LEAD_NOTIFICATION) {
      const rendered = renderLeadNotification({
        assessment: deps.assessment,
        submission,
        contact,
        siteUrl: deps.siteUrl,
        siteName: deps.siteName,
        copy: emailCopy.leadNotification,
      });
      return { from, to: [deps.leadRecipient], replyTo: [contact.email], ...rendered };
    }
    if (entry.kind === FOLLOW_UP) {
      if (!contact.consent.given) return { skip: 'no consent to a follow-up' };
      if (submission.unsubscribedAt || (await deps.store.isSuppressed(emailKey(contact.email))))
        return { skip: 'the address unsubscribed' };
      const unsubscribe = unsubscribeUrl(deps.siteUrl, token);
      const { categoryId: _c, ...rendered } = renderFollowUp({
        name: contact.name,
        result: submission.result,
        token,
        unsubscribeUrl: unsubscribe,
        siteUrl: deps.siteUrl,
        siteName: deps.siteName,
        copy: emailCopy.followUp,
      });
      return {
        from,
        to: [contact.email],
        replyTo: [deps.leadRecipient],
        ...rendered,
        headers: [
          { name: 'List-Unsubscribe', value: `<${unsubscribe}>` },
          { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
        ],
      };
    }
    return { skip: `unknown email kind ${entry.kind}` };
  };
}
