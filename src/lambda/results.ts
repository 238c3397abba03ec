import { honeypot } from '../quiz/fields.ts';
import { ContactDetailsSchema } from '../quiz/submission.ts';
import { createApiHandler } from './api-handler.ts';
import { ConflictError, NotFoundError } from './errors.ts';
import { type ApiEvent, type ApiResult, json, parseWith, readBody, seeOther, wantsHtml } from './http.ts';
import { type LeadDeps, queueLeadEmails, sendNow } from './lead-emails.ts';
import type { StoredContact, StoredSubmission } from './ports.ts';
import { resultBody, resultsPage } from './submissions.ts';
import { formatToken, parseToken, sameSecret } from './tokens.ts';

const NOT_FOUND =
  'These results have expired or the link is not complete. Check that you copied the whole link, or take the assessment again.';

/** Finds the submission a token opens, or throws 404 (a wrong secret looks exactly like a missing result). */
export async function submissionForToken(raw: string | undefined, deps: Pick<LeadDeps, 'store' | 'clock'>): Promise<StoredSubmission> {
  const token = parseToken(raw);
  const submission = token ? await deps.store.getSubmission(token.id, deps.clock.now()) : null;
  if (!token || !submission || !sameSecret(submission.secret, token.secret)) throw new NotFoundError(NOT_FOUND);
  return submission;
}

/** Handles `GET /api/results/{token}`: the stored result without contact data (a page for browsers without JS). */
export async function handleGetResults(event: ApiEvent, deps: LeadDeps): Promise<ApiResult> {
  const submission = await submissionForToken(event.pathParameters?.token, deps);
  if (wantsHtml(event)) {
    const sent = event.queryStringParameters?.sent;
    const notice =
      sent === 'yes'
        ? 'Thank you. Your results are on their way to your inbox.'
        : sent === 'limited'
          ? 'Thank you. We already emailed results to this address within the hour, so we did not send another copy.'
          : undefined;
    return resultsPage(submission, deps, notice);
  }
  return json(200, resultBody(submission));
}

/** Contact details sent after the results were shown, with the honeypot. */
const AttachContactSchema = ContactDetailsSchema.extend({ website: honeypot });

/**
 * Handles `POST /api/results/{token}/contact`: attach name, email and consent to a result, then email the
 * results (at most one per address per hour), the lead, and with consent queue the follow-up.
 */
export async function handleAttachContact(event: ApiEvent, deps: LeadDeps): Promise<ApiResult> {
  const body = readBody(event);
  const details = parseWith(AttachContactSchema, body.value);
  const submission = await submissionForToken(event.pathParameters?.token, deps);
  const token = formatToken(submission);
  const respond = (emailed: boolean) => {
    const message = emailed
      ? 'Thank you. Your results are on their way to your inbox.'
      : 'Thank you. We already emailed results to this address within the hour, so we did not send another copy.';
    return body.format === 'form'
      ? seeOther(`/api/results/${encodeURIComponent(token)}?sent=${emailed ? 'yes' : 'limited'}`)
      : json(200, { emailed, message });
  };
  if (details.website) return respond(true);

  if (submission.contact) {
    if (submission.contact.email !== details.email) {
      throw new ConflictError('Contact details were already given for these results. To use another address, take the assessment again.');
    }
    return respond(true);
  }
  const at = deps.clock.now().toISOString();
  const contact: StoredContact = {
    name: details.name,
    email: details.email,
    company: details.company,
    at,
    consent: { given: details.consent, textVersion: deps.assessment.consent.version, at },
  };
  const queued = await queueLeadEmails(submission.id, contact, deps);
  const attached = await deps.store.attachContact(submission.id, contact);
  if (!attached) {
    // Another request attached details first: answer as it did, without sending anything twice.
    const current = await submissionForToken(token, deps);
    if (current.contact?.email !== details.email) {
      throw new ConflictError('Contact details were already given for these results. To use another address, take the assessment again.');
    }
    return respond(true);
  }
  await sendNow(queued.sendNow, deps);
  return respond(queued.resultsEmailQueued);
}

/** Builds the Lambda handler of `GET /api/results/{token}`. */
export function createResultsHandler(deps: LeadDeps, options: { originSecret?: string } = {}) {
  return createApiHandler((event) => handleGetResults(event, deps), {
    methods: ['GET'],
    log: deps.log,
    originSecret: options.originSecret,
  });
}

/** Builds the Lambda handler of `POST /api/results/{token}/contact`. */
export function createResultsContactHandler(deps: LeadDeps, options: { originSecret?: string } = {}) {
  return createApiHandler((event) => handleAttachContact(event, deps), {
    methods: ['POST'],
    log: deps.log,
    originSecret: options.originSecret,
    backHref: '/assessment/',
  });
}
