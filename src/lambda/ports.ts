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
