import { describe, expect, it } from 'vitest';
import { entryOf, mostStopped } from '../../../src/quiz/funnel.ts';

const counts = (steps: Record<string, number>) => Object.entries(steps).map(([step, count]) => ({ step, count }));

describe('where most visitors stop', () => {
  it.each([
    ['between two questions', { 'question-1': 9, 'question-2': 5, 'question-3': 4, completed: 4 }, { question: 1, stopped: 4 }],
    ['after the last question, before finishing', { 'question-1': 9, 'question-2': 8, completed: 2 }, { question: 2, stopped: 6 }],
    ['nowhere, when everyone who started finished', { 'question-1': 3, 'question-2': 3, completed: 3 }, null],
    ['nowhere, with more finishes than questions reached (forms sent without JavaScript)', { 'question-1': 1, completed: 4 }, null],
  ])('is found %s', (_case, steps, expected) => {
    expect(mostStopped(counts(steps))).toEqual(expected);
  });

  it('adds up counters of several days and entries', () => {
    const twoDays = [...counts({ 'question-1': 4, 'question-2': 1 }), ...counts({ 'question-1': 4, 'question-2': 4, completed: 5 })];
    expect(mostStopped(twoDays)).toEqual({ question: 1, stopped: 3 });
  });
});

describe('how a visitor entered', () => {
  it('prefers campaign tags, then the article, and keeps labels safe to store', () => {
    expect(entryOf({ utm_source: 'news<script>', utm_campaign: 'w#1', article: 'x' })).toBe('utm:newsscript/w1');
    expect(entryOf({ article: 'integration-is-not-a-technical-problem' })).toBe('article:integration-is-not-a-technical-problem');
    expect(entryOf({})).toBe('direct');
  });
});
