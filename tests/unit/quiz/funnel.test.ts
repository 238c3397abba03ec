import { describe, expect, it } from 'vitest';
import { entryOf, mostStopped, reachByQuestion } from '../../../src/quiz/funnel.ts';

const counts = (steps: Record<string, number>) => Object.entries(steps).map(([step, count]) => ({ step, count }));

describe('where most visitors stop', () => {
  it.each([
    ['between two questions', { 'question-1': 9, 'question-2': 5, 'question-3': 4, completed: 4 }, { question: 1, stopped: 4 }],
    ['after the last question, before finishing', { 'question-1': 9, 'question-2': 8, completed: 2 }, { question: 2, stopped: 6 }],
    ['nowhere, when everyone who started finished', { 'question-1': 3, 'question-2': 3, completed: 3 }, null],
    ['nowhere, with more finishes than questions reached', { 'question-1': 1, 'question-2': 1, 'question-3': 1, completed: 4 }, null],
    // Counters of one day can cut visits in two: more reached question 3 that day than question 1.
    ['nowhere, when a later question was reached by more', { 'question-1': 1, 'question-2': 2, 'question-3': 3, completed: 3 }, null],
    [
      'only after a question someone stopped at',
      { 'question-1': 1, 'question-2': 3, 'question-3': 1, completed: 1 },
      { question: 2, stopped: 2 },
    ],
  ])('is found %s', (_case, steps, expected) => {
    const questions = Object.keys(steps).filter((step) => step.startsWith('question-')).length;
    expect(mostStopped(counts(steps), questions)).toEqual(expected);
  });

  it('adds up counters of several days and entries', () => {
    const twoDays = [...counts({ 'question-1': 4, 'question-2': 1 }), ...counts({ 'question-1': 4, 'question-2': 4, completed: 5 })];
    expect(mostStopped(twoDays, 2)).toEqual({ question: 1, stopped: 3 });
  });

  it('leaves out a counter past the questions the version asks', () => {
    expect(mostStopped(counts({ 'question-1': 2, 'question-2': 2, 'question-100': 1, completed: 2 }), 2)).toBeNull();
  });
});

describe('how many reached each question', () => {
  it('never shows a later question with more visitors than an earlier one: whoever reached 3 reached 1 and 2', () => {
    expect(reachByQuestion(counts({ 'question-1': 1, 'question-2': 0, 'question-3': 2, 'question-4': 1 }), 5)).toEqual([2, 2, 2, 1, 0]);
  });
});

describe('how a visitor entered', () => {
  it('prefers campaign tags, then the article, and keeps labels safe to store', () => {
    expect(entryOf({ utm_source: 'news<script>', utm_campaign: 'w#1', article: 'x' })).toBe('utm:newsscript/w1');
    expect(entryOf({ article: 'integration-is-not-a-technical-problem' })).toBe('article:integration-is-not-a-technical-problem');
    expect(entryOf({})).toBe('direct');
  });
});
