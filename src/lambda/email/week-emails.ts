import type { EmailKinds } from './kind.ts';
import { digest } from './weekly-digest.ts';

/** The email composed from a week's report (see registry.ts). */
export const weekEmails = { 'weekly-digest': digest } as const satisfies EmailKinds;
