import type { ContactAttachedBody } from '../../quiz/api-contract.ts';
import type { Assessment } from '../../quiz/assessment.ts';
import { honeypot } from '../../quiz/fields.ts';
import { ContactDetailsSchema } from '../../quiz/submission.ts';
import * as z from '../../quiz/zod.ts';
import { type FollowUpConsent, recordConsent } from '../consent/consent.ts';
import type { RecordEmails } from '../email/send-emails.ts';
import { ConflictError } from '../errors.ts';
import { countStep } from '../funnel/count-step.ts';
import type { Funnel } from '../funnel/funnel.ts';
import { type ApiEvent, parseWith, readBody, viewerIp } from '../http/request.ts';
import { type ApiResult, json, seeOther } from '../http/response.ts';
import { enforceHourlyLimit } from '../limits/hourly-limit.ts';
import type { RequestLimits } from '../limits/limits.ts';
import type { Clock, Log } from '../ports.ts';
import type { StoredContact } from '../records.ts';
import { findSubmissionByToken } from '../submissions/results-token.ts';
import { EMAILED_NOTICE, resultsPath } from '../submissions/shown-result.ts';
import type { Submissions } from '../submissions/submissions.ts';
import { queueWebhooks, type WebhookQueueing } from '../webhook/events.ts';

/** Contact details sent after the results were shown, with the honeypot. */
const ContactDetailsRequestSchema = z.extend(ContactDetailsSchema, { website: honeypot });

/** What leaving contact details after the results needs. */
export interface LeavingContactDetails {
  /** For the wording of the consent the visitor saw. */
  assessment: Pick<Assessment, 'consent'>;
  /** How consent to the follow-up is asked (content/site.json `followUpConsent`). */
  followUpConsent: FollowUpConsent;
  submissions: Pick<Submissions, 'get' | 'attachContact'>;
  limits: RequestLimits;
  /** Contact details one network may leave per hour (`FORM_POSTS_PER_IP_PER_HOUR`). */
  perHour: number;
  funnel: Pick<Funnel, 'count'>;
  emails: RecordEmails;
  webhooks: WebhookQueueing;
  clock: Clock;
  log: Log;
}

const OTHER_ADDRESS = 'Contact details were already given for these results. To use another address, take the assessment again.';

/**
 * `POST /api/results/{token}/contact`: parse → find the result → per-IP limit → attach the details once → queue emails →
 * send →
 * respond whether the results email went out (at most one per address per hour, none to an address that
 * unsubscribed). A repeat with the same address is answered as the first was, and finishes what an interrupted
 * first attempt left undone.
 */
export async function leaveContactDetails(event: ApiEvent, deps: LeavingContactDetails): Promise<ApiResult> {
  const body = readBody(event);
  const details = parseWith(ContactDetailsRequestSchema, body.value);
  const submission = await findSubmissionByToken(event.pathParameters?.token, deps.submissions);
  const respond = (sent: keyof typeof EMAILED_NOTICE) => {
    const answer: ContactAttachedBody = { emailed: sent === 'yes', message: EMAILED_NOTICE[sent] };
    return body.format === 'form' ? seeOther(resultsPath(submission, `?sent=${sent}`)) : json(200, answer);
  };
  if (details.website) return respond('yes');
  await enforceHourlyLimit(deps, 'contact-details', viewerIp(event), deps.perHour, 'Too many requests from your network this hour.');

  const at = deps.clock.now().toISOString();
  const contact: StoredContact = {
    name: details.name,
    email: details.email,
    ...(details.company && { company: details.company }),
    at,
    consent: recordConsent(details.consent, deps.assessment, at, deps.followUpConsent),
  };
  let stored = submission;
  if (!stored.contact) {
    const attached = await deps.submissions.attachContact(stored.id, contact);
    if (attached) await countStep(deps, 'contact', stored);
    // When another request attached details first, answer from what it stored.
    stored = attached ? { ...stored, contact } : await findSubmissionByToken(event.pathParameters?.token, deps.submissions);
  }
  if (stored.contact?.email !== details.email) throw new ConflictError(OTHER_ADDRESS);

  const owned = { type: 'submission' as const, record: stored };
  const queued = await deps.emails.queue(owned);
  await queueWebhooks(stored, deps.webhooks);
  await deps.emails.sendNow(queued.sendNow, owned);
  const heldBack = queued.heldBack['results-email'];
  return respond(heldBack === 'unsubscribed' ? 'unsubscribed' : heldBack === 'limit' ? 'limited' : 'yes');
}
