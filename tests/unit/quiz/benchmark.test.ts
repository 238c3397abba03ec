import { describe, expect, it } from 'vitest';
import { benchmarkOf, benchmarkSentence, histogramBuckets } from '../../../src/quiz/benchmark.ts';
import type { AssessmentResult } from '../../../src/quiz/score.ts';

/** A result with an overall score and three categories, one of them without enough answers. */
const result = {
  assessmentId: 'a',
  assessmentVersion: '1',
  percent: 60,
  band: null,
  categories: [
    { id: 'process', title: 'Process', percent: 50, answered: 4, total: 4, band: null, costliest: [] },
    { id: 'data', title: 'Data', percent: 80, answered: 4, total: 4, band: null, costliest: [] },
    { id: 'owners', title: 'Owners', percent: null, answered: 1, total: 4, band: null, costliest: [] },
  ],
  answered: 9,
  notSure: 0,
  skipped: 3,
} as unknown as AssessmentResult;

/** Ten respondents, by hand: overall 20 ×2, 40 ×3, 60 ×4, 80 ×1; process 33 ×4, 50 ×4, 67 ×2; data 80 ×10. */
const histogram = {
  respondents: 10,
  'overall#20': 2,
  'overall#40': 3,
  'overall#60': 4,
  'overall#80': 1,
  'category#process#33': 4,
  'category#process#50': 4,
  'category#process#67': 2,
  'category#data#80': 10,
};

describe('comparing a result with the others', () => {
  it('gives the percent of others strictly below, overall and per scored category', () => {
    // 5 of 10 below 60; 4 of 10 below 50; nobody below 80.
    expect(benchmarkOf(histogram, result, 10, false)).toEqual({ respondents: 10, overall: 50, categories: { process: 40, data: 0 } });
  });

  it('takes the result itself out of a histogram that already counts it', () => {
    // 9 others: 5 of 9 below 60 (56%), 4 of 9 below 50 (44%).
    expect(benchmarkOf(histogram, result, 9, true)).toEqual({ respondents: 9, overall: 56, categories: { process: 44, data: 0 } });
  });

  it('shows nothing until enough others have answered: 29 is too few for a minimum of 30, 30 is enough', () => {
    expect(benchmarkOf({ ...histogram, respondents: 29 }, result, 30, false)).toBeNull();
    expect(benchmarkOf({ ...histogram, respondents: 30 }, result, 30, false)?.respondents).toBe(30);
    expect(benchmarkOf({}, result, 1, false)).toBeNull();
  });

  it('counts a result in the buckets of its scores only', () => {
    expect(histogramBuckets(result)).toEqual(['overall#60', 'category#process#50', 'category#data#80']);
  });

  it('says it in a sentence, and says nothing without an overall score', () => {
    expect(benchmarkSentence({ respondents: 140, overall: 62, categories: {} })).toBe(
      'You are ahead of 62% of the 140 organisations that took this assessment.',
    );
    expect(benchmarkSentence({ respondents: 140, overall: null, categories: {} })).toBeNull();
  });
});
