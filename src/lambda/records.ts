import { createHash } from 'node:crypto';
import { BenchmarkSchema, PreviousResultSchema } from '../quiz/api-contract.ts';
import { LeadGradeSchema, QualifyingAnswersSchema } from '../quiz/lead.ts';
import { AnswersSchema, AssessmentResultSchema } from '../quiz/score.ts';
import * as z from '../quiz/zod.ts';

/**
 * What the backend stores and several features read, as schemas: each repository parses every item it reads back
 * with them, and the types the logic uses are derived from them.
 */

/** The visitor's answer to the follow-up question, as recorded. */
export const ConsentSchema = z.object({
  /** Whether the visitor ticked the (unticked by default) box for one follow-up email. */
  given: z.boolean(),
  /** The version of the words they saw (the assessment's `consent.version`). */
  textVersion: z.string(),
  /** When they answered (ISO time). */
  at: z.string(),
  /**
   * Given where the consultancy asks for double opt-in (content/site.json `followUpConsent: "confirmed"`): the
   * follow-up waits until the visitor confirms from their inbox.
   */
  needsConfirmation: z.optional(z.literal(true)),
  /** When and how the visitor confirmed it (the button of the results email). */
  confirmed: z.optional(z.object({ at: z.string(), how: z.string() })),
});
/** A recorded consent. */
export type Consent = z.output<typeof ConsentSchema>;

/** Contact details a visitor attached to a submission. */
export const StoredContactSchema = z.object({
  /** The visitor's name. */
  name: z.string(),
  /** Where their emails go. */
  email: z.string(),
  /** Their company, if given. */
  company: z.optional(z.string()),
  /** When the details were given (ISO time). */
  at: z.string(),
  /** Their answer to the follow-up question. */
  consent: ConsentSchema,
});
/** Stored contact details. */
export type StoredContact = z.output<typeof StoredContactSchema>;

/** A scored assessment response. */
export const StoredSubmissionSchema = z.object({
  /** The submission id (the client's request id, or one derived from the payload). */
  id: z.string(),
  /** The secret half of the results token. */
  secret: z.string(),
  /** Which assessment was answered. */
  assessmentId: z.string(),
  /** The version the server scored against. */
  assessmentVersion: z.string(),
  /** Answers by question id. */
  answers: AnswersSchema,
  /** Qualifying answers by question id. */
  qualifying: QualifyingAnswersSchema,
  /** The result as the server scored it. */
  result: AssessmentResultSchema,
  /** Its grade (A, B, C…) from the qualifying answers and the result: what it would be worth as a sales lead. */
  grade: LeadGradeSchema,
  /** UTM parameters and referrer. */
  source: z.record(z.string(), z.string()),
  /** Hash of the validated payload, to tell a repeat from a different response with the same id. */
  payloadHash: z.string(),
  /** When it was stored (ISO time). */
  createdAt: z.string(),
  /** How long the visitor took from the first question to sending, as their browser measured it. */
  elapsedMs: z.optional(z.number()),
  /** Contact details, once given. */
  contact: z.optional(StoredContactSchema),
  /** When the visitor unsubscribed, if they did. */
  unsubscribedAt: z.optional(z.string()),
  /** How the result compared with the others when it was stored (for its emails); absent when too few had answered. */
  benchmark: z.optional(BenchmarkSchema),
  /** For a retake: the submission it retakes (its id) and that result's scores. Retakes chain, each to the one before. */
  previous: z.optional(z.extend(PreviousResultSchema, { id: z.string() })),
});
/** A stored submission. */
export type StoredSubmission = z.output<typeof StoredSubmissionSchema>;

/** A message sent through the contact form. */
export const StoredContactMessageSchema = z.object({
  /** The message id (the client's request id, or one derived from the message). */
  id: z.string(),
  /** The sender's name. */
  name: z.string(),
  /** Where the consultancy replies. */
  email: z.string(),
  /** The sender's company, if given. */
  company: z.optional(z.string()),
  /** The message itself. */
  message: z.string(),
  /** The assessment result the sender wrote from ("Talk to us" on their results), if any. */
  aboutResult: z.optional(z.object({ link: z.string(), grade: z.string(), overall: z.nullable(z.number()) })),
  /** Hash of the validated payload, to tell a repeat from a different message with the same id. */
  payloadHash: z.string(),
  /** When it was stored (ISO time). */
  createdAt: z.string(),
});
/** A stored contact message. */
export type StoredContactMessage = z.output<typeof StoredContactMessageSchema>;

/** What an outbox item is about: a stored submission, a contact message or a week's report (its kind says which). */
export const ItemOwnerSchema = z.object({
  /** `submission`, `message` or `week` (the weekly digest's report). */
  type: z.enum(['submission', 'message', 'week']),
  /** The submission or message id, or the ISO week. */
  id: z.string(),
});
/** What an outbox item is about. */
export type ItemOwner = z.output<typeof ItemOwnerSchema>;

/** One item of the outbox, an email or a webhook event: which kind (an email kind, or `webhook:<event>`), about what. */
export const ItemRefSchema = z.object({
  /** The item's kind: a key of the email registry, or `webhook:<event>`. */
  kind: z.string(),
  /** The record it is composed from. */
  owner: ItemOwnerSchema,
});
/** One item of the outbox. */
export type ItemRef = z.output<typeof ItemRefSchema>;

/** An outbox item as stored: written before any send, claimed before each send. */
export const OutboxItemSchema = z.extend(ItemRefSchema, {
  /** `pending` until sent, then `sent`, `failed` (gave up) or `skipped` (nothing to send any more). */
  state: z.enum(['pending', 'sent', 'failed', 'skipped']),
  /** While pending: from when it may be sent (ISO time), or when the current claim's lease ends. */
  dueAt: z.optional(z.string()),
  /** How many sends were started. */
  attempts: z.number(),
  /** When it was queued (ISO time). */
  createdAt: z.string(),
  /** The claim that is sending it now, if any. */
  claimId: z.optional(z.string()),
  /** Why the last attempt failed, or why it was skipped. */
  lastError: z.optional(z.string()),
  /** The mail service's id of the sent email, or the webhook event's id. */
  messageId: z.optional(z.string()),
});
/** An outbox item as stored. */
export type OutboxItem = z.output<typeof OutboxItemSchema>;

/**
 * An email address as one inbox: lower-cased, and without a `+tag` (so `Ada+1@Example.com` and `ada@example.com`
 * share one set of limits, one follow-up and one unsubscribe).
 * @example normaliseAddress(' Ada+news@Example.COM ') // 'ada@example.com'
 */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  return `${trimmed.slice(0, at).replace(/\+.*$/, '')}${trimmed.slice(at)}`;
}

/**
 * Whether a read also returns what is past its retention but not yet removed by DynamoDB's TTL (which may take a
 * while): only the consultancy's export and erase of a person ask for it, so nothing stored is left out of either.
 */
export type ReadOptions = { withExpired?: true };

/** What saving a record that may already exist did: created it, or found the one stored under its id. */
export type Saved<T> = { created: true } | { created: false; existing: T };

/**
 * A stable hash of a JSON-able value with sorted keys: tells a repeat of a request from a different one with the
 * same id, and names a request that came without one.
 */
export function hashPayload(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([, x]) => x !== undefined)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
}
