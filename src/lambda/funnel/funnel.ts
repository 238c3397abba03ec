/** One funnel counter: a UTC day, an assessment version, an entry, a step (`question-<n>` for questions). */
export interface FunnelCounter {
  day: string;
  assessmentVersion: string;
  entry: string;
  step: string;
}

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
