import contactNotificationJson from '../../../content/emails/contact-notification.json' with { type: 'json' };
import { singleLineText } from '../../quiz/fields.ts';
import { html, type SafeHtml } from '../../quiz/html.ts';
import * as z from '../../quiz/zod.ts';
import type { StoredContactMessage } from '../records.ts';
import type { MessageEmailKind } from './kind.ts';
import { type RenderedEmail, renderEmailLayout } from './layout.ts';
import { whenInWords } from './parts.ts';

/** Copy of the email the consultancy receives for each contact-form message. */
export const ContactNotificationCopySchema = z.strictObject({
  /** Starts the subject line, before the sender's name. */
  subjectPrefix: singleLineText(60),
  /** The heading above the message. */
  heading: z.string().check(z.minLength(1), z.maxLength(200)),
  /** A line telling the reader how to answer. */
  replyHint: z.string().check(z.minLength(1), z.maxLength(300)),
});
/** The contact notification copy. */
export type ContactNotificationCopy = z.output<typeof ContactNotificationCopySchema>;

/** The copy from `content/emails/contact-notification.json`, checked once at cold start. */
const copy = ContactNotificationCopySchema.parse(contactNotificationJson);

/**
 * Renders the email the consultancy gets for a contact-form message; every value is escaped.
 * @example renderContactNotification(message, copy, 'Paradigm AI').subject // "Website enquiry: Ada (Acme)"
 */
export function renderContactNotification(
  message: StoredContactMessage,
  copy: ContactNotificationCopy,
  siteName: string,
  timeZone = 'UTC',
): RenderedEmail {
  const who = message.company ? `${message.name} (${message.company})` : message.name;
  const subject = `${copy.subjectPrefix}: ${who}`;
  const about = message.aboutResult;
  const aboutText = about && `lead grade ${about.grade} · result ${about.overall === null ? 'not scored' : `${about.overall}%`}`;
  const rows: (readonly [string, string | SafeHtml, string])[] = [
    ['Name', message.name, message.name],
    ['Email', message.email, message.email],
    ['Company', message.company ?? '—', message.company ?? '—'],
    ['Received', whenInWords(message.createdAt, timeZone), whenInWords(message.createdAt, timeZone)],
    ...(about && aboutText
      ? [['Their assessment', html`${aboutText}: <a href="${about.link}">open their result</a>`, `${aboutText}: ${about.link}`] as const]
      : []),
  ];
  const body = html`<h1 style="font-size:20px;margin:0 0 16px">${copy.heading}</h1>
<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 16px">
${rows.map(([label, value]) => html`<tr><th align="left" style="padding:4px 16px 4px 0;color:#555;font-weight:600">${label}</th><td style="padding:4px 0;overflow-wrap:anywhere;word-break:break-word">${value}</td></tr>`)}
</table>
<div style="white-space:pre-wrap;border-left:3px solid #0b5cad;padding:8px 12px;background:#f4f7fb">${message.message}</div>
<p style="color:#555">${copy.replyHint}</p>`;
  const text = [copy.heading, '', ...rows.map(([label, , plain]) => `${label}: ${plain}`), '', message.message, '', copy.replyHint].join(
    '\n',
  );
  return { subject, html: renderEmailLayout(subject, body, siteName).toString(), text };
}

/** The consultancy's email for every contact message, with Reply-To the sender. */
export const contactNotification: MessageEmailKind = {
  owner: 'message',
  audience: 'consultancy',
  wanted: () => true,
  compose: (message, context) => renderContactNotification(message, copy, context.siteName, context.timeZone),
};
