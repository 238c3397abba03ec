import { z } from 'zod';
import contactNotificationJson from '../../../content/emails/contact-notification.json' with { type: 'json' };
import { singleLineText } from '../../quiz/fields.ts';

/** Copy of the email the consultancy receives for each contact-form message. */
export const ContactNotificationCopySchema = z
  .object({
    /** Starts the subject line, before the sender's name. */
    subjectPrefix: singleLineText(60),
    /** The heading above the message. */
    heading: z.string().min(1).max(200),
    /** A line telling the reader how to answer. */
    replyHint: z.string().min(1).max(300),
  })
  .strict();

/** The contact notification copy, validated at bundle load. */
export type ContactNotificationCopy = z.output<typeof ContactNotificationCopySchema>;

/** The email copy from `content/emails/`, parsed once. */
export const emailCopy = {
  contactNotification: ContactNotificationCopySchema.parse(contactNotificationJson),
};
