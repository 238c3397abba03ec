import { RateLimitedError } from '../errors.ts';
import { hourWindow } from '../hour-window.ts';
import type { Backend } from '../ports.ts';

/**
 * Counts one request from `subject` against an hourly limit, and refuses it with 429 (saying when to try again)
 * once the limit is reached.
 */
export async function enforceHourlyLimit(backend: Backend, limit: 'submissions', subject: string, max: number, refusal: string) {
  const { start, secondsLeft } = hourWindow(backend.clock.now());
  if (!(await backend.store.countRequest(limit, subject, start, max))) {
    throw new RateLimitedError(`${refusal} Please try again in ${Math.ceil(secondsLeft / 60)} minutes.`, secondsLeft);
  }
}
