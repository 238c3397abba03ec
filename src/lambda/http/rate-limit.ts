import { RateLimitedError } from '../errors.ts';
import { hourWindow } from '../hour-window.ts';
import type { BackendContext } from '../ports.ts';

/**
 * Counts one request from `subject` on an hourly counter, and refuses it with 429 (saying when to try again) once
 * the counter has reached `limit`.
 */
export async function enforceHourlyLimit(context: BackendContext, counter: 'submissions', subject: string, limit: number, refusal: string) {
  const { start, secondsLeft } = hourWindow(context.clock.now());
  if (!(await context.store.countRequest(counter, subject, start, limit))) {
    throw new RateLimitedError(`${refusal} Please try again in ${Math.ceil(secondsLeft / 60)} minutes.`, secondsLeft);
  }
}
