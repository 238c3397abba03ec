import { messageEmails } from './message-emails.ts';
import { submissionEmails } from './submission-emails.ts';
import { weekEmails } from './week-emails.ts';

/**
 * Every kind of email the backend sends, by the name its outbox items carry: the sweep's registry, since it sends
 * whatever is due. The kinds are grouped by what they are composed from, each group in a file of its own, so a
 * function that queues only one group bundles only it (submission-emails.ts, message-emails.ts, week-emails.ts).
 * Adding a kind is one file in email/ and one line in its group. Whatever a kind says, an email to a visitor never
 * goes to an address that unsubscribed.
 */
export const emailKinds = { ...submissionEmails, ...messageEmails, ...weekEmails };

/** The name of a kind of email. */
export type EmailKind = keyof typeof emailKinds;
