import type { AssessmentResult } from './score.ts';

/**
 * How a result compares with everyone else's: from a histogram of scores per assessment version (how many
 * respondents scored each whole percent, overall and per category), counted as submissions are stored. Pure and
 * without dependencies, shared by the backend (which counts and compares) and the results renderer in the browser.
 */

/** How a result compares, when enough others took the assessment to say (its schema: `BenchmarkSchema`). */
export interface Benchmark {
  /** How many others took this version of the assessment. */
  respondents: number;
  /** The percent of them who scored below this result overall, or null without an overall score. */
  overall: number | null;
  /** By category id: the percent of them who scored below this result in that category. */
  categories: Record<string, number>;
}

/** Counts of respondents: `respondents`, and one entry per scored bucket (see `histogramBuckets`). */
export type Histogram = Readonly<Record<string, number>>;

/** The name that counts respondents. */
export const RESPONDENTS = 'respondents';

/**
 * The buckets a result adds one to: its overall score and each category's, as whole percents. A score that could
 * not be given (too few answers) is in no bucket.
 * @example histogramBuckets(result) // ['overall#58', 'category#process#33', ...]
 */
export function histogramBuckets(result: AssessmentResult): string[] {
  return [
    ...(result.percent === null ? [] : [`overall#${result.percent}`]),
    ...result.categories.flatMap((c) => (c.percent === null ? [] : [`category#${c.id}#${c.percent}`])),
  ];
}

/** Of the respondents in the buckets of `prefix`, the percent who scored below `score`; null when none did either. */
function percentBelow(histogram: Histogram, prefix: string, score: number): number | null {
  let total = 0;
  let below = 0;
  for (const [bucket, count] of Object.entries(histogram)) {
    if (!bucket.startsWith(prefix)) continue;
    const value = Number(bucket.slice(prefix.length));
    if (!Number.isInteger(value)) continue;
    total += count;
    if (value < score) below += count;
  }
  return total > 0 ? Math.round((below / total) * 100) : null;
}

/**
 * How a result compares with the others counted in a histogram, or null when fewer than `minimum` others took the
 * assessment (nothing is shown then: a comparison with a handful would mislead).
 * @param includesSelf whether the histogram already counts this result (it is taken out again)
 * @example benchmarkOf(histogram, result, 30, true) // { respondents: 140, overall: 62, categories: { process: 48 } }
 */
export function benchmarkOf(histogram: Histogram, result: AssessmentResult, minimum: number, includesSelf: boolean): Benchmark | null {
  const others: Record<string, number> = { ...histogram };
  if (includesSelf) {
    others[RESPONDENTS] = (others[RESPONDENTS] ?? 0) - 1;
    for (const bucket of histogramBuckets(result)) others[bucket] = (others[bucket] ?? 0) - 1;
  }
  const respondents = others[RESPONDENTS] ?? 0;
  if (respondents < minimum) return null;
  const categories: Record<string, number> = {};
  for (const category of result.categories) {
    if (category.percent === null) continue;
    const below = percentBelow(others, `category#${category.id}#`, category.percent);
    if (below !== null) categories[category.id] = below;
  }
  const overall = result.percent === null ? null : percentBelow(others, 'overall#', result.percent);
  // A result with no score to compare (too few answers everywhere) gets no comparison at all.
  if (overall === null && Object.keys(categories).length === 0) return null;
  return { respondents, overall, categories };
}

/**
 * The sentence the results page and emails show.
 * @example benchmarkSentence({ respondents: 140, overall: 62, categories: {} }) // 'You are ahead of 62% of the 140 organisations that took this assessment.'
 */
export function benchmarkSentence(benchmark: Benchmark): string | null {
  if (benchmark.overall === null) return null;
  return `You are ahead of ${benchmark.overall}% of the ${benchmark.respondents} organisations that took this assessment.`;
}
