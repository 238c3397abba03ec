import { resultsUrl } from '../../quiz/render-results.ts';
import type { Prepare, Prepared } from '../outbox/deliver.ts';
import type { Outbox } from '../outbox/outbox.ts';
import type { Clock, OutgoingWebhook, WebhookSender } from '../ports.ts';
import type { ItemRef, StoredSubmission } from '../records.ts';
import { formatToken } from '../submissions/results-token.ts';
import { withoutId } from '../submissions/shown-result.ts';
import type { Submissions } from '../submissions/submissions.ts';

/** What one kind of webhook event declares: when a submission gets it, when it happened, and what it carries. */
interface WebhookEventKind {
  /** Whether the submission, as stored now, gets this event (checked when queueing and again when sending). */
  wanted(submission: StoredSubmission): boolean;
  /** When it happened (ISO time), the same on every attempt. */
  occurredAt(submission: StoredSubmission): string;
  /** The event's `data`, with links to the site at `siteUrl`. */
  data(submission: StoredSubmission, siteUrl: string): Record<string, unknown>;
}

/** A lead as a CRM maps it: contact fields at the top, then the score, the grade and where it came from. */
function lead(submission: StoredSubmission, siteUrl: string): Record<string, unknown> {
  const { contact, result } = submission;
  return {
    submissionId: submission.id,
    createdAt: submission.createdAt,
    email: contact?.email ?? null,
    name: contact?.name ?? null,
    company: contact?.company ?? null,
    // Events may arrive out of order: a late lead.created must not undo an unsubscribe.
    followUpConsent: contact ? contact.consent.given && submission.unsubscribedAt === undefined : null,
    unsubscribedAt: submission.unsubscribedAt ?? null,
    grade: submission.grade.grade,
    gradeLabel: submission.grade.label,
    gradePoints: submission.grade.points,
    overallPercent: result.percent,
    band: result.band?.headline ?? null,
    categories: Object.fromEntries(result.categories.map((c) => [c.id, c.percent])),
    qualifying: submission.qualifying,
    source: submission.source,
    assessmentVersion: submission.assessmentVersion,
    resultsUrl: resultsUrl(siteUrl, formatToken(submission)),
    // A retake is the same lead again: the submission it retakes, and that result's scores.
    retakeOf: submission.previous ? { submissionId: submission.previous.id, ...withoutId(submission.previous) } : null,
  };
}

/**
 * Every webhook event the backend sends, by its type. Each goes through the outbox like an email (kind
 * `webhook:<type>`, one per submission), so it is retried with backoff and never sent twice.
 */
export const webhookEvents = {
  /** A completed assessment was stored with contact details. */
  'lead.created': {
    // Only a lead, someone who left their details with the answers: an anonymous answer is nobody the CRM can reach.
    wanted: (submission) => submission.contact !== undefined && submission.contact.at === submission.createdAt,
    occurredAt: (submission) => submission.createdAt,
    data: lead,
  },
  /** Contact details were given after the results were shown. */
  'lead.contact_added': {
    // Details given with the answers carry the submission's own time: lead.created already had them.
    wanted: (submission) => submission.contact !== undefined && submission.contact.at !== submission.createdAt,
    occurredAt: (submission) => submission.contact?.at ?? submission.createdAt,
    data: lead,
  },
  /** The person who gave the submission's address unsubscribed. */
  'person.unsubscribed': {
    wanted: (submission) => submission.unsubscribedAt !== undefined && submission.contact !== undefined,
    occurredAt: (submission) => submission.unsubscribedAt ?? submission.createdAt,
    data: (submission) => ({
      email: submission.contact?.email ?? null,
      submissionId: submission.id,
      unsubscribedAt: submission.unsubscribedAt,
    }),
  },
} as const satisfies Record<string, WebhookEventKind>;

/** The type of a webhook event. */
export type WebhookEventType = keyof typeof webhookEvents;

/** The start of every webhook event's outbox kind (`webhook:lead.created`). */
export const WEBHOOK_KIND_PREFIX = 'webhook:';
const PREFIX = WEBHOOK_KIND_PREFIX;
/** The outbox kind of webhook events: `webhook:<type>`. */
export const webhookKind = (type: WebhookEventType) => `${PREFIX}${type}`;

/** The event type of an outbox kind, or null when the kind is an email's. */
export function webhookTypeOf(kind: string): WebhookEventType | null {
  if (!kind.startsWith(PREFIX)) return null;
  const type = kind.slice(PREFIX.length);
  return Object.hasOwn(webhookEvents, type) ? (type as WebhookEventType) : null;
}

/** Whether an outbox kind is a webhook's (of this version or an older one). */
export const isWebhookKind = (kind: string) => kind.startsWith(PREFIX);

/** The event as sent: `{ type, timestamp, data }` with an id that is the same on every attempt. */
export function webhookOf(type: WebhookEventType, submission: StoredSubmission, siteUrl: string): OutgoingWebhook {
  const event = webhookEvents[type];
  return {
    id: `msg_${submission.id}_${type}`,
    type,
    body: JSON.stringify({ type, timestamp: event.occurredAt(submission), data: event.data(submission, siteUrl) }),
  };
}

/** What queueing webhook events needs: whether a receiver is configured (`WEBHOOK_URL`), the outbox, the clock. */
export interface WebhookQueueing {
  enabled: boolean;
  outbox: Pick<Outbox, 'enqueue'>;
  clock: Clock;
}

/**
 * Queues the webhook events (of `types`, by default all) a stored submission now gets, when a receiver is
 * configured. The sweep sends them within minutes: a slow or unreachable receiver never holds up a visitor's
 * request. Idempotent: an event already queued (or sent) for the submission is not queued again.
 */
export async function queueWebhooks(
  submission: StoredSubmission,
  { enabled, outbox, clock }: WebhookQueueing,
  types = Object.keys(webhookEvents) as WebhookEventType[],
): Promise<void> {
  if (!enabled) return;
  const owner = { type: 'submission' as const, id: submission.id };
  for (const type of types) {
    if (webhookEvents[type].wanted(submission)) await outbox.enqueue({ kind: webhookKind(type), owner }, clock.now());
  }
}

/** What sending webhook events needs: the receiver (when one is configured), the submissions, the site's origin. */
export interface WebhookSending {
  sender?: WebhookSender;
  submissions: Pick<Submissions, 'get'>;
  siteUrl: string;
}

/** Prepares a queued webhook event from its submission at send time, or says why there is nothing to send any more. */
export function prepareWebhook({ sender, submissions, siteUrl }: WebhookSending): Prepare {
  return async (ref: ItemRef): Promise<Prepared | { skip: string }> => {
    const type = webhookTypeOf(ref.kind);
    if (!type) throw new Error(`No webhook event is named "${ref.kind}" in webhook/events.ts.`);
    if (!sender) return { skip: 'no webhook receiver is configured (WEBHOOK_URL) any more' };
    const submission = ref.owner.type === 'submission' ? await submissions.get(ref.owner.id) : null;
    if (!submission) return { skip: `the ${ref.owner.type} was never stored or has expired` };
    if (!webhookEvents[type].wanted(submission)) return { skip: 'the submission no longer gets this event' };
    const webhook = webhookOf(type, submission, siteUrl);
    return {
      send: async () => {
        await sender.send(webhook);
        return { messageId: webhook.id };
      },
    };
  };
}
