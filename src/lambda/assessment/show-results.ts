import { type Comparison, compareNow } from '../comparison/compare.ts';
import { countStep } from '../funnel/count-step.ts';
import type { Funnel } from '../funnel/funnel.ts';
import { type ApiEvent, wantsHtml } from '../http/request.ts';
import { type ApiResult, json } from '../http/response.ts';
import type { Clock, Log } from '../ports.ts';
import { findSubmissionByToken } from '../submissions/results-token.ts';
import {
  type BookingOffer,
  bookingFor,
  EMAILED_NOTICE,
  type ResultsPageContext,
  resultsBody,
  resultsPage,
} from '../submissions/shown-result.ts';
import type { Submissions } from '../submissions/submissions.ts';

/** What showing a result needs. */
export interface ShowingResults {
  submissions: Pick<Submissions, 'get'>;
  comparison: Comparison;
  funnel: Pick<Funnel, 'count'>;
  /** The words of the page without JavaScript. */
  page: ResultsPageContext;
  booking?: BookingOffer;
  clock: Clock;
  log: Log;
}

/** `GET /api/results/{token}`: the stored result without contact data (a page when a browser asks for one). */
export async function showResults(event: ApiEvent, deps: ShowingResults): Promise<ApiResult> {
  const stored = await findSubmissionByToken(event.pathParameters?.token, deps.submissions);
  // "Take it again" opens the result to fill the assessment in, and a reload of the result the quiz has just shown
  // reads it again in the same tab: neither is the visitor coming back to read it.
  const purpose = event.queryStringParameters?.for;
  if (purpose !== 'retake' && purpose !== 'reload') await countStep(deps, 'results', stored);
  const submission = await compareNow(stored, deps.comparison);
  const booking = bookingFor(stored, deps.booking);
  if (!wantsHtml(event)) return json(200, resultsBody(submission, booking));
  const sent = event.queryStringParameters?.sent;
  const notice = sent && Object.hasOwn(EMAILED_NOTICE, sent) ? EMAILED_NOTICE[sent as keyof typeof EMAILED_NOTICE] : undefined;
  return resultsPage(submission, deps.page, notice, booking);
}
