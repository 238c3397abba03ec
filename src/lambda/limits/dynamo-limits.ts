import { createHash } from 'node:crypto';
import { epochSeconds, type Key, type Table } from '../adapters/table.ts';
import { type ItemOwner, normaliseAddress } from '../records.ts';
import { keyPrefixes, recordKey, recordOfKey } from '../table-design.ts';
import type { AddressRules, AddressTraces, RequestCounter, RequestLimits } from './limits.ts';

/**
 * | item                                   | pk                                   | sk              |
 * | a request counter                      | `RATE#<counter>#<network>`           | the window's start (ISO) |
 * | an email's hourly limit                | `RATE#email#<kind>#<sha256 of key>`  | the hour (ISO)  |
 * | the latest of a kind to an address     | `LATEST#<kind>#<sha256>`             | `LATEST`        |
 * | a suppressed address                   | `SUPPRESS#<sha256 of the address>`   | `SUPPRESS`      |
 *
 * No address is ever stored in a key, only a hash of it. Owners are stored as their record's key (`SUB#…`).
 */
const hashed = (value: string) => createHash('sha256').update(value).digest('hex');
const addressKey = (address: string) => hashed(normaliseAddress(address));
const counterKey = (counter: string, subject: string, hourStart: Date) => ({
  pk: `${keyPrefixes.limit}${counter}#${subject}`,
  sk: hourStart.toISOString(),
});
const reservationKey = (kind: string, key: string, hourStart: Date) => ({
  pk: `${keyPrefixes.limit}email#${kind}#${hashed(key)}`,
  sk: hourStart.toISOString(),
});
const latestKey = (kind: string, address: string) => ({ pk: `${keyPrefixes.latest}${kind}#${addressKey(address)}`, sk: 'LATEST' });
const suppressionKey = (address: string) => ({ pk: `${keyPrefixes.suppression}${addressKey(address)}`, sk: 'SUPPRESS' });
/** Addresses unsubscribed before +tags were folded were keyed on the address as typed, only lower-cased. */
const legacySuppressionKey = (address: string) => ({
  pk: `${keyPrefixes.suppression}${hashed(address.trim().toLowerCase())}`,
  sk: 'SUPPRESS',
});

const HOUR_MS = 3_600_000;

/** The DynamoDB limits and suppression list. */
export class DynamoLimits implements RequestLimits, AddressRules, AddressTraces {
  constructor(private readonly table: Table) {}

  async countRequest(counter: RequestCounter, subject: string, windowStart: Date, limit: number, windowSeconds = 3_600): Promise<boolean> {
    const counted = await this.table.update(counterKey(counter, subject, windowStart), {
      expression: 'ADD hits :one SET expiresAt = :exp',
      condition: 'attribute_not_exists(hits) OR hits < :limit',
      // Kept an hour past its window, so TTL never removes a counter still counting.
      values: { ':one': 1, ':limit': limit, ':exp': epochSeconds(windowStart) + windowSeconds + 3_600 },
    });
    return counted !== null;
  }

  reserveHourlyEmail(kind: string, key: string, hourStart: Date, owner: ItemOwner): Promise<boolean> {
    const reservedFor = recordKey(owner);
    return this.table.put(
      { ...reservationKey(kind, key, hourStart), reservedFor, expiresAt: epochSeconds(new Date(hourStart.getTime() + 2 * HOUR_MS)) },
      { expression: 'attribute_not_exists(pk) OR reservedFor = :owner', values: { ':owner': reservedFor } },
    );
  }

  async markLatestEmail(kind: string, address: string, owner: ItemOwner, givenAt: string): Promise<void> {
    await this.table.put(
      { ...latestKey(kind, address), latest: recordKey(owner), givenAt, expiresAt: this.table.expiresIn() },
      { expression: 'attribute_not_exists(pk) OR givenAt <= :at', values: { ':at': givenAt } },
    );
  }

  async latestEmailOwner(kind: string, address: string): Promise<ItemOwner | null> {
    const item = await this.table.get(latestKey(kind, address));
    return typeof item?.latest === 'string' ? recordOfKey(item.latest) : null;
  }

  async suppress(address: string, reason: string): Promise<void> {
    await this.table.update(suppressionKey(address), {
      expression: 'SET suppressedAt = if_not_exists(suppressedAt, :at), reason = if_not_exists(reason, :reason)',
      values: { ':at': this.table.now().toISOString(), ':reason': reason },
    });
  }

  async isSuppressed(address: string): Promise<boolean> {
    const legacy = legacySuppressionKey(address);
    if (legacy.pk !== suppressionKey(address).pk && (await this.has(legacy))) return true;
    return this.has(suppressionKey(address));
  }

  async releaseHourlyEmails(kind: string, key: string, owner: ItemOwner): Promise<number> {
    // One partition per kind and key, an item per hour: its reservations are one query.
    const { pk } = reservationKey(kind, key, new Date(0));
    const held = (await this.table.query({ expression: 'pk = :pk', values: { ':pk': pk }, withExpired: true })).filter(
      (item) => item.reservedFor === recordKey(owner),
    );
    for (const item of held) await this.table.delete({ pk, sk: String(item.sk) });
    return held.length;
  }

  async forgetLatestEmail(kind: string, address: string): Promise<boolean> {
    const key = latestKey(kind, address);
    const found = (await this.table.get(key, { withExpired: true })) !== null;
    if (found) await this.table.delete(key);
    return found;
  }

  private async has(key: Key): Promise<boolean> {
    return (await this.table.get(key)) !== null;
  }
}
