import type { Messages } from '../../../src/lambda/messages/messages.ts';
import type { Clock } from '../../../src/lambda/ports.ts';
import type { ReadOptions } from '../../../src/lambda/records.ts';
import { type StoredContactMessage, StoredContactMessageSchema } from '../../../src/lambda/records.ts';
import type { MemoryPeople } from './people.ts';
import { Shelf } from './shelf.ts';

/** The contact messages, in memory, with the contract of DynamoMessages. */
export class MemoryMessages implements Messages {
  readonly shelf: Shelf<StoredContactMessage>;

  constructor(
    clock: Clock,
    retentionDays: number,
    private readonly people: MemoryPeople,
  ) {
    this.shelf = new Shelf(clock, (v) => StoredContactMessageSchema.parse(v), retentionDays);
  }

  async save(message: StoredContactMessage) {
    this.people.point(message.email, { type: 'message', id: message.id });
    return this.shelf.save(message.id, message);
  }
  async get(id: string, options?: ReadOptions) {
    return this.shelf.get(id, options);
  }
  async newest({ since }: { since?: Date } = {}) {
    return this.shelf
      .live()
      .filter((m) => !since || m.createdAt >= since.toISOString())
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
  async erase(id: string) {
    this.shelf.delete(id);
  }
}
