import type { Benchmark } from './benchmark.ts';
import { categoryChange, changeText, type PreviousResult } from './progress.ts';
import type { CategoryResult } from './score.ts';

/** How many of a category's questions its score rests on. */
export const basedOn = (category: CategoryResult) => `based on ${category.answered} of ${category.total} answers`;

/**
 * What is said beside a category's score, wherever it is shown (the results page, the results email, the lead
 * email): the change since the result before, how it compares with others, and how many answers it rests on when
 * some were skipped or not sure.
 * @example categoryNotes(category, { previous, benchmark }) // ['since last time 33% → 58%, +25', 'ahead of 62% of others']
 */
export function categoryNotes(category: CategoryResult, context: { previous?: PreviousResult; benchmark?: Benchmark }): string[] {
  const change = context.previous && categoryChange(context.previous, category);
  const ahead = context.benchmark?.categories[category.id];
  return [
    ...(change ? [`since last time ${changeText(change)}`] : []),
    ...(ahead === undefined ? [] : [`ahead of ${ahead}% of others`]),
    ...(category.percent !== null && category.answered < category.total ? [basedOn(category)] : []),
  ];
}
