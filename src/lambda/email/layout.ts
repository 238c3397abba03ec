import { html, type SafeHtml } from '../../quiz/html.ts';
import * as z from '../../quiz/zod.ts';

/** A paragraph of email copy in content/emails/: never empty, never a wall of text. */
export const copyParagraph = z.string().check(z.minLength(1), z.maxLength(1200));

/** A rendered email body with its subject. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** The frame every email shares: a single centred column of tables and inline styles (Gmail, Outlook). */
export function renderEmailLayout(title: string, content: SafeHtml, siteName: string, footer?: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body style="margin:0;padding:0;background:#f2f2f2">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f2f2f2"><tr><td align="center" style="padding:24px 8px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:6px">
<tr><td style="padding:24px 28px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.55;color:#1a1a1a">
${content}
</td></tr>
<tr><td style="padding:16px 28px;border-top:1px solid #e5e5e5;font-family:Arial,Helvetica,sans-serif;font-size:12px;color:#666">${siteName}${footer ? html`<br>${footer}` : ''}</td></tr>
</table>
</td></tr></table>
</body></html>`;
}
