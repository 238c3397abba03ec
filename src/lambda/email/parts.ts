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
      html`<tr><th align="left" valign="top" style="padding:3px 16px 3px 0;color:#555;font-weight:600;white-space:nowrap">${label}</th><td style="padding:3px 0">${value}</td></tr>`,
  )}</table>`;
}

/** A call-to-action link styled as a button. */
export function emailButton(href: string, label: string): SafeHtml {
  return html`<p style="margin:20px 0"><a href="${href}" style="display:inline-block;background:#0b5cad;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:5px;font-weight:bold">${label}</a></p>`;
}
