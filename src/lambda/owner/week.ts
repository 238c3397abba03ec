/**
 * Weeks in the consultancy's time zone, for the weekly digest and what it keeps: Monday to Sunday, as its calendar
 * reads them.
 * Pure date arithmetic on top of Intl (no library), so it runs the same in Lambda and in tests.
 */

/** The calendar date (`YYYY-MM-DD`) that `at` falls on in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The UTC instant of midnight at the start of `date` (`YYYY-MM-DD`) in `timeZone`. */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const noonUtc = new Date(`${date}T12:00:00Z`);
  const offset = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(noonUtc)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(offset ?? '');
  const minutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  return new Date(new Date(`${date}T00:00:00Z`).getTime() - minutes * 60_000);
}

/** `date` moved by `days` (calendar arithmetic on `YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A week, Monday to Sunday, in a time zone. */
export interface Week {
  /** ISO week name, e.g. `2026-W48`. */
  name: string;
  /** Its Monday and Sunday (`YYYY-MM-DD`). */
  firstDay: string;
  lastDay: string;
  /** The instants it starts and ends (exclusive). */
  from: Date;
  to: Date;
}

/** The ISO week name of a Monday: the week belongs to the year of its Thursday, counted from that year's first. */
function isoWeekName(monday: string): string {
  const thursday = new Date(`${addDays(monday, 3)}T00:00:00Z`);
  const year = thursday.getUTCFullYear();
  const dayOfYear = Math.round((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000);
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

/**
 * The last whole week before `at` in `timeZone`: the Monday-to-Sunday week that ended at the most recent local
 * Monday midnight.
 * @example lastWeek(new Date('2026-11-30T08:00:00Z'), 'Europe/London').firstDay // '2026-11-23'
 */
export function lastWeek(at: Date, timeZone: string): Week {
  const today = localDate(at, timeZone);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  const thisMonday = addDays(today, -weekday);
  const firstDay = addDays(thisMonday, -7);
  return {
    name: isoWeekName(firstDay),
    firstDay,
    lastDay: addDays(thisMonday, -1),
    from: startOfLocalDay(firstDay, timeZone),
    to: startOfLocalDay(thisMonday, timeZone),
  };
}
