import { FunnelEventBodySchema } from '../../quiz/api-contract.ts';
import { type ApiEvent, parseWith, readBody, viewerIp } from '../http/request.ts';
import type { ApiResult } from '../http/response.ts';
import { enforceHourlyLimit } from '../limits/hourly-limit.ts';
import type { RequestLimits } from '../limits/limits.ts';
import type { Clock } from '../ports.ts';
import { type Funnel, funnelCounter } from './funnel.ts';

/** What recording the browser's funnel steps needs. */
export interface RecordingEvents {
  funnel: Pick<Funnel, 'count'>;
  limits: RequestLimits;
  /** Form posts one network may send per hour (`FORM_POSTS_PER_IP_PER_HOUR`); events get twenty times it. */
  formPostsPerHour: number;
  clock: Clock;
}

/**
 * `POST /api/events`: a step the browser saw (the page opened, the first answer, a question reached, a click to
 * talk), sent with `navigator.sendBeacon`: parse → per-IP limit → count → 204. Nothing about the visitor is kept.
 */
export async function recordEvent(event: ApiEvent, deps: RecordingEvents): Promise<ApiResult> {
  const body = parseWith(FunnelEventBodySchema, readBody(event).value);
  // A whole visit reports about thirty steps; twenty times the form limit allows several visits from one network.
  const limit = deps.formPostsPerHour * 20;
  await enforceHourlyLimit(deps, 'events', viewerIp(event), limit, 'Too many events from your network this hour.');
  await deps.funnel.count(funnelCounter(deps.clock.now(), body.assessmentVersion, body.entry, body.step, body.question));
  return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
}
