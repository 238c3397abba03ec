import type { FunnelEventBody } from '../quiz/api-contract.ts';
import { entryOf } from '../quiz/funnel.ts';

/** How a page's address says the visit entered the assessment (campaign tags, or `?from=<article>`). */
function entryOfAddress(search: string): string {
  const params = new URLSearchParams(search);
  return entryOf({
    utm_source: params.get('utm_source') ?? undefined,
    utm_campaign: params.get('utm_campaign') ?? undefined,
    article: params.get('from') ?? undefined,
  });
}

/**
 * How this visit entered the assessment, read from the address the page was opened at: once the result is shown,
 * the address becomes the result's own link, and a click on it still counts under the article that sent the visitor.
 */
const openedFrom = entryOfAddress(location.search);

/** How this visit entered the assessment. */
export const entryOfPage = (): string => openedFrom;

/**
 * Reports one funnel step with `navigator.sendBeacon`: no cookie, no id, nothing that tells this visitor from
 * another, and never in the way of the page (a lost beacon is a lost count, nothing more).
 */
export function reportStep(step: FunnelEventBody['step'], assessmentVersion: string, question?: number): void {
  const body: FunnelEventBody = { step, assessmentVersion, entry: entryOfPage(), ...(question !== undefined && { question }) };
  navigator.sendBeacon?.('/api/events', new Blob([JSON.stringify(body)], { type: 'application/json' }));
}
