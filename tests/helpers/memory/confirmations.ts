import type { ConsentConfirmations } from '../../../src/lambda/consent/confirmations.ts';
import type { MemorySubmissions } from './submissions.ts';

/** Confirmations of the follow-up, in memory, on the submissions' own records (as DynamoConsentConfirmations). */
export class MemoryConsentConfirmations implements ConsentConfirmations {
  constructor(private readonly submissions: MemorySubmissions) {}

  async confirm(submissionId: string, confirmed: { at: string; how: string }) {
    const consent = this.submissions.shelf.raw(submissionId)?.contact?.consent;
    if (!consent?.needsConfirmation || consent.confirmed) return false;
    consent.confirmed = { ...confirmed };
    return true;
  }
}
