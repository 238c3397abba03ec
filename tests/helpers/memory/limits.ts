import type { AddressRules, AddressTraces, RequestLimits } from '../../../src/lambda/limits/limits.ts';
import { type ItemOwner, normaliseAddress } from '../../../src/lambda/records.ts';

/** The hourly counters, email reservations, latest owners and suppression list, in memory, with DynamoLimits' contract. */
export class MemoryLimits implements RequestLimits, AddressRules, AddressTraces {
  readonly counters = new Map<string, number>();
  readonly reservations = new Map<string, string>();
  readonly latest = new Map<string, { owner: ItemOwner; givenAt: string }>();
  readonly suppressed = new Set<string>();

  async countRequest(counter: string, subject: string, windowStart: Date, limit: number) {
    const key = `${counter}|${subject}|${windowStart.toISOString()}`;
    const hits = this.counters.get(key) ?? 0;
    if (hits >= limit) return false;
    this.counters.set(key, hits + 1);
    return true;
  }
  async reserveHourlyEmail(kind: string, key: string, hourStart: Date, owner: ItemOwner) {
    const slot = `${kind}|${key}|${hourStart.toISOString()}`;
    const holder = `${owner.type}|${owner.id}`;
    if (!this.reservations.has(slot)) this.reservations.set(slot, holder);
    return this.reservations.get(slot) === holder;
  }
  async markLatestEmail(kind: string, address: string, owner: ItemOwner, givenAt: string) {
    const key = `${kind}|${normaliseAddress(address)}`;
    const current = this.latest.get(key);
    if (!current || current.givenAt <= givenAt) this.latest.set(key, { owner: { ...owner }, givenAt });
  }
  async latestEmailOwner(kind: string, address: string) {
    const current = this.latest.get(`${kind}|${normaliseAddress(address)}`);
    return current ? { ...current.owner } : null;
  }
  async suppress(address: string, _reason: string) {
    this.suppressed.add(normaliseAddress(address));
  }
  async isSuppressed(address: string) {
    return this.suppressed.has(normaliseAddress(address));
  }
  async releaseHourlyEmails(kind: string, key: string, owner: ItemOwner) {
    const held = [...this.reservations].filter(
      ([slot, holder]) => slot.startsWith(`${kind}|${key}|`) && holder === `${owner.type}|${owner.id}`,
    );
    for (const [slot] of held) this.reservations.delete(slot);
    return held.length;
  }
  async forgetLatestEmail(kind: string, address: string) {
    return this.latest.delete(`${kind}|${normaliseAddress(address)}`);
  }
}
