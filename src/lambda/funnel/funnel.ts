/** One funnel counter: a UTC day, an assessment version, an entry, a step (`question-<n>` for questions). */
export interface FunnelCounter {
  day: string;
  assessmentVersion: string;
  entry: string;
  step: string;
}

/**
 * The counter of one step on the UTC day of `at`: a question is counted as `question-<n>`.
 * @example funnelCounter(new Date('2026-11-27T10:00:00Z'), '1', 'direct', 'question', 3).step // 'question-3'
 */
export const funnelCounter = (at: Date, assessmentVersion: string, entry: string, step: string, question?: number): FunnelCounter => ({
  day: at.toISOString().slice(0, 10),
  assessmentVersion,
  entry,
  step: question === undefined ? step : `${step}-${question}`,
});

/** A funnel counter with its count. */
export interface FunnelCount extends FunnelCounter {
  count: number;
}

/** The funnel's daily counters. They count steps only: nothing about a visitor is kept. */
export interface Funnel {
  /** Adds one to a day's counter of a step. */
  count(counter: FunnelCounter): Promise<void>;
  /** Every counter of one UTC day (`YYYY-MM-DD`). */
  countsOn(day: string): Promise<FunnelCount[]>;
}
