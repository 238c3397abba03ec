import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import type { MessageReceivedBody } from '../../quiz/api-contract.ts';
import { emailAddress, honeypot, optionalSingleLineText, personName, requestId } from '../../quiz/fields.ts';
import { ConflictError } from '../errors.ts';
import { enforceHourlyLimit } from '../http/rate-limit.ts';
import { type ApiEvent, parseWith, readBody, viewerIp } from '../http/request.ts';
import { type ApiResult, json, seeOther } from '../http/response.ts';
import { sendNow } from '../outbox/deliver-email.ts';
import { queueEmails } from '../outbox/queue-emails.ts';
import type { BackendContext } from '../ports.ts';
import { hashPayload, type StoredContactMessage } from '../records.ts';

/** A message sent through the contact form (JSON from the script, or form-encoded without JS). */
export const ContactRequestSchema = z
  .object({
    /** Client-generated UUID; the same id sent twice stores one message and sends one email. */
    id: requestId.optional(),
    /** The sender's name. */
    name: personName(100),
    /** Where the consultancy should reply. */
    email: emailAddress,
    /** The sender's company, if they give it. */
    company: optionalSingleLineText(120),
    /** The message itself; several lines allowed. */
    message: z
      .string({ error: 'Write a message.' })
      .refine((v) => !v.includes('\0'), 'The message contains a character that is not allowed.')
      .transform((v) => v.trim())
      .pipe(z.string().min(1, 'Write a message.').max(5000, 'Keep the message under 5,000 characters.')),
    /** Honeypot: hidden from people; bots fill it in. */
    website: honeypot,
  })
  .strict();
/** A validated contact request. */
export type ContactRequest = z.output<typeof ContactRequestSchema>;

const DIFFERENT_MESSAGE = 'A different message was already sent with this id. Reload the page to start a new message.';

/**
 * `POST /api/contact`: parse → per-IP limit → store the message → queue its email → send → respond. The same id (or, without one,
 * the same message) is stored once and emailed once; a repeat finishes what an interrupted first attempt left undone.
 */
export async function sendContactMessage(event: ApiEvent, context: BackendContext): Promise<ApiResult> {
  const body = readBody(event);
  const request = parseWith(ContactRequestSchema, body.value);
  const respond = (status: number, id: string) => {
    const answer: MessageReceivedBody = { id, status: 'received' };
    return body.format === 'form' ? seeOther('/contact/thanks/') : json(status, answer);
  };
  // A filled honeypot gets the normal answer and nothing else.
  if (request.website) return respond(201, request.id ?? randomUUID());
  const limit = context.settings.FORM_POSTS_PER_IP_PER_HOUR;
  await enforceHourlyLimit(context, 'messages', viewerIp(event), limit, 'Too many messages from your network this hour.');

  const { name, email, company, message } = request;
  const payloadHash = hashPayload({ name, email, company, message });
  const record: StoredContactMessage = {
    // Without a client id (a plain form), the message itself is the id: a double click stores it once.
    id: request.id ?? payloadHash.slice(0, 32),
    name,
    email,
    ...(company && { company }),
    message,
    payloadHash,
    createdAt: context.clock.now().toISOString(),
  };
  const saved = await context.store.saveMessage(record);
  if (!saved.created && saved.existing.payloadHash !== payloadHash) throw new ConflictError(DIFFERENT_MESSAGE);

  const queued = await queueEmails({ type: 'message', record: saved.created ? record : saved.existing }, context);
  await sendNow(queued.sendNow, context);
  return respond(saved.created ? 201 : 200, record.id);
}
