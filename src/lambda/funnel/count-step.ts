import { type EntrySource, entryOf, type FunnelStep } from '../../quiz/funnel.ts';
import type { Clock, Log } from '../ports.ts';
import { type Funnel, funnelCounter } from './funnel.ts';

/** What counting a step needs: the counters, the clock (for the day) and the log. */
export interface StepCounting {
  funnel: Pick<Funnel, 'count'>;
  clock: Clock;
  log: Log;
}

/**
 * Counts one step of the funnel for a day, assessment version and entry. Counting is best effort: a failure is
 * logged and never fails the request it belongs to.
 */
export async function countStep(
  { funnel, clock, log }: StepCounting,
  step: FunnelStep,
  at: { assessmentVersion: string; source: EntrySource },
  question?: number,
): Promise<void> {
  try {
    await funnel.count(funnelCounter(clock.now(), at.assessmentVersion, entryOf(at.source), step, question));
  } catch (error) {
    log.warn('funnel step not counted', { step, error: String(error) });
  }
}
