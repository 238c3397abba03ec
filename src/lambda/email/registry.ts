import type { FunnelStep } from '../../quiz/funnel.ts';
import type { WeeklyReport } from '../digest/weekly-report.ts';
import type { BackendContext } from '../ports.ts';
import type { StoredContactMessage, StoredSubmission } from '../records.ts';
import type { Settings } from '../settings.ts';
import { contactNotification } from './contact-notification.ts';
import { followUp } from './follow-up.ts';
import { leadNotification } from './lead-notification.ts';
import { resultsEmail } from './results-email.ts';
import { digest } from './weekly-digest.ts';

/** An email's content, before the outbox addresses it. */
export interface ComposedEmail {
  subject: string;
  html: string;
  text: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: { name: string; value: string }[];
}

/** What every kind of email declares, for the record type `T` it is composed from. */
interface KindRules<T> {
  /** Who receives it: the visitor who left their address, or the consultancy (with Reply-To the visitor). */
  audience: 'visitor' | 'consultancy';
  /** Whether a record gets this email at all (checked when queueing, and again when sending). */
  wanted(record: T): boolean;
  /**
   * At most one email of this kind per hour to the same (normalised) address, or for the same request: the same
   * answers and details sent again, as a double-submitted form does.
   */
  onePerHourPer?: 'address' | 'identical request';
  /** Only the latest of this kind to an address is sent: a later one replaces one still pending, never adds to it. */
  latestPerAddressOnly?: true;
  /** The funnel step its sending counts as, if any. */
  countsAs?: FunnelStep;
  /** How long after queueing it falls due; without it, it is sent at once. */
  delayMs?(settings: Settings): number;
  /** Builds the email from the stored record, at send time. */
  compose(record: T, context: BackendContext): ComposedEmail;
}

/** A kind of email composed from an assessment submission. */
export type SubmissionEmailKind = { owner: 'submission' } & KindRules<StoredSubmission>;
/** A kind of email composed from a contact message. */
export type MessageEmailKind = { owner: 'message' } & KindRules<StoredContactMessage>;
/** A kind of email composed from a week's report (it has no visitor, so the rules about addresses do not apply). */
export type DigestEmailKind = { owner: 'week' } & KindRules<WeeklyReport>;
/** One kind of email: what it is composed from (a submission, a contact message or a week) and its rules. */
export type EmailKindDefinition = SubmissionEmailKind | MessageEmailKind | DigestEmailKind;

/**
 * Every kind of email the backend sends, by the name its outbox items carry. Sending at once and the sweep both
 * read this registry; adding a kind is one file in email/ and one line here. Whatever a kind says, an email to a
 * visitor never goes to an address that unsubscribed.
 */
export const emailKinds = {
  'results-email': resultsEmail,
  'lead-notification': leadNotification,
  'follow-up': followUp,
  'contact-notification': contactNotification,
  'weekly-digest': digest,
} as const satisfies Record<string, EmailKindDefinition>;

/** The name of a kind of email. */
export type EmailKind = keyof typeof emailKinds;

/** Whether a stored name is a kind of the registry (an item queued by an older version may carry another). */
export function isEmailKind(name: string): name is EmailKind {
  return Object.hasOwn(emailKinds, name);
}
