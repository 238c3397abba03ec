import { type Benchmark, benchmarkOf, histogramBuckets } from '../../quiz/benchmark.ts';
import type { AssessmentResult } from '../../quiz/score.ts';
import type { Log } from '../ports.ts';
import type { StoredSubmission } from '../records.ts';
import type { Histograms } from './histograms.ts';

/**
 * Comparing a result with the others who took the same assessment version, from the histogram kept for it.
 * Counting and reading are best effort: a failure is logged, and the result is shown without a comparison; it
 * never fails the request.
 */

/** What comparing needs: the histograms, how many others must have answered first, the log. */
export interface Comparison {
  histograms: Histograms;
  /** How many others must have taken the assessment before a result is compared with theirs. */
  benchmarkMinimum: number;
  log: Log;
}

/** How a result about to be stored compares with everyone counted so far, or null (too few, or unreadable). */
export async function compareBeforeStoring(
  result: AssessmentResult,
  assessmentVersion: string,
  { histograms, benchmarkMinimum, log }: Comparison,
): Promise<Benchmark | null> {
  try {
    return benchmarkOf(await histograms.histogram(assessmentVersion), result, benchmarkMinimum, false);
  } catch (error) {
    log.warn('benchmark not read', { error: String(error) });
    return null;
  }
}

/** Counts a newly stored submission in its version's histogram (once: only the request that created it calls this). */
export async function countRespondent(submission: StoredSubmission, { histograms, log }: Comparison): Promise<void> {
  try {
    await histograms.countRespondent(submission.assessmentVersion, histogramBuckets(submission.result));
  } catch (error) {
    log.warn('respondent not counted', { error: String(error) });
  }
}

/** A stored submission with how it compares now with everyone counted (itself taken out), when enough have answered. */
export async function compareNow(
  submission: StoredSubmission,
  { histograms, benchmarkMinimum, log }: Comparison,
): Promise<StoredSubmission> {
  const { benchmark: _whenStored, ...rest } = submission;
  try {
    const histogram = await histograms.histogram(submission.assessmentVersion);
    const benchmark = benchmarkOf(histogram, submission.result, benchmarkMinimum, true);
    return benchmark ? { ...rest, benchmark } : rest;
  } catch (error) {
    log.warn('benchmark not read', { error: String(error) });
    return submission;
  }
}
