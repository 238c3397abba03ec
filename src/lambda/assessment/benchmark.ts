import { type Benchmark, benchmarkOf, histogramBuckets } from '../../quiz/benchmark.ts';
import type { AssessmentResult } from '../../quiz/score.ts';
import type { BackendContext } from '../ports.ts';
import type { StoredSubmission } from '../records.ts';

/**
 * Comparing a result with the others who took the same assessment version, from the histogram the store keeps.
 * Counting and reading are best effort: a failure is logged, and the result is shown without a comparison; it
 * never fails the request.
 */

/** How a result about to be stored compares with everyone counted so far, or null (too few, or unreadable). */
export async function compareBeforeStoring(
  result: AssessmentResult,
  assessmentVersion: string,
  context: BackendContext,
): Promise<Benchmark | null> {
  try {
    return benchmarkOf(await context.store.histogram(assessmentVersion), result, context.benchmarkMinimum, false);
  } catch (error) {
    context.log.warn('benchmark not read', { error: String(error) });
    return null;
  }
}

/** Counts a newly stored submission in its version's histogram (once: only the request that created it calls this). */
export async function countRespondent(submission: StoredSubmission, context: BackendContext): Promise<void> {
  try {
    await context.store.countRespondent(submission.assessmentVersion, histogramBuckets(submission.result));
  } catch (error) {
    context.log.warn('respondent not counted', { error: String(error) });
  }
}

/** A stored submission with how it compares now with everyone counted (itself taken out), when enough have answered. */
export async function compareNow(submission: StoredSubmission, context: BackendContext): Promise<StoredSubmission> {
  const { benchmark: _whenStored, ...rest } = submission;
  try {
    const histogram = await context.store.histogram(submission.assessmentVersion);
    const benchmark = benchmarkOf(histogram, submission.result, context.benchmarkMinimum, true);
    return benchmark ? { ...rest, benchmark } : rest;
  } catch (error) {
    context.log.warn('benchmark not read', { error: String(error) });
    return submission;
  }
}
