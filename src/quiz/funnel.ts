/**
 * The assessment's funnel: the steps counted per day, assessment version and entry. Counters only: nothing that
 * tells one visitor from another is sent or stored. Pure, shared by the browser (which reports what only it sees)
 * and the backend (which counts what it sees itself).
 */

/** Steps the browser reports: the page opened, the first answer, each question reached, a click to talk or book. */
export const BROWSER_STEPS = ['view', 'start', 'question', 'talk', 'book'] as const;
/** Every step, in the order a visitor goes through them. */
export const FUNNEL_STEPS = [
  'view',
  'start',
  'question',
  'completed',
  'results',
  'contact',
  'follow-up-sent',
  'unsubscribed',
  'talk',
  'book',
] as const;
/** One step of the funnel. */
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** What counts a visitor's way in: the link's campaign tags, else the article that sent them, else `direct`. */
export interface EntrySource {
  utm_source?: string;
  utm_campaign?: string;
  article?: string;
}

/** Keeps a label to letters, digits and a few separators, so it is safe in a key and readable in a report. */
const label = (text: string) => text.replace(/[^\p{L}\p{N} ._/+-]/gu, '').slice(0, 60);

/**
 * How a visitor entered the assessment, as the funnel counts it.
 * @example entryOf({ utm_source: 'newsletter', utm_campaign: 'winter' }) // 'utm:newsletter/winter'
 */
export function entryOf(source: EntrySource): string {
  if (source.utm_source) return `utm:${label(source.utm_source)}${source.utm_campaign ? `/${label(source.utm_campaign)}` : ''}`;
  if (source.article) return `article:${label(source.article)}`;
  return 'direct';
}

/** A step's total over some funnel counters (of any days, versions and entries). */
export function stepTotal(counts: readonly { step: string; count: number }[], step: string): number {
  return counts.reduce((total, c) => (c.step === step ? total + c.count : total), 0);
}

/**
 * The question after which most visitors stopped: the largest fall from those who reached question n to those who
 * reached n + 1 (after the last question, to those who finished). Null when nobody stopped part-way.
 * @example mostStopped([{ step: 'question-1', count: 9 }, { step: 'question-2', count: 5 }, { step: 'completed', count: 4 }])
 * // { question: 1, stopped: 4 }
 */
export function mostStopped(counts: readonly { step: string; count: number }[]): { question: number; stopped: number } | null {
  const last = Math.max(
    0,
    ...counts.filter((c) => c.step.startsWith('question-')).map((c) => Number(c.step.slice('question-'.length)) || 0),
  );
  let most: { question: number; stopped: number } | null = null;
  for (let n = 1; n <= last; n += 1) {
    const next = n < last ? `question-${n + 1}` : 'completed';
    const stopped = stepTotal(counts, `question-${n}`) - stepTotal(counts, next);
    if (stopped > 0 && stopped > (most?.stopped ?? 0)) most = { question: n, stopped };
  }
  return most;
}
