import { createHmac } from 'node:crypto';
import type { Table } from '../adapters/table.ts';
import { type ItemOwner, normaliseAddress, type ReadOptions } from '../records.ts';
import { keyPrefixes, recordKey, recordOfKey } from '../table-design.ts';

/**
 * The person index: for each address, a pointer to every record (a submission or a contact message) a person left,
 * so the consultancy finds one person's records without a scan. Its partition is a keyed hash (HMAC with
 * `PERSON_KEY`) of the normalised address, so nobody without the key can look an address up by hashing guesses.
 *
 * | item                          | pk                              | sk                                  |
 * | a person's pointer            | `PERSON#<HMAC of the address>`  | the record's pk (`SUB#…`, `CONTACT#…`) |
 */

/** What the consultancy's tools read and erase of the index. */
export interface PersonIndex {
  /** The records an address points to (a pointer may outlive a failed write: check each record's address). */
  ownersOf(address: string, options?: ReadOptions): Promise<ItemOwner[]>;
  /** Deletes every pointer of an address; returns the owners they pointed to. */
  erase(address: string): Promise<ItemOwner[]>;
}

/** The DynamoDB person index. The submissions and messages repositories write its pointers through `point`. */
export class DynamoPersonIndex implements PersonIndex {
  constructor(
    private readonly table: Table,
    private readonly personKey: string,
  ) {}

  /** The partition of one person's pointers. */
  private pk(address: string): string {
    return `${keyPrefixes.person}${createHmac('sha256', this.personKey).update(normaliseAddress(address)).digest('hex')}`;
  }

  /**
   * Adds a record to its person's index (idempotent). Written before the record, so a stored record always has its
   * pointer; a pointer may therefore outlive a write that then failed.
   */
  async point(address: string, owner: { type: 'submission' | 'message'; id: string }): Promise<void> {
    const createdAt = this.table.now().toISOString();
    await this.table.put({ pk: this.pk(address), sk: recordKey(owner), createdAt, expiresAt: this.table.expiresIn() });
  }

  async ownersOf(address: string, options: ReadOptions = {}): Promise<ItemOwner[]> {
    const pointers = await this.table.query({ expression: 'pk = :pk', values: { ':pk': this.pk(address) }, ...options });
    return pointers.flatMap((pointer) => ownerOfPointer(String(pointer.sk)));
  }

  async erase(address: string): Promise<ItemOwner[]> {
    // Expired pointers too: TTL removes them only eventually, and an erase leaves nothing behind.
    const pointers = await this.table.query({ expression: 'pk = :pk', values: { ':pk': this.pk(address) }, withExpired: true });
    for (const pointer of pointers) await this.table.delete({ pk: String(pointer.pk), sk: String(pointer.sk) });
    return pointers.flatMap((pointer) => ownerOfPointer(String(pointer.sk)));
  }
}

/** The record a pointer's sort key names. */
const ownerOfPointer = (sk: string): ItemOwner[] => {
  const owner = recordOfKey(sk);
  return owner ? [owner] : [];
};
