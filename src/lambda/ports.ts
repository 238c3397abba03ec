/** The interfaces the backend logic needs; adapters implement them for AWS, tests for fakes. */

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

/** Sends email (SES v2 in AWS and locally). */
export interface Mailer {
  /**
   * @throws EmailRejectedError when the service refuses this message for good (do not retry);
   *   EmailDeferredError when it may succeed later (throttling, 5xx).
   */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}

/** The key of one outbox item: the record it belongs to and which email it is. */
export interface OutboxKey {
  ownerPk: string;
  kind: string;
}

/** An outbox item as stored. */
export interface OutboxEntry extends OutboxKey {
  /** `pending` until sent, then `sent`, `failed` (gave up) or `skipped` (nothing to send any more). */
  state: 'pending' | 'sent' | 'failed' | 'skipped';
  /** ISO time from which the email may be sent (or when a claim's lease ends). */
  dueAt: string;
  /** How many times a send was started. */
  attempts: number;
  /** When the item was created (ISO). */
  createdAt: string;
  /** The claim that is sending it now, if any. */
  claimId?: string;
  lastError?: string;
  messageId?: string;
}

/** The outbox: one item per email to send, written before any send, claimed before each send. */
export interface Outbox {
  /** Adds an email to send at `dueAt` unless it is already there (idempotent). */
  enqueue(key: OutboxKey, times: { now: Date; dueAt: Date; expiresAt: Date }): Promise<void>;
  /**
   * Claims an email for one send attempt with a conditional update, so two senders never send it both.
   * `immediate` also claims a never-tried email before it is due (the request path).
   * @returns the claimed entry, or null when it is not pending, not due, or claimed by another sender.
   */
  claim(key: OutboxKey, claimId: string, now: Date, leaseUntil: Date, immediate?: boolean): Promise<OutboxEntry | null>;
  /** Records a successful send (only by the claim holder). */
  markSent(key: OutboxKey, claimId: string, messageId: string, now: Date): Promise<void>;
  /** Puts the email back to be tried again at `retryAt`. */
  retryLater(key: OutboxKey, claimId: string, retryAt: Date, error: string): Promise<void>;
  /** Gives up on the email for good: `failed` after errors, `skipped` when there is nothing to send. */
  finish(key: OutboxKey, claimId: string, state: 'failed' | 'skipped', reason: string): Promise<void>;
  /** The keys of pending emails due by `now`, oldest first. */
  listDue(now: Date, limit: number): Promise<OutboxKey[]>;
  /** Reads one outbox item. */
  get(key: OutboxKey): Promise<OutboxEntry | null>;
}

/** A contact-form message as stored. */
export interface StoredContactMessage {
  id: string;
  name: string;
  email: string;
  company?: string;
  message: string;
  /** Hash of the validated payload, to tell a repeat from a different message with the same id. */
  payloadHash: string;
  createdAt: string;
}

/** Where contact messages are kept. */
export interface ContactStore {
  /** Stores the message unless one with its id exists; returns the existing one in that case. */
  saveMessage(
    message: StoredContactMessage,
    expiresAt: Date,
  ): Promise<{ created: true } | { created: false; existing: StoredContactMessage }>;
  /** Reads a message, or null when missing or expired. */
  getMessage(id: string, now: Date): Promise<StoredContactMessage | null>;
}

/** Contact details and consent attached to a submission. */
export interface StoredContact {
  name: string;
  email: string;
  company?: string;
  /** When the details were given (ISO). */
  at: string;
  /** Whether the visitor ticked the follow-up box, and the version of the words they saw. */
  consent: { given: boolean; textVersion: string; at: string };
}

/** A scored assessment response as stored. */
export interface StoredSubmission {
  id: string;
  /** The secret half of the results token. */
  secret: string;
  assessmentId: string;
  assessmentVersion: string;
  answers: Record<string, string>;
  qualifying: Record<string, string | string[]>;
  /** The result as scored by the server (JSON of AssessmentResult). */
  result: import('../quiz/score.ts').AssessmentResult;
  lead: import('../quiz/lead.ts').LeadGrade;
  source: Record<string, string>;
  payloadHash: string;
  createdAt: string;
  contact?: StoredContact;
  unsubscribedAt?: string;
}

/** Where submissions, rate counters and the suppression list are kept. */
export interface SubmissionStore {
  /**
   * Stores the submission unless its id exists; otherwise returns the existing one, stamped as answered to a
   * repeat so that it can no longer be withdrawn.
   */
  saveSubmission(
    submission: StoredSubmission,
    expiresAt: Date,
    now: Date,
  ): Promise<{ created: true } | { created: false; existing: StoredSubmission }>;
  /**
   * Deletes a submission this request created (matched by its secret), unless a repeat was already answered
   * from it; false when it stays.
   */
  withdrawSubmission(id: string, secret: string): Promise<boolean>;
  /** Reads a submission, or null when missing or expired. */
  getSubmission(id: string, now: Date): Promise<StoredSubmission | null>;
  /** Attaches contact details once; false when the submission already has them. */
  attachContact(id: string, contact: StoredContact): Promise<boolean>;
  /** Marks the submission's address as unsubscribed (idempotent). */
  markUnsubscribed(id: string, at: Date): Promise<void>;
  /**
   * Counts one event in a fixed time window; false when the count had already reached `limit`.
   * @param key what is limited, e.g. `ip#203.0.113.7` or `recipient#<hash>`
   */
  countInWindow(key: string, windowStart: Date, limit: number, expiresAt: Date): Promise<boolean>;
  /** Adds an address (by hash) to the suppression list. */
  suppress(emailHash: string, at: Date, reason: string): Promise<void>;
  /** Whether an address (by hash) is on the suppression list. */
  isSuppressed(emailHash: string): Promise<boolean>;
}
