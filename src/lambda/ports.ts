import type { Assessment } from '../quiz/assessment.ts';
import type { Histogram } from '../quiz/benchmark.ts';
import type { BookingPage } from '../quiz/booking.ts';
import type { WeeklyReport } from './digest/weekly-report.ts';
import type { EmailKind } from './email/registry.ts';
import type { RequestCounter } from './http/rate-limit.ts';
import type { EmailOwner, EmailRef, OutboxEmail, Saved, StoredContact, StoredContactMessage, StoredSubmission } from './records.ts';
import type { Settings } from './settings.ts';

/** The interfaces the backend's logic needs; adapters implement them for AWS, tests with fakes. */

/** The time, passed in so tests and the local stack can move it. */
export interface Clock {
  now(): Date;
}

/** Structured logging (Powertools Logger satisfies it). */
export interface Log {
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}

/** One email ready to hand to the mail service. */
export interface OutgoingEmail {
  from: string;
  to: string[];
  replyTo?: string[];
  subject: string;
  html: string;
  text: string;
  /** Extra headers, e.g. List-Unsubscribe; values are single-line by schema. */
  headers?: { name: string; value: string }[];
}

/** Sends email (SES v2, in AWS and locally). */
export interface Mailer {
  /**
   * @throws EmailRejectedError when the service refuses this message for good (do not retry);
   *   EmailDeferredError when it may succeed later (throttling, 5xx).
   */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}

/** One webhook event, ready to send: its id (the same on every attempt), its type and its JSON body. */
export interface OutgoingWebhook {
  id: string;
  type: string;
  body: string;
}

/** Sends webhook events to the consultancy's receiver (a CRM, Zapier), signed. */
export interface WebhookSender {
  /**
   * @throws WebhookRejectedError when the receiver refuses the event for good (do not retry);
   *   WebhookDeferredError when it may succeed later.
   */
  send(webhook: OutgoingWebhook): Promise<void>;
}

/**
 * Where everything is kept. Addresses are compared as `normaliseAddress` makes them (the store normalises what it
 * is given). Reads return null for what is missing or past its retention. Writes that could race
 * are conditional: two callers never both create, claim or attach the same thing.
 * @throws ServiceUnavailableError when the database throttles or is down (that call wrote nothing; earlier ones of the
 *   same request may have, which is why every request can be sent again).
 */
export interface Store {
  /** Stores a submission unless one with its id exists; then returns the stored one. */
  saveSubmission(submission: StoredSubmission): Promise<Saved<StoredSubmission>>;
  /** Reads a submission. */
  getSubmission(id: string): Promise<StoredSubmission | null>;
  /** Attaches contact details once; false when the submission already has them (or is gone). */
  attachContact(submissionId: string, contact: StoredContact): Promise<boolean>;
  /** Records that the visitor of a submission unsubscribed (idempotent). */
  markUnsubscribed(submissionId: string): Promise<void>;

  /** Stores a contact message unless one with its id exists; then returns the stored one. */
  saveMessage(message: StoredContactMessage): Promise<Saved<StoredContactMessage>>;
  /** Reads a contact message. */
  getMessage(id: string): Promise<StoredContactMessage | null>;

  /** Counts one request from `subject` (a network) on a counter for the hour starting `hourStart`; false once at `limit`. */
  countRequest(counter: RequestCounter, subject: string, hourStart: Date, limit: number): Promise<boolean>;
  /**
   * Reserves, for one owner, the single email of a kind allowed for `key` (an address, or a request's hash) in the
   * hour starting `hourStart`. True when the owner holds it (asking again for the same owner is true again); false
   * when another owner does.
   */
  reserveHourlyEmail(kind: EmailKind, key: string, hourStart: Date, owner: EmailOwner): Promise<boolean>;
  /**
   * Records `owner` as the latest to queue an email of this kind to an address, unless one whose address was given
   * later (`givenAt`, ISO time) is recorded already: a repeat of an older request never takes it back.
   */
  markLatestEmail(kind: EmailKind, address: string, owner: EmailOwner, givenAt: string): Promise<void>;
  /** The owner that last queued an email of this kind to an address, or null. */
  latestEmailOwner(kind: EmailKind, address: string): Promise<EmailOwner | null>;
  /**
   * Adds one respondent to an assessment version's histogram, and one to each of their score buckets (see
   * `histogramBuckets`), in one atomic write.
   */
  countRespondent(assessmentVersion: string, buckets: string[]): Promise<void>;
  /** An assessment version's histogram (empty when nobody was counted). */
  histogram(assessmentVersion: string): Promise<Histogram>;
  /** Adds one to a day's funnel counter (`step` is a funnel step, or `question-<n>`). */
  countStep(counter: { day: string; assessmentVersion: string; entry: string; step: string }): Promise<void>;
  /** Puts an address on the suppression list (idempotent). */
  suppress(address: string, reason: string): Promise<void>;
  /** Whether an address is on the suppression list. */
  isSuppressed(address: string): Promise<boolean>;

  /** Queues an email to send from `dueAt`, unless it is already queued (or sent). */
  enqueue(email: EmailRef, dueAt: Date): Promise<void>;
  /**
   * Claims a pending, due email for one send attempt until `leaseUntil` (a sender that dies frees it then).
   * @returns the claimed email, or null when it is not pending, not due, or another sender holds it.
   */
  claim(email: EmailRef, claimId: string, leaseUntil: Date): Promise<OutboxEmail | null>;
  /** Records a successful send (only by the claim's holder). */
  markSent(email: EmailRef, claimId: string, messageId: string): Promise<void>;
  /** Puts the email back, to be tried again from `retryAt`. */
  retryLater(email: EmailRef, claimId: string, retryAt: Date, error: string): Promise<void>;
  /** Gives up on the email for good: `failed` after errors, `skipped` when there is nothing to send. */
  finish(email: EmailRef, claimId: string, state: 'failed' | 'skipped', reason: string): Promise<void>;
  /** The pending emails that are due now, oldest first. */
  listDue(limit: number): Promise<EmailRef[]>;
  /** Reads one outbox email. */
  getEmail(email: EmailRef): Promise<OutboxEmail | null>;
  /** The emails the outbox gave up on (until they are sent again), most recent first. */
  failedEmails(): Promise<OutboxEmail[]>;

  /** Submissions created from `from` up to (not including) `to`, oldest first, through the `recent` index. */
  submissionsBetween(from: Date, to: Date): Promise<StoredSubmission[]>;
  /** Every funnel counter of one UTC day (`YYYY-MM-DD`). */
  funnelCounts(day: string): Promise<FunnelCount[]>;
  /** Stores a week's report unless one for that week exists; then returns the stored one. */
  saveReport(report: WeeklyReport): Promise<Saved<WeeklyReport>>;
  /** Reads a week's report. */
  getReport(week: string): Promise<WeeklyReport | null>;
}

/** One funnel counter: a UTC day, an assessment version, an entry, a step (`question-<n>` for questions), its count. */
export interface FunnelCount {
  day: string;
  assessmentVersion: string;
  entry: string;
  step: string;
  count: number;
}

/** What the backend is built from besides its settings: the outside world. */
export interface Ports {
  store: Store;
  mailer: Mailer;
  /** The webhook receiver, when WEBHOOK_URL is set. */
  webhooks?: WebhookSender;
  clock: Clock;
  log: Log;
}

/** Everything the backend's logic is given: settings, ports and the content it serves. */
export interface BackendContext extends Ports {
  settings: Settings;
  /** The assessment it scores against. */
  assessment: Assessment;
  /** The consultancy's name (emails and pages). */
  siteName: string;
  /** The From header of every email: `"Paradigm AI" <hello@…>` (see fromHeader in site-config.ts). */
  from: string;
  /** The consultancy's public address (content/site.json `contactAddress`), for the printed report. */
  contactAddress: string;
  /** The consultancy's time zone (IANA), whose Monday-to-Sunday weeks the digest reports. */
  timeZone: string;
  /** How many others must have taken the assessment before a result is compared with theirs. */
  benchmarkMinimum: number;
  /** The consultancy's booking page, and the lead grades it is offered to first; absent: "Talk to us". */
  booking?: BookingPage & { grades: string[] };
}
