import { stepTotal } from '../../quiz/funnel.ts';
import type { Funnel, FunnelCount } from '../funnel/funnel.ts';
import { addDays } from './week.ts';

/**
 * The funnel as the consultancy reads it, in the weekly digest and in `npm run leads -- funnel`: the counters of a
 * range of UTC days, and what each step is called.
 */

/** The steps shown, in the order a visitor goes through them, with their labels (questions come between start and finish). */
export const FUNNEL_STEP_LABELS: readonly (readonly [step: string, label: string])[] = [
  ['view', 'Opened the assessment'],
  ['start', 'Started'],
  ['completed', 'Finished'],
  ['contact', 'Left their details'],
  ['results', 'Opened their results again'],
  ['follow-up-sent', 'Follow-ups sent'],
  ['unsubscribed', 'Unsubscribed'],
  ['talk', 'Clicked to talk'],
  ['book', 'Clicked to book a call'],
];

/** Every funnel counter of the UTC days from `firstDay` to `lastDay` (`YYYY-MM-DD`, both included). */
export async function funnelBetween(funnel: Pick<Funnel, 'countsOn'>, firstDay: string, lastDay: string): Promise<FunnelCount[]> {
  const days: string[] = [];
  for (let day = firstDay; day <= lastDay; day = addDays(day, 1)) days.push(day);
  return (await Promise.all(days.map((day) => funnel.countsOn(day)))).flat();
}

/** Each step's total over some counters (questions left out: see `mostStopped`). */
export function stepTotals(counts: readonly FunnelCount[]): Record<string, number> {
  const steps = [...new Set(counts.map((c) => c.step).filter((step) => !step.startsWith('question-')))];
  return Object.fromEntries(steps.map((step) => [step, stepTotal(counts, step)]));
}
