import { type EntrySource, entryOf, type FunnelStep } from '../../quiz/funnel.ts';
import type { BackendContext } from '../ports.ts';

/**
 * Counts one step of the funnel for a day, assessment version and entry. Counting is best effort: a failure is
 * logged and never fails the request it belongs to.
 */
export async function countStep(
  context: BackendContext,
  step: FunnelStep,
  at: { assessmentVersion: string; source: EntrySource },
  question?: number,
): Promise<void> {
  try {
    await context.store.countStep({
      day: context.clock.now().toISOString().slice(0, 10),
      assessmentVersion: at.assessmentVersion,
      entry: entryOf(at.source),
      step: question === undefined ? step : `${step}-${question}`,
    });
  } catch (error) {
    context.log.warn('funnel step not counted', { step, error: String(error) });
  }
}
