import { html, type SafeHtml } from '../../quiz/html.ts';

/** A bar that renders in Gmail and Outlook: a two-cell table with background colours, no images. */
export function emailBar(percent: number | null): SafeHtml {
  const p = Math.max(0, Math.min(100, Math.round(percent ?? 0)));
  const cell = (width: number, colour: string) =>
    html`<td width="${width}%" bgcolor="${colour}" style="background:${colour};height:10px;line-height:10px;font-size:0">&nbsp;</td>`;
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;border-radius:3px"><tr>${p > 0 ? cell(p, '#0b5cad') : ''}${p < 100 ? cell(100 - p, '#e3e7ed') : ''}</tr></table>`;
}

/** A label / value table, the way a consultant scans a lead. */
export function emailFacts(rows: [string, string][]): SafeHtml {
  return html`<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 16px">${rows.map(
    ([label, value]) =>
      html`<tr><th align="left" valign="top" style="padding:3px 12px 3px 0;color:#555;font-weight:600;white-space:nowrap">${label}</th><td style="padding:3px 0;overflow-wrap:anywhere;word-break:break-word">${value}</td></tr>`,
  )}</table>`;
}

/** Questions and answers, each question on its own line above its answer: long questions never widen the email. */
export function emailAnswers(rows: [string, string][]): SafeHtml {
  return html`${rows.map(
    ([question, answer]) => html`<p style="margin:0 0 10px"><span style="color:#555">${question}</span><br><strong>${answer}</strong></p>`,
  )}`;
}

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

/** A call-to-action link styled as a button. */
export function emailButton(href: string, label: string): SafeHtml {
  return html`<p style="margin:20px 0"><a href="${href}" style="display:inline-block;background:#0b5cad;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:5px;font-weight:bold">${label}</a></p>`;
}
