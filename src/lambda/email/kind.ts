import type { Assessment } from '../../quiz/assessment.ts';
import type { FunnelStep } from '../../quiz/funnel.ts';
import type { StoredContactMessage, StoredSubmission } from '../records.ts';
import type { WeeklyReport } from '../reports/weekly-report.ts';
import type { BookingOffer } from '../submissions/shown-result.ts';

/** An email's content, before the outbox addresses it. */
export interface ComposedEmail {
  subject: string;
  html: string;
  text: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: { name: string; value: string }[];
}

/** What composing an email may read besides its record: the site's words and the consultancy's settings. */
export interface EmailContext {
  /** The public origin of links (`SITE_URL`). */
  siteUrl: string;
  /** The consultancy's name. */
  siteName: string;
  /** The firm's postal address (content/site.json), in every email's footer when given. */
  postalAddress?: string;
  /** The consultancy's time zone, for days and times in words. */
  timeZone: string;
  /** The assessment, for the words of its questions and answers (a function that sends no lead email loads none). */
  assessment?: Assessment;
  /** The consultancy's booking page, when it has one. */
  booking?: BookingOffer;
  /** Answers sent faster than this are marked in the lead email as possibly automated. */
  minCompletionSeconds: number;
  /** Days after an assessment when the follow-up falls due. */
  followUpDelayDays: number;
}

/** What every kind of email declares, for the record type `T` it is composed from. */
interface KindRules<T> {
  /** Who receives it: the visitor who left their address, or the consultancy (with Reply-To the visitor). */
  audience: 'visitor' | 'consultancy';
  /**
   * Whether a record gets this email at all: checked when queueing, and again when the sweep sends it from the record
   * as stored then (sent at once, it is composed from the record the request has just stored).
   */
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
  delayMs?(context: EmailContext): number;
  /**
   * Composed, when it is sent, about the visitor's latest attempt: the newest retake linked to the record ("Take it
   * again" from its result, and retakes of those), or the record itself when there is none. `compose` gets it as
   * `latest`.
   */
  aboutLatestAttempt?: true;
  /** Builds the email from the stored record, at send time; or says why there is nothing to send any more. */
  compose(record: T, context: EmailContext, latest?: T): ComposedEmail | NothingToSend;
}

/** What `compose` answers when the record no longer leaves anything to say: the email is skipped, for this reason. */
export interface NothingToSend {
  skip: string;
}

/** A kind of email composed from an assessment submission. */
export type SubmissionEmailKind = { owner: 'submission' } & KindRules<StoredSubmission>;
/** A kind of email composed from a contact message. */
export type MessageEmailKind = { owner: 'message' } & KindRules<StoredContactMessage>;
/** A kind of email composed from a week's report (it has no visitor, so the rules about addresses do not apply). */
export type DigestEmailKind = { owner: 'week' } & KindRules<WeeklyReport>;
/** One kind of email: what it is composed from (a submission, a contact message or a week) and its rules. */
export type EmailKindDefinition = SubmissionEmailKind | MessageEmailKind | DigestEmailKind;

/** Kinds of email by the name their outbox items carry. */
export type EmailKinds = Record<string, EmailKindDefinition>;

/** A record emails are composed from, with its type: a submission, a contact message or a week's report. */
export type OwnedRecord =
  | { type: 'submission'; record: StoredSubmission }
  | { type: 'message'; record: StoredContactMessage }
  | { type: 'week'; record: WeeklyReport };
