import type { Histogram } from '../../quiz/benchmark.ts';

/** The histogram of scores of each assessment version, to compare a result with everyone counted so far. */
export interface Histograms {
  /**
   * Adds one respondent to an assessment version's histogram, and one to each of their score buckets (see
   * `histogramBuckets`), in one atomic write.
   */
  countRespondent(assessmentVersion: string, buckets: string[]): Promise<void>;
  /** An assessment version's histogram (empty when nobody was counted). */
  histogram(assessmentVersion: string): Promise<Histogram>;
}
