import type { PersonIndex } from '../../../src/lambda/people/person-index.ts';
import { type ItemOwner, normaliseAddress } from '../../../src/lambda/records.ts';

/** The person index, in memory: each inbox's pointers to the records it left. */
export class MemoryPeople implements PersonIndex {
  readonly pointers = new Map<string, Map<string, ItemOwner>>();

  /** Adds a record to its person's pointers (idempotent), as the repositories do before storing it. */
  point(address: string, owner: ItemOwner): void {
    const inbox = normaliseAddress(address);
    const mine = this.pointers.get(inbox) ?? new Map<string, ItemOwner>();
    mine.set(`${owner.type}|${owner.id}`, { ...owner });
    this.pointers.set(inbox, mine);
  }
  async ownersOf(address: string) {
    return [...(this.pointers.get(normaliseAddress(address))?.values() ?? [])].map((owner) => ({ ...owner }));
  }
  async erase(address: string) {
    const owners = await this.ownersOf(address);
    this.pointers.delete(normaliseAddress(address));
    return owners;
  }
}
