import { type Benchmark, benchmarkOf, histogramBuckets } from '../../quiz/benchmark.ts';
import type { AssessmentResult } from '../../quiz/score.ts';
import type { RequestLimits } from '../limits/limits.ts';
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

/** How many first attempts one network may add to the comparison in a UTC day. */
export const RESPONDENTS_PER_NETWORK_PER_DAY = 3;

/** What decides whether a stored first attempt counts in the comparison. */
export interface Counting {
  limits: RequestLimits;
  /** The network it came from (see networkOf). */
  network: string;
  /** Answers sent faster than this (as the browser measured) are not counted: they are possibly automated. */
  minCompletionSeconds: number;
  now: Date;
}

/**
 * Counts a newly stored first attempt in its version's histogram (only the request that created it calls this),
 * unless it cannot be trusted to be a person's: answers faster than a person reads them, or more than
 * RESPONDENTS_PER_NETWORK_PER_DAY from one network in a day. So the comparison others see cannot be bought by
 * sending answers.
 * @returns whether it was counted
 */
export async function countRespondent(submission: StoredSubmission, { histograms, log }: Comparison, counting: Counting): Promise<boolean> {
  if (submission.elapsedMs !== undefined && submission.elapsedMs < counting.minCompletionSeconds * 1000) return false;
  try {
    const day = new Date(Math.floor(counting.now.getTime() / 86_400_000) * 86_400_000);
    if (!(await counting.limits.countRequest('respondents', counting.network, day, RESPONDENTS_PER_NETWORK_PER_DAY, 86_400))) return false;
    await histograms.countRespondent(submission.assessmentVersion, histogramBuckets(submission.result));
    return true;
  } catch (error) {
    log.warn('respondent not counted', { error: String(error) });
    return false;
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
