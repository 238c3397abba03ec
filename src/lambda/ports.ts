/**
 * The outside world every feature shares: the clock, the log, the mail service and the webhook receiver. Each
 * feature declares the storage it needs in its own folder (a narrow port beside its repository); this file imports
 * nothing of theirs.
 */

/** The time, passed in so tests and the local stack can move it. */
export interface Clock {
  now(): Date;
}

/** The real time. */
export const systemClock: Clock = { now: () => new Date() };

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
