import type { Clock } from '../../../src/lambda/ports.ts';
import type { Saved } from '../../../src/lambda/records.ts';

/**
 * Records kept in memory as the table keeps them: each with its expiry, hidden from reads once past it (though it
 * still blocks a create under its key until removed), parsed on the way out and copied in and out so nothing is
 * shared by reference. What every in-memory fake of this folder is written with.
 */
export class Shelf<T> {
  readonly kept = new Map<string, { value: T; expiresAt: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly parse: (value: unknown) => T,
    private readonly keptDays: number,
  ) {}

  /** Epoch ms when something stored now expires. */
  expiry(days = this.keptDays): number {
    return this.clock.now().getTime() + days * 86_400_000;
  }

  /** Stores a value unless one with its key exists; then returns the stored one. */
  save(key: string, value: T, keptDays?: number): Saved<T> {
    const kept = this.kept.get(key);
    if (!kept) {
      this.kept.set(key, { value: structuredClone(value), expiresAt: this.expiry(keptDays) });
      return { created: true };
    }
    const existing = this.get(key);
    if (!existing) throw new Error(`${key} exists but has expired; it cannot be stored again until it is removed.`);
    return { created: false, existing };
  }

  /** A copy of the value under a key, or null when missing or (unless `withExpired`) expired. */
  get(key: string, options: { withExpired?: true } = {}): T | null {
    const kept = this.kept.get(key);
    return kept && (options.withExpired || kept.expiresAt > this.clock.now().getTime()) ? this.parse(structuredClone(kept.value)) : null;
  }

  /** The stored value itself (to change it in place), expired or not. */
  raw(key: string): T | undefined {
    return this.kept.get(key)?.value;
  }

  /** Copies of every live value. */
  live(): T[] {
    return [...this.kept.keys()].flatMap((key) => this.get(key) ?? []);
  }

  delete(key: string): void {
    this.kept.delete(key);
  }
}
