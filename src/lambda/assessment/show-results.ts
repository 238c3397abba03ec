import type { ResultsBody } from '../../quiz/api-contract.ts';
import { bookingLink, bookingNote } from '../../quiz/booking.ts';
import { html } from '../../quiz/html.ts';
import { renderResults, resultsUrl } from '../../quiz/render-results.ts';
import { countStep } from '../funnel/count-step.ts';
import type { ApiEvent } from '../http/request.ts';
import { wantsHtml } from '../http/request.ts';
import { type ApiResult, htmlPage, json, renderPlainPage } from '../http/response.ts';
import type { BackendContext } from '../ports.ts';
import type { StoredSubmission } from '../records.ts';
import { compareNow } from './benchmark.ts';
import { findSubmissionByToken, formatToken } from './results-token.ts';

/** The part of a submission its results show, with how it compares now (when enough others answered). */
export type ShownSubmission = Pick<
  StoredSubmission,
  'id' | 'secret' | 'createdAt' | 'result' | 'answers' | 'qualifying' | 'contact' | 'benchmark' | 'previous'
>;

/** What the API answers with a result: never contact data; `benchmark` and `booking` only when offered. */
export function resultsBody(submission: ShownSubmission, booking?: ResultsBody['booking']): ResultsBody {
  return {
    token: formatToken(submission),
    result: submission.result,
    takenAt: submission.createdAt,
    answers: submission.answers,
    qualifying: submission.qualifying,
    ...(submission.previous && { previous: withoutId(submission.previous) }),
    contactGiven: submission.contact !== undefined,
    ...(submission.benchmark && { benchmark: submission.benchmark }),
    ...(booking && { booking }),
  };
}

/** The previous result as the API and webhooks show it: its scores and date, not its id. */
export const withoutId = ({ id: _id, ...previous }: NonNullable<StoredSubmission['previous']>) => previous;

/**
 * The booking page offered to a stored result, when the consultancy has one and offers it to this lead grade: its
 * note already carries the results link, and the name and address when the caller may show them (an email to the
 * visitor, never the results API).
 */
export function bookingFor(
  submission: StoredSubmission,
  context: BackendContext,
  known: { name?: string; email?: string } = {},
): ResultsBody['booking'] {
  const { booking } = context;
  if (!booking?.grades.includes(submission.lead.grade)) return undefined;
  const note = bookingNote(resultsUrl(context.settings.SITE_URL, formatToken(submission)));
  return { url: bookingLink(booking, { name: known.name, email: known.email, note }), provider: booking.provider };
}

/** Where a plain HTML form goes to see its results. */
export const resultsPath = (submission: ShownSubmission, query = '') =>
  `/api/results/${encodeURIComponent(formatToken(submission))}${query}`;

/** The results as a full page (for browsers without JavaScript), from the same renderer the site uses. */
export function resultsPage(
  submission: ShownSubmission,
  context: BackendContext,
  notice?: string,
  booking?: ResultsBody['booking'],
): ApiResult {
  const meta = {
    title: context.assessment.title,
    consentLabel: context.assessment.consent.label,
    siteName: context.siteName,
    contactAddress: context.contactAddress,
  };
  const body = renderResults(meta, submission.result, {
    token: formatToken(submission),
    takenAt: submission.createdAt,
    timeZone: context.timeZone,
    ...(submission.previous && { previous: submission.previous }),
    siteUrl: context.settings.SITE_URL,
    contactGiven: submission.contact !== undefined,
    ...(submission.benchmark && { benchmark: submission.benchmark }),
    ...(booking && { booking: { href: booking.url } }),
  });
  const page = renderPlainPage(
    'Your results',
    html`<h1 class="visually-hidden">Your Integration Readiness results</h1>${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}${body}`,
    context.siteName,
    '/assessment/',
  );
  return htmlPage(200, page);
}

/** What the visitor is told after leaving their address: sent, or already sent within the hour. */
export const EMAILED_NOTICE = {
  yes: 'Thank you. Your results are on their way to your inbox.',
  limited: 'Thank you. We already emailed results to this address within the hour, so we did not send another copy.',
  unsubscribed:
    'Thank you. This address asked us to stop emailing it, so we have not sent the results. Keep the link below to come back to them.',
} as const;

/** `GET /api/results/{token}`: the stored result without contact data (a page when a browser asks for one). */
export async function showResults(event: ApiEvent, context: BackendContext): Promise<ApiResult> {
  const stored = await findSubmissionByToken(event.pathParameters?.token, context.store);
  // "Take it again" opens the result to fill the assessment in: that is not the visitor coming back to read it.
  if (event.queryStringParameters?.for !== 'retake') await countStep(context, 'results', stored);
  const submission = await compareNow(stored, context);
  const booking = bookingFor(stored, context);
  if (!wantsHtml(event)) return json(200, resultsBody(submission, booking));
  const sent = event.queryStringParameters?.sent;
  const notice = sent && Object.hasOwn(EMAILED_NOTICE, sent) ? EMAILED_NOTICE[sent as keyof typeof EMAILED_NOTICE] : undefined;
  return resultsPage(submission, context, notice, booking);
}
