import * as z from 'zod';
import contactNotificationJson from '../../../content/emails/contact-notification.json' with { type: 'json' };
import followUpJson from '../../../content/emails/follow-up.json' with { type: 'json' };
import leadNotificationJson from '../../../content/emails/lead-notification.json' with { type: 'json' };
import resultsJson from '../../../content/emails/results.json' with { type: 'json' };
import { singleLineText } from '../../quiz/fields.ts';

const paragraph = z.string().min(1).max(1200);

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
/** The contact notification copy. */
export type ContactNotificationCopy = z.output<typeof ContactNotificationCopySchema>;

/** Copy of the results email to the visitor. */
export const ResultsCopySchema = z
  .object({
    /** The subject line. */
    subject: singleLineText(120),
    /** Before the name, e.g. "Hello". */
    greeting: singleLineText(40),
    /** The opening paragraph. */
    intro: paragraph,
    /** The text of the link to the results page. */
    linkLabel: singleLineText(80),
    /** The closing paragraph. */
    outro: paragraph,
  })
  .strict();
/** Results email copy. */
export type ResultsCopy = z.output<typeof ResultsCopySchema>;

/** Copy of the lead email to the consultancy. */
export const LeadNotificationCopySchema = ContactNotificationCopySchema;
/** Lead email copy. */
export type LeadNotificationCopy = z.output<typeof LeadNotificationCopySchema>;

const followUpBody = z.object({ subject: singleLineText(120), paragraphs: z.array(paragraph).min(1).max(6) }).strict();

/** Copy of the follow-up email, by weakest category. */
export const FollowUpCopySchema = z
  .object({
    greeting: singleLineText(40),
    signOff: paragraph,
    unsubscribeLabel: singleLineText(80),
    /** Used when no category has a score. */
    fallback: followUpBody,
    /** By category id. */
    byCategory: z.record(z.string(), followUpBody),
  })
  .strict();
/** Follow-up copy. */
export type FollowUpCopy = z.output<typeof FollowUpCopySchema>;

/** The email copy from `content/emails/`, parsed once at cold start. */
export const emailCopy = {
  contactNotification: ContactNotificationCopySchema.parse(contactNotificationJson),
  results: ResultsCopySchema.parse(resultsJson),
  leadNotification: LeadNotificationCopySchema.parse(leadNotificationJson),
  followUp: FollowUpCopySchema.parse(followUpJson),
};
