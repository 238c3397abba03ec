import { createHash, createHmac } from 'node:crypto';
import { type EmailOwner, type EmailRef, normaliseAddress } from '../records.ts';
import { keyPrefixes } from '../table-design.ts';

/**
 * Every key of the one table, in one place for the two DynamoDB adapters (the backend's store and the consultancy's
 * lead book):
 *
 * | item                                   | pk                                   | sk               |
 * | a submission                           | `SUB#<id>`                           | `SUBMISSION`     |
 * | a contact message                      | `CONTACT#<id>`                       | `MESSAGE`        |
 * | an outbox email                        | its owner's pk                       | `EMAIL#<kind>`   |
 * | a person's record (a pointer)          | `PERSON#<HMAC of the address>`       | the record's pk  |
 * | a request counter                      | `RATE#<counter>#<network>`           | the hour (ISO)   |
 * | an email's hourly limit                | `RATE#email#<kind>#<sha256 of key>`  | the hour (ISO)   |
 * | the latest of a kind to an address     | `LATEST#<kind>#<sha256>`             | `LATEST`         |
 * | a suppressed address                   | `SUPPRESS#<sha256 of the address>`   | `SUPPRESS`       |
 * | a funnel counter                       | `FUNNEL#<day>`                       | `<version>#<entry>#<step>` |
 * | a week's report for the digest         | `DIGEST#<ISO week>`                  | `REPORT`         |
 * | the histogram of an assessment version | `BENCH#<version>`                    | `HISTOGRAM`      |
 *
 * No address is ever stored in a key: only hashes of it, and for the person index a keyed hash (HMAC with
 * `PERSON_KEY`), so the index cannot be searched by hashing guessed addresses without the key.
 */

/** A stable, non-reversible key. */
export const hashed = (value: string) => createHash('sha256').update(value).digest('hex');
/** The key of an address: one per inbox (see normaliseAddress). */
export const addressKey = (address: string) => hashed(normaliseAddress(address));

export const submissionKey = (id: string) => ({ pk: `${keyPrefixes.submission}${id}`, sk: 'SUBMISSION' });
export const messageKey = (id: string) => ({ pk: `${keyPrefixes.message}${id}`, sk: 'MESSAGE' });
export const reportKey = (week: string) => ({ pk: `${keyPrefixes.digest}${week}`, sk: 'REPORT' });
export const histogramKey = (assessmentVersion: string) => ({ pk: `${keyPrefixes.benchmark}${assessmentVersion}`, sk: 'HISTOGRAM' });
/** The key of the record an email is about. */
export const ownerKey = (owner: EmailOwner) =>
  owner.type === 'submission' ? submissionKey(owner.id) : owner.type === 'message' ? messageKey(owner.id) : reportKey(owner.id);
export const ownerPk = (owner: EmailOwner) => ownerKey(owner).pk;
export const emailKey = (email: EmailRef) => ({ pk: ownerPk(email.owner), sk: `EMAIL#${email.kind}` });
export const EMAIL_SK_PREFIX = 'EMAIL#';
export const latestKey = (kind: string, address: string) => ({ pk: `${keyPrefixes.latest}${kind}#${addressKey(address)}`, sk: 'LATEST' });
export const suppressionKey = (address: string) => ({ pk: `${keyPrefixes.suppression}${addressKey(address)}`, sk: 'SUPPRESS' });
/** Addresses unsubscribed before +tags were folded were keyed on the address as typed, only lower-cased. */
export const legacySuppressionKey = (address: string) => ({
  pk: `${keyPrefixes.suppression}${hashed(address.trim().toLowerCase())}`,
  sk: 'SUPPRESS',
});
export const counterKey = (counter: string, subject: string, hourStart: Date) => ({
  pk: `${keyPrefixes.limit}${counter}#${subject}`,
  sk: hourStart.toISOString(),
});
export const reservationKey = (kind: string, key: string, hourStart: Date) => ({
  pk: `${keyPrefixes.limit}email#${kind}#${hashed(key)}`,
  sk: hourStart.toISOString(),
});
/** The partition of one person's pointers: a keyed hash of their normalised address. */
export const personPk = (address: string, personKey: string) =>
  `${keyPrefixes.person}${createHmac('sha256', personKey).update(normaliseAddress(address)).digest('hex')}`;

/** The owner a `SUB#…`, `CONTACT#…` or `DIGEST#…` key belongs to. */
export function ownerOfPk(pk: string): EmailOwner {
  if (pk.startsWith(keyPrefixes.submission)) return { type: 'submission', id: pk.slice(keyPrefixes.submission.length) };
  if (pk.startsWith(keyPrefixes.digest)) return { type: 'week', id: pk.slice(keyPrefixes.digest.length) };
  return { type: 'message', id: pk.slice(keyPrefixes.message.length) };
}

/** The outbox reference of an email item, from its keys. */
export function emailRefOf(item: Record<string, unknown>): EmailRef {
  return { kind: String(item.sk).slice(EMAIL_SK_PREFIX.length), owner: ownerOfPk(String(item.pk)) };
}

/** What the `recent` index lists a record under. */
export const LISTING = { submission: 'submission', message: 'message' } as const;

/** A day's funnel counter of one step, for one assessment version and entry. */
export const funnelKey = (day: string, assessmentVersion: string, entry: string, step: string) => ({
  pk: `${keyPrefixes.funnel}${day}`,
  sk: `${assessmentVersion}#${entry}#${step}`,
});

/** The parts of a funnel counter's sort key. */
export function funnelParts(sk: string): { assessmentVersion: string; entry: string; step: string } {
  const [assessmentVersion = '', ...rest] = sk.split('#');
  const step = rest.pop() ?? '';
  return { assessmentVersion, entry: rest.join('#'), step };
}
