import type { ReadOptions, Saved, StoredContactMessage } from '../records.ts';

/** Where contact messages are kept. Reads return null for what is missing or past its retention. */
export interface Messages {
  /** Stores a message unless one with its id exists; then returns the stored one. */
  save(message: StoredContactMessage): Promise<Saved<StoredContactMessage>>;
  /** Reads a message (null when missing or, unless asked, past its retention). */
  get(id: string, options?: ReadOptions): Promise<StoredContactMessage | null>;
  /** The newest messages first, received from `since` on. */
  newest(options?: { since?: Date }): Promise<StoredContactMessage[]>;
  /** Deletes a message (its outbox items are the outbox's to erase). */
  erase(id: string): Promise<void>;
}
