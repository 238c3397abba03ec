import { randomUUID } from 'node:crypto';
import type { MessageReceivedBody } from '../../quiz/api-contract.ts';
import { emailAddress, honeypot, multilineText, optionalSingleLineText, personName, requestId } from '../../quiz/fields.ts';
import { resultsUrl } from '../../quiz/render-results.ts';
import * as z from '../../quiz/zod.ts';
import type { RecordEmails } from '../email/send-emails.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { type ApiEvent, parseWith, readBody, refererParam, viewerIp } from '../http/request.ts';
import { type ApiResult, json, seeOther } from '../http/response.ts';
import { enforceHourlyLimit } from '../limits/hourly-limit.ts';
import type { RequestLimits } from '../limits/limits.ts';
import type { Messages } from '../messages/messages.ts';
import type { Clock } from '../ports.ts';
import { hashPayload, type StoredContactMessage } from '../records.ts';
import { findSubmissionByToken, formatToken } from '../submissions/results-token.ts';
import type { Submissions } from '../submissions/submissions.ts';

/** A message sent through the contact form (JSON from the script, or form-encoded without JS). */
export const ContactRequestSchema = z.strictObject({
  /** Client-generated UUID; the same id sent twice stores one message and sends one email. */
  id: z.optional(requestId),
  /** The sender's name. */
  name: personName(100),
  /** Where the consultancy should reply. */
  email: emailAddress,
  /** The sender's company, if they give it. */
  company: optionalSingleLineText(120),
  /** The message itself; several lines allowed. */
  message: multilineText(5000, 'Write a message.'),
  /** The results token of the result the sender writes from ("Talk to us" on their results page), if any. */
  result: z.optional(z.string().check(z.maxLength(200))),
  /** Honeypot: hidden from people; bots fill it in. */
  website: honeypot,
});
/** A validated contact request. */
export type ContactRequest = z.output<typeof ContactRequestSchema>;

/** What taking contact messages needs. */
export interface TakingMessages {
  messages: Pick<Messages, 'save'>;
  /** To find the result a message was written from. */
  submissions: Pick<Submissions, 'get'>;
  limits: RequestLimits;
  /** Messages one network may send per hour (`FORM_POSTS_PER_IP_PER_HOUR`). */
  perHour: number;
  emails: RecordEmails;
  siteUrl: string;
  clock: Clock;
}

const DIFFERENT_MESSAGE = 'A different message was already sent with this id. Reload the page to start a new message.';

/**
 * `POST /api/contact`: parse → per-IP limit → store the message → queue its email → send → respond. The same id (or, without one,
 * the same message) is stored once and emailed once; a repeat finishes what an interrupted first attempt left undone.
 */
export async function sendContactMessage(event: ApiEvent, deps: TakingMessages): Promise<ApiResult> {
  const body = readBody(event);
  const request = parseWith(ContactRequestSchema, body.value);
  const respond = (status: number, id: string) => {
    const answer: MessageReceivedBody = { id, status: 'received' };
    return body.format === 'form' ? seeOther('/contact/thanks/') : json(status, answer);
  };
  // A filled honeypot gets the normal answer and nothing else.
  if (request.website) return respond(201, request.id ?? randomUUID());
  await enforceHourlyLimit(deps, 'messages', viewerIp(event), deps.perHour, 'Too many messages from your network this hour.');

  const { name, email, company, message } = request;
  const payloadHash = hashPayload({ name, email, company, message });
  const aboutResult = await resultWrittenFrom(request.result ?? refererParam(event, 'result'), deps);
  const record: StoredContactMessage = {
    // Without a client id (a plain form), the message itself is the id: a double click stores it once.
    id: request.id ?? payloadHash.slice(0, 32),
    name,
    email,
    ...(company && { company }),
    message,
    ...(aboutResult && { aboutResult }),
    payloadHash,
    createdAt: deps.clock.now().toISOString(),
  };
  const saved = await deps.messages.save(record);
  if (!saved.created && saved.existing.payloadHash !== payloadHash) throw new ConflictError(DIFFERENT_MESSAGE);

  const owned = { type: 'message' as const, record: saved.created ? record : saved.existing };
  const queued = await deps.emails.queue(owned);
  await deps.emails.sendNow(queued.sendNow, owned);
  return respond(saved.created ? 201 : 200, record.id);
}

/**
 * The result a message was written from, for the consultancy's email: only a token that opens a stored result
 * counts; anything else (mistyped, forged, expired) is ignored and the message is sent as any other.
 */
async function resultWrittenFrom(
  token: string | undefined,
  { submissions, siteUrl }: TakingMessages,
): Promise<StoredContactMessage['aboutResult']> {
  if (!token) return undefined;
  try {
    const submission = await findSubmissionByToken(token, submissions);
    return {
      link: resultsUrl(siteUrl, formatToken(submission)),
      grade: submission.grade.grade,
      overall: submission.result.percent,
    };
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
