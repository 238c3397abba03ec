import contactNotificationJson from '../../../content/emails/contact-notification.json' with { type: 'json' };
import { singleLineText } from '../../quiz/fields.ts';
import * as z from '../../quiz/zod.ts';
import type { StoredContactMessage } from '../records.ts';
import { whenInWords } from './in-words.ts';
import type { MessageEmailKind } from './kind.ts';
import { type EmailFrame, type EmailModel, type Line, type RenderedEmail, renderEmail } from './layout.ts';

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
 * @example renderContactNotification(message, copy, { siteName: 'Paradigm AI', siteUrl }).subject // "Website enquiry: Ada (Acme)"
 */
export function renderContactNotification(
  message: StoredContactMessage,
  copy: ContactNotificationCopy,
  frame: EmailFrame,
  timeZone = 'UTC',
): RenderedEmail {
  const who = message.company ? `${message.name} (${message.company})` : message.name;
  const subject = `${copy.subjectPrefix}: ${who}`;
  const about = message.aboutResult;
  const aboutText = about && `lead grade ${about.grade} · result ${about.overall === null ? 'not scored' : `${about.overall}%`}`;
  const model: EmailModel = {
    subject,
    blocks: [
      { heading: copy.heading },
      {
        facts: [
          ['Name', message.name],
          ['Email', { mailto: message.email }],
          ['Company', message.company ?? '—'],
          ['Received', whenInWords(message.createdAt, timeZone)],
          ...(about && aboutText
            ? [['Their assessment', [`${aboutText} · `, { link: about.link, text: 'open their result' }]] as [string, Line]]
            : []),
        ],
      },
      { quote: message.message },
      { paragraph: copy.replyHint, tone: 'muted' },
    ],
  };
  return renderEmail(model, frame);
}

/** The consultancy's email for every contact message, with Reply-To the sender. */
export const contactNotification: MessageEmailKind = {
  owner: 'message',
  audience: 'consultancy',
  wanted: () => true,
  compose: (message, context) => renderContactNotification(message, copy, context, context.timeZone),
};
