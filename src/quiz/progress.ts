import type { AssessmentResult, CategoryResult } from './score.ts';

/**
 * A retake compared with the result it retakes: what the results page, the results email and the lead email show
 * ("Process as it runs 33% → 58%, +25"). Pure and without dependencies, so the browser can import it.
 */

/** The result a retake follows, as the results API carries it: when it was taken and its scores. */
export interface PreviousResult {
  /** When the previous result was stored (ISO time). */
  at: string;
  /** Its overall score, or null when it had too few answers. */
  overall: number | null;
  /** Its score per category id (null: too few answers in that category). */
  categories: Record<string, number | null>;
}

/** What is kept of a result for the retake that follows it. */
export const previousOf = (result: AssessmentResult, at: string): PreviousResult => ({
  at,
  overall: result.percent,
  categories: Object.fromEntries(result.categories.map((c) => [c.id, c.percent])),
});

/** One score before and after. */
export interface Change {
  /** What changed: "Overall" or a category's title. */
  title: string;
  before: number;
  after: number;
  /** after − before, in points. */
  delta: number;
}

/** `33% → 58%, +25`; `58% → 58%, no change`. */
export const changeText = ({ before, after, delta }: Change) =>
  `${before}% → ${after}%, ${delta === 0 ? 'no change' : delta > 0 ? `+${delta}` : `−${-delta}`}`;

/** The overall score's change, when both results have one. */
export function overallChange(previous: PreviousResult, result: AssessmentResult): Change | null {
  const before = previous.overall;
  const after = result.percent;
  return before === null || after === null ? null : { title: 'Overall', before, after, delta: after - before };
}

/** A category's change, when it was scored both times (a category new to this version has none). */
export function categoryChange(previous: PreviousResult, category: CategoryResult): Change | null {
  const before = previous.categories[category.id];
  const after = category.percent;
  return before === undefined || before === null || after === null ? null : { title: category.title, before, after, delta: after - before };
}

/** Each category scored both times, in the assessment's order. */
export const categoryChanges = (previous: PreviousResult, result: AssessmentResult): Change[] =>
  result.categories.flatMap((c) => categoryChange(previous, c) ?? []);

/** "27 Nov": the day a previous result was taken, in the given time zone. */
export const dayOf = (at: string, timeZone: string, locale = 'en-GB') =>
  new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone }).format(new Date(at));

/** Where "Take it again" goes: the assessment, filled in with this result's answers. */
export const retakeHref = (token: string) => `/assessment/?retake=${encodeURIComponent(token)}`;
