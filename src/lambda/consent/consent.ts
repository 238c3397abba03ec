import type { Assessment } from '../../quiz/assessment.ts';
import type { Consent, StoredSubmission } from '../records.ts';

/**
 * Consent to the follow-up email: how it is recorded, and whether it lets the follow-up go. With double opt-in
 * (content/site.json `followUpConsent: "confirmed"`), ticking the box asks for it, and the visitor confirms from the
 * results email, so the follow-up never reaches an inbox whose owner did not ask for it.
 */

/** How the consultancy asks for consent to the follow-up (content/site.json `followUpConsent`). */
export type FollowUpConsent = 'single' | 'confirmed';

/** The consent a visitor gave with their details, as recorded. */
export function recordConsent(given: boolean, assessment: Pick<Assessment, 'consent'>, at: string, mode: FollowUpConsent): Consent {
  return { given, textVersion: assessment.consent.version, at, ...(given && mode === 'confirmed' && { needsConfirmation: true as const }) };
}

/** Whether the follow-up may be sent: consent given, and confirmed where it had to be. */
export const followUpAgreed = (consent: Consent | undefined): boolean =>
  consent?.given === true && (!consent.needsConfirmation || consent.confirmed !== undefined);

/** Whether the visitor still has to confirm the follow-up from their inbox. */
export const awaitsConfirmation = (submission: Pick<StoredSubmission, 'contact' | 'unsubscribedAt'>): boolean => {
  const consent = submission.contact?.consent;
  return consent?.needsConfirmation === true && consent.confirmed === undefined && submission.unsubscribedAt === undefined;
};

/** Where the visitor confirms the follow-up: a page whose button confirms (link scanners only ever GET it). */
export const confirmFollowUpUrl = (siteUrl: string, token: string) => `${siteUrl}/api/follow-up?t=${encodeURIComponent(token)}`;
