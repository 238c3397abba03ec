/** Times and days in the words the consultancy reads them in its emails. */

/**
 * A moment in the consultancy's time zone, in words: "Fri 27 Nov 2026, 17:27".
 * @example whenInWords('2026-11-27T17:27:00Z', 'Europe/London') // 'Fri 27 Nov 2026, 17:27'
 */
export function whenInWords(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')}`;
}

/** "27 Nov 2026": a day such as a consent wording's version (`2026-11-27`); anything else as it is. */
export function dayInWords(day: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(day)
    ? new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${day}T00:00:00Z`),
      )
    : day;
}
