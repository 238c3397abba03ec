/**
 * Where confirmations of the follow-up are recorded: on the consent of the submission they confirm, once.
 * @throws ServiceUnavailableError when the database throttles or is down (that call wrote nothing).
 */
export interface ConsentConfirmations {
  /**
   * Records that the visitor confirmed the follow-up, unless it was confirmed already; true when this call recorded
   * it (false for a repeat, or a submission with no consent waiting for confirmation).
   */
  confirm(submissionId: string, confirmed: { at: string; how: string }): Promise<boolean>;
}
