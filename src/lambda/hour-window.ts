/** The start of the hour that `now` falls in, and the whole seconds left in it (at least 1). */
export function hourWindow(now: Date): { start: Date; secondsLeft: number } {
  const start = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  return { start, secondsLeft: Math.max(1, Math.ceil((start.getTime() + 3_600_000 - now.getTime()) / 1000)) };
}
