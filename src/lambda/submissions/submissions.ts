import type { ReadOptions, Saved, StoredContact, StoredSubmission } from '../records.ts';

/**
 * Where submissions are kept. Reads return null for what is missing or past its retention. Writes that could race
 * are conditional: two callers never both create a submission or attach contact details to it.
 * @throws ServiceUnavailableError when the database throttles or is down (that call wrote nothing).
 */
export interface Submissions {
  /** Stores a submission unless one with its id exists; then returns the stored one. */
  save(submission: StoredSubmission): Promise<Saved<StoredSubmission>>;
  /** Reads a submission (null when missing or, unless asked, past its retention). */
  get(id: string, options?: ReadOptions): Promise<StoredSubmission | null>;
  /** Attaches contact details once; false when the submission already has them (or is gone). */
  attachContact(submissionId: string, contact: StoredContact): Promise<boolean>;
  /** Records that the visitor of a submission unsubscribed (idempotent). */
  markUnsubscribed(submissionId: string): Promise<void>;
  /**
   * Submissions created from `from` up to (not including) `to`, oldest first; with `leadsOnly`, only those with
   * contact details or that retake another (what leads are made of: the rest is read but never returned).
   */
  createdBetween(from: Date, to: Date, options?: { leadsOnly?: true }): Promise<StoredSubmission[]>;
  /** How many submissions were created from `from` up to (not including) `to`, counted without reading them out. */
  countCreatedBetween(from: Date, to: Date): Promise<number>;
  /** The newest submissions first, created from `since` on, at most `limit`. */
  newest(options?: { since?: Date; limit?: number }): Promise<StoredSubmission[]>;
  /** The same, a page at a time, for a reader that stops once it has enough. */
  newestPages(options?: { since?: Date }): AsyncIterable<StoredSubmission[]>;
  /** The ids of the retakes that follow a submission ("Take it again" from its result). */
  retakesOf(id: string, options?: ReadOptions): Promise<string[]>;
  /** Takes out of a retake its copy of the result it follows (that result is being erased; the retake is another's). */
  forgetPrevious(id: string): Promise<void>;
  /** Deletes a submission and its retake links (its outbox items are the outbox's to erase). */
  erase(id: string): Promise<void>;
}
