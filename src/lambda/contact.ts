import { createHash, randomUUID } from 'node:crypto';
import * as z from 'zod';
import { emailAddress, honeypot, optionalSingleLineText, requestId, singleLineText } from '../quiz/fields.ts';
import { createApiHandler } from './api-handler.ts';
import { type DeliveryDeps, deliverEmail, REQUEST_GRACE_MS } from './deliver-email.ts';
import { renderContactNotification } from './email/contact-notification.ts';
import { emailCopy } from './email/copy.ts';
import { ConflictError } from './errors.ts';
import { type ApiEvent, type ApiResult, json, parseWith, readBody, seeOther } from './http.ts';
import type { ContactStore, OutboxEntry, OutboxKey, OutgoingEmail, StoredContactMessage } from './ports.ts';

/** A message sent through the contact form (JSON from the script, or form-encoded without JS). */
export const ContactRequestSchema = z
  .object({
    /** Client-generated UUID; the same id sent twice stores one message and sends one email. */
    id: requestId.optional(),
    /** The sender's name. */
    name: singleLineText(100),
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

/** The outbox kind of the email the consultancy gets for each message. */
export const CONTACT_NOTIFICATION = 'contact-notification';

/** What the contact endpoint needs. */
export interface ContactDeps extends Omit<DeliveryDeps, 'compose'> {
  store: ContactStore;
  /** From address of emails. */
  senderAddress: string;
  /** The consultancy's inbox. */
  leadRecipient: string;
  /** The consultancy's name, in the email footer. */
  siteName: string;
  /** Days a message is kept. */
  retentionDays: number;
}

/** The outbox owner key of a contact message. */
export const contactPk = (id: string) => `CONTACT#${id}`;

/** Hash of the fields that make a message what it is (not the id, not the honeypot). */
function hashPayload(request: ContactRequest): string {
  const { name, email, company, message } = request;
  return createHash('sha256')
    .update(JSON.stringify([name, email, company ?? null, message]))
    .digest('hex');
}

/**
 * Handles `POST /api/contact`: validate → store the outbox item and the message → try to send now → respond.
 * The same id (or, without one, the same message) is stored once and emailed once.
 */
export async function handleContact(event: ApiEvent, deps: ContactDeps): Promise<ApiResult> {
  const delivery: DeliveryDeps = { ...deps, compose: composeContactNotification(deps) };
  const body = readBody(event);
  const request = parseWith(ContactRequestSchema, body.value);
  const respond = (status: number, id: string) =>
    body.format === 'form' ? seeOther('/contact/thanks/') : json(status, { id, status: 'received' });

  // A filled honeypot gets the normal answer and nothing else.
  if (request.website) return respond(201, request.id ?? randomUUID());

  const payloadHash = hashPayload(request);
  // Without a client id (plain form), the message itself is the id: a double click stores it once.
  const id = request.id ?? payloadHash.slice(0, 32);
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + deps.retentionDays * 86_400_000);
  const key: OutboxKey = { ownerPk: contactPk(id), kind: CONTACT_NOTIFICATION };

  // The outbox item goes first: once the message exists, its email can never be forgotten.
  await deps.outbox.enqueue(key, { now, dueAt: new Date(now.getTime() + REQUEST_GRACE_MS), expiresAt });
  const saved = await deps.store.saveMessage(
    {
      id,
      name: request.name,
      email: request.email,
      company: request.company,
      message: request.message,
      payloadHash,
      createdAt: now.toISOString(),
    },
    expiresAt,
  );
  if (!saved.created) {
    if (saved.existing.payloadHash !== payloadHash) {
      throw new ConflictError('A different message was already sent with this id. Reload the page to start a new message.');
    }
    return respond(200, id);
  }

  try {
    await deliverEmail(key, delivery, true);
  } catch (error) {
    // The message is stored and its email is in the outbox: the sweep will send it.
    deps.log.warn('contact email not sent now; left to the sweep', { id, error: String(error) });
  }
  return respond(201, id);
}

/** Composes the consultancy's email for a stored contact message (Reply-To the sender). */
export function composeContactNotification(deps: Pick<ContactDeps, 'store' | 'senderAddress' | 'leadRecipient' | 'siteName' | 'clock'>) {
  return async (entry: OutboxEntry): Promise<OutgoingEmail | { skip: string }> => {
    const id = entry.ownerPk.slice('CONTACT#'.length);
    const message: StoredContactMessage | null = await deps.store.getMessage(id, deps.clock.now());
    if (!message) return { skip: 'the message was never stored or has expired' };
    const rendered = renderContactNotification(message, emailCopy.contactNotification, deps.siteName);
    return { from: deps.senderAddress, to: [deps.leadRecipient], replyTo: [message.email], ...rendered };
  };
}

/** Builds the Lambda handler of `POST /api/contact` from its dependencies. */
export function createContactHandler(deps: ContactDeps, options: { originSecret?: string } = {}) {
  return createApiHandler((event) => handleContact(event, deps), {
    methods: ['POST'],
    log: deps.log,
    originSecret: options.originSecret,
    backHref: '/contact/',
  });
}
