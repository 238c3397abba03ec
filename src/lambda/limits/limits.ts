import type { ItemOwner } from '../records.ts';

/** The hourly request counters, one per kind of write. */
export type RequestCounter =
  | 'submissions'
  | 'messages'
  | 'contact-details'
  | 'unsubscribes'
  | 'follow-up-confirmations'
  | 'events'
  | 'respondents';

/** Hourly counters of requests, per network. */
export interface RequestLimits {
  /**
   * Counts one request from `subject` (a network) on a counter for the window (an hour, or `windowSeconds`) starting
   * `windowStart`; false once at `limit`.
   */
  countRequest(counter: RequestCounter, subject: string, windowStart: Date, limit: number, windowSeconds?: number): Promise<boolean>;
}

/**
 * What the outbox must know of an address before it queues or sends an email to it: whether it unsubscribed, the
 * one email of a kind allowed per hour, and the latest record that asked for an email of a kind. Addresses are
 * compared as `normaliseAddress` makes them.
 */
export interface AddressRules {
  /**
   * Reserves, for one owner, the single email of a kind allowed for `key` (an address, or a request's hash) in the
   * hour starting `hourStart`. True when the owner holds it (asking again for the same owner is true again); false
   * when another owner does.
   */
  reserveHourlyEmail(kind: string, key: string, hourStart: Date, owner: ItemOwner): Promise<boolean>;
  /**
   * Records `owner` as the latest to queue an email of this kind to an address, unless one whose address was given
   * later (`givenAt`, ISO time) is recorded already: a repeat of an older request never takes it back.
   */
  markLatestEmail(kind: string, address: string, owner: ItemOwner, givenAt: string): Promise<void>;
  /** The owner that last queued an email of this kind to an address, or null. */
  latestEmailOwner(kind: string, address: string): Promise<ItemOwner | null>;
  /** Puts an address on the suppression list (idempotent). */
  suppress(address: string, reason: string): Promise<void>;
  /** Whether an address is on the suppression list. */
  isSuppressed(address: string): Promise<boolean>;
}

/**
 * What the address rules keep about an address, for erasing a person: the hourly email reservations their records
 * hold and the latest-of-a-kind pointer keyed on their address. Only the consultancy's erase uses it.
 */
export interface AddressTraces {
  /** Deletes every hourly reservation of a kind for `key` held by `owner`, expired or not; how many there were. */
  releaseHourlyEmails(kind: string, key: string, owner: ItemOwner): Promise<number>;
  /** Deletes the latest-of-a-kind pointer of an address; whether there was one. */
  forgetLatestEmail(kind: string, address: string): Promise<boolean>;
}
