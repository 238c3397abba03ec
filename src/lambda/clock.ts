import type { Clock } from './ports.ts';

/** How far the local stack has moved time forward (always 0 in AWS, where nothing changes it). */
let offsetMs = 0;

/** The time the functions see: the real time, plus any shift the local stack made. */
export const systemClock: Clock = { now: () => new Date(Date.now() + offsetMs) };

/**
 * Moves the functions' time forward, for the local stack only (`POST /__local/clock` in `npm start`), so a
 * follow-up can fall due in seconds instead of days.
 */
export function advanceClock(ms: number): Date {
  offsetMs += ms;
  return systemClock.now();
}
