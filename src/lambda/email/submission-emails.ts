import { followUp } from './follow-up.ts';
import type { EmailKinds } from './kind.ts';
import { leadNotification } from './lead-notification.ts';
import { resultsEmail } from './results-email.ts';

/** The emails composed from an assessment submission (see registry.ts). */
export const submissionEmails = {
  'results-email': resultsEmail,
  'lead-notification': leadNotification,
  'follow-up': followUp,
} as const satisfies EmailKinds;
