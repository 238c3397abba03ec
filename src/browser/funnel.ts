import type { FunnelEventBody } from '../quiz/api-contract.ts';
import { entryOf } from '../quiz/funnel.ts';

/** How this visit entered the assessment, from the page's own address (campaign tags, or `?from=<article>`). */
export function entryOfPage(): string {
  const params = new URLSearchParams(location.search);
  return entryOf({
    utm_source: params.get('utm_source') ?? undefined,
    utm_campaign: params.get('utm_campaign') ?? undefined,
    article: params.get('from') ?? undefined,
  });
}

/**
 * Reports one funnel step with `navigator.sendBeacon`: no cookie, no id, nothing that tells this visitor from
 * another, and never in the way of the page (a lost beacon is a lost count, nothing more).
 */
export function reportStep(step: FunnelEventBody['step'], assessmentVersion: string, question?: number): void {
  const body: FunnelEventBody = { step, assessmentVersion, entry: entryOfPage(), ...(question !== undefined && { question }) };
  navigator.sendBeacon?.('/api/events', new Blob([JSON.stringify(body)], { type: 'application/json' }));
}
