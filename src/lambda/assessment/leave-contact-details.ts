import type { ContactAttachedBody } from '../../quiz/api-contract.ts';
import { honeypot } from '../../quiz/fields.ts';
import { ContactDetailsSchema } from '../../quiz/submission.ts';
import { ConflictError } from '../errors.ts';
import { countStep } from '../funnel/count-step.ts';
import { enforceHourlyLimit } from '../http/rate-limit.ts';
import { type ApiEvent, parseWith, readBody, viewerIp } from '../http/request.ts';
import { type ApiResult, json, seeOther } from '../http/response.ts';
import { sendNow } from '../outbox/deliver-email.ts';
import { queueEmails } from '../outbox/queue-emails.ts';
import type { BackendContext } from '../ports.ts';
import type { StoredContact } from '../records.ts';
import { queueWebhooks } from '../webhook/events.ts';
import { findSubmissionByToken } from './results-token.ts';
import { EMAILED_NOTICE, resultsPath } from './show-results.ts';

/** Contact details sent after the results were shown, with the honeypot. */
const ContactDetailsRequestSchema = ContactDetailsSchema.extend({ website: honeypot });

const OTHER_ADDRESS = 'Contact details were already given for these results. To use another address, take the assessment again.';

/**
 * `POST /api/results/{token}/contact`: parse → find the result → per-IP limit → attach the details once → queue emails →
 * send →
 * respond whether the results email went out (at most one per address per hour, none to an address that
 * unsubscribed). A repeat with the same address is answered as the first was, and finishes what an interrupted
 * first attempt left undone.
 */
export async function leaveContactDetails(event: ApiEvent, context: BackendContext): Promise<ApiResult> {
  const body = readBody(event);
  const details = parseWith(ContactDetailsRequestSchema, body.value);
  const submission = await findSubmissionByToken(event.pathParameters?.token, context.store);
  const respond = (sent: keyof typeof EMAILED_NOTICE) => {
    const answer: ContactAttachedBody = { emailed: sent === 'yes', message: EMAILED_NOTICE[sent] };
    return body.format === 'form' ? seeOther(resultsPath(submission, `?sent=${sent}`)) : json(200, answer);
  };
  if (details.website) return respond('yes');
  const limit = context.settings.FORM_POSTS_PER_IP_PER_HOUR;
  await enforceHourlyLimit(context, 'contact-details', viewerIp(event), limit, 'Too many requests from your network this hour.');

  const at = context.clock.now().toISOString();
  const contact: StoredContact = {
    name: details.name,
    email: details.email,
    ...(details.company && { company: details.company }),
    at,
    consent: { given: details.consent, textVersion: context.assessment.consent.version, at },
  };
  let stored = submission;
  if (!stored.contact) {
    const attached = await context.store.attachContact(stored.id, contact);
    if (attached) await countStep(context, 'contact', stored);
    // When another request attached details first, answer from what it stored.
    stored = attached ? { ...stored, contact } : await findSubmissionByToken(event.pathParameters?.token, context.store);
  }
  if (stored.contact?.email !== details.email) throw new ConflictError(OTHER_ADDRESS);

  const queued = await queueEmails({ type: 'submission', record: stored }, context);
  await queueWebhooks(stored, context);
  await sendNow(queued.sendNow, context);
  const heldBack = queued.heldBack['results-email'];
  return respond(heldBack === 'unsubscribed' ? 'unsubscribed' : heldBack === 'limit' ? 'limited' : 'yes');
}
