import { contactNotification } from './contact-notification.ts';
import type { EmailKinds } from './kind.ts';

/** The email composed from a contact message (see registry.ts). */
export const messageEmails = { 'contact-notification': contactNotification } as const satisfies EmailKinds;
