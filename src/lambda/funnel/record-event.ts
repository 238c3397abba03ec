import type { FieldProblem } from '../../quiz/api-contract.ts';
import { type FunnelEventBody, FunnelEventBodySchema } from '../../quiz/api-contract.ts';
import { ValidationError } from '../errors.ts';
import { type ApiEvent, parseWith, readBody, viewerIp } from '../http/request.ts';
import type { ApiResult } from '../http/response.ts';
import { enforceHourlyLimit } from '../limits/hourly-limit.ts';
import type { RequestLimits } from '../limits/limits.ts';
import type { Clock } from '../ports.ts';
import { type Funnel, funnelCounter } from './funnel.ts';

/** What the site serves, and so all the funnel may count: anything else is junk, refused and never stored. */
export interface ServedFunnel {
  /** The assessment version the site serves. */
  assessmentVersion: string;
  /** How many questions it asks (scored and qualifying): the steps a visitor can reach. */
  questions: number;
  /** Whether a slug names a published article (an `article:<slug>` entry). */
  isArticle: (slug: string) => boolean;
}

/** What recording the browser's funnel steps needs. */
export interface RecordingEvents {
  funnel: Pick<Funnel, 'count'>;
  limits: RequestLimits;
  served: ServedFunnel;
  /** Form posts one network may send per hour (`FORM_POSTS_PER_IP_PER_HOUR`); events get twenty times it. */
  formPostsPerHour: number;
  clock: Clock;
}

/** Why a well-formed step is still not one the site could have sent, field by field. */
export function unservedProblems(body: FunnelEventBody, served: ServedFunnel): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (body.assessmentVersion !== served.assessmentVersion) {
    problems.push({
      field: 'assessmentVersion',
      message: 'The site no longer serves this version of the assessment: reload the page to take the current one.',
    });
  }
  if (body.step === 'question' && (body.question === undefined || body.question > served.questions)) {
    problems.push({ field: 'question', message: `Send the number of the question reached, from 1 to ${served.questions}.` });
  }
  if (body.step !== 'question' && body.question !== undefined) {
    problems.push({ field: 'question', message: 'Only a question step has a question number: remove it.' });
  }
  if (body.entry.startsWith('article:') && !served.isArticle(body.entry.slice('article:'.length))) {
    problems.push({
      field: 'entry',
      message: 'No published article has this name: send the entry entryOf() gives for a page of the site.',
    });
  }
  return problems;
}

/**
 * `POST /api/events`: a step the browser saw (the page opened, the first answer, a question reached, a click to
 * talk), sent with `navigator.sendBeacon`: parse → only what the site serves → per-IP limit → count → 204. Nothing
 * about the visitor is kept.
 */
export async function recordEvent(event: ApiEvent, deps: RecordingEvents): Promise<ApiResult> {
  const body = parseWith(FunnelEventBodySchema, readBody(event).value);
  const problems = unservedProblems(body, deps.served);
  if (problems.length > 0) throw new ValidationError(problems);
  // A whole visit reports about thirty steps; twenty times the form limit allows several visits from one network.
  const limit = deps.formPostsPerHour * 20;
  await enforceHourlyLimit(deps, 'events', viewerIp(event), limit, 'Too many events from your network this hour.');
  await deps.funnel.count(funnelCounter(deps.clock.now(), body.assessmentVersion, body.entry, body.step, body.question));
  return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
}
