import type { ResultsBody } from '../../quiz/api-contract.ts';
import type { Assessment } from '../../quiz/assessment.ts';
import { type BookingPage, bookingLink, bookingNote } from '../../quiz/booking.ts';
import { html } from '../../quiz/html.ts';
import { renderResults } from '../../quiz/render-results.ts';
import { type ApiResult, htmlPage, renderPlainPage } from '../http/response.ts';
import type { StoredSubmission } from '../records.ts';
import { formatToken } from './results-token.ts';

/**
 * A stored result as it is shown: the API's JSON, the page for browsers without JavaScript, the booking link
 * offered with it. Shared by the assessment's routes, the emails and the webhook events.
 */

/** The part of a submission its results show, with how it compares now (when enough others answered). */
export type ShownSubmission = Pick<
  StoredSubmission,
  'id' | 'secret' | 'createdAt' | 'result' | 'answers' | 'qualifying' | 'contact' | 'benchmark' | 'previous'
>;

/**
 * The consultancy's booking page and the grades it is offered to first (content/site.json `booking`), with what a
 * result of the assessment is called, for the booking's note.
 */
export type BookingOffer = BookingPage & { grades: string[]; resultName: string };

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
 * The booking page offered to a stored result, when the consultancy has one and offers it to this grade: its note
 * carries the result's reference, never its token, and never the visitor's name or address (the page adds those
 * only once the visitor has typed them there and chooses to book).
 */
export function bookingFor(submission: StoredSubmission, offer: BookingOffer | undefined): ResultsBody['booking'] {
  if (!offer?.grades.includes(submission.grade.grade)) return undefined;
  return { url: bookingLink(offer, { note: bookingNote(submission.id, offer.resultName) }), provider: offer.provider };
}

/** Where a plain HTML form goes to see its results. */
export const resultsPath = (submission: ShownSubmission, query = '') =>
  `/api/results/${encodeURIComponent(formatToken(submission))}${query}`;

/** What the results page shows besides the result: the assessment's words and the consultancy's. */
export interface ResultsPageContext {
  assessment: Pick<Assessment, 'title' | 'resultName' | 'consent'>;
  siteName: string;
  /** The consultancy's public address, for the printed report. */
  contactAddress: string;
  /** The consultancy's time zone, for the days results were taken. */
  timeZone: string;
  siteUrl: string;
}

/** The results as a full page (for browsers without JavaScript), from the same renderer the site uses. */
export function resultsPage(
  submission: ShownSubmission,
  context: ResultsPageContext,
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
    siteUrl: context.siteUrl,
    // This page works without JavaScript, so its link is to itself; the site's results page needs JavaScript.
    resultsLink: `${context.siteUrl}${resultsPath(submission)}`,
    contactGiven: submission.contact !== undefined,
    ...(submission.benchmark && { benchmark: submission.benchmark }),
    ...(booking && { booking: { href: booking.url } }),
  });
  const page = renderPlainPage(
    'Your results',
    html`<h1 class="visually-hidden">Your ${context.assessment.resultName} results</h1>${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}${body}`,
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
