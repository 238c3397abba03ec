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
  'completed-without-script',
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
 * How many visitors reached each question, 1 to `questions`: the counter of a question, or, when more reached a later
 * one, that many (whoever reached question 5 reached question 1). So no later question ever shows more visitors than
 * an earlier one, even over days that cut a visit in two (started before midnight, finished after).
 * @example reachByQuestion([{ step: 'question-1', count: 2 }, { step: 'question-2', count: 3 }], 3) // [3, 3, 0]
 */
export function reachByQuestion(counts: readonly { step: string; count: number }[], questions: number): number[] {
  const reach = Array.from({ length: questions }, (_, i) => stepTotal(counts, `question-${i + 1}`));
  for (let i = questions - 2; i >= 0; i -= 1) reach[i] = Math.max(reach[i] ?? 0, reach[i + 1] ?? 0);
  return reach;
}

/**
 * The question after which most visitors stopped: the largest fall from those who reached question n to those who
 * reached n + 1 (after the last question, to those who finished with JavaScript, the same visitors the questions
 * count). Null when nobody stopped part-way: it is claimed only where someone did.
 * @param questions how many questions the version asks (a counter past them is not the site's and is left out)
 * @example mostStopped([{ step: 'question-1', count: 9 }, { step: 'question-2', count: 5 }, { step: 'completed', count: 4 }], 2)
 * // { question: 1, stopped: 4 }
 */
export function mostStopped(
  counts: readonly { step: string; count: number }[],
  questions: number,
): { question: number; stopped: number } | null {
  const reach = [...reachByQuestion(counts, questions), stepTotal(counts, 'completed')];
  let most: { question: number; stopped: number } | null = null;
  for (let n = 1; n <= questions; n += 1) {
    const stopped = (reach[n - 1] ?? 0) - (reach[n] ?? 0);
    if (stopped > 0 && stopped > (most?.stopped ?? 0)) most = { question: n, stopped };
  }
  return most;
}
