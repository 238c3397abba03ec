import type { Item, Table } from '../adapters/table.ts';
import type { DynamoPersonIndex } from '../people/person-index.ts';
import { type ReadOptions, type StoredContactMessage, StoredContactMessageSchema } from '../records.ts';
import { RECENT_INDEX, recordKey } from '../table-design.ts';
import type { Messages } from './messages.ts';

/**
 * | item               | pk               | sk        | index `recent`                      |
 * | a contact message  | `CONTACT#<id>`   | `MESSAGE` | `listing` = `message`, `createdAt`  |
 */
const keyOf = (id: string) => ({ pk: recordKey({ type: 'message', id }), sk: 'MESSAGE' });
const LISTING = 'message';
const parse = (item: Item) => StoredContactMessageSchema.parse(item);

/** The DynamoDB contact messages: each one item, listed by time, pointed to by its sender's person index. */
export class DynamoMessages implements Messages {
  constructor(
    private readonly table: Table,
    /** The person index, for a function that stores addresses; the others read and erase without it. */
    private readonly people?: DynamoPersonIndex,
  ) {}

  private index(): DynamoPersonIndex {
    if (this.people) return this.people;
    throw new Error(
      'This function stores no addresses, so it was built without the person index (PERSON_KEY): only contact, submissions and results-contact do.',
    );
  }

  async save(message: StoredContactMessage) {
    await this.index().point(message.email, { type: 'message', id: message.id });
    return this.table.save(parse, keyOf(message.id), { ...message, listing: LISTING });
  }

  get(id: string, options?: ReadOptions) {
    return this.table.read(parse, keyOf(id), options);
  }

  async newest({ since }: { since?: Date } = {}) {
    const items = await this.table.query({
      index: RECENT_INDEX,
      expression: since ? 'listing = :listing AND createdAt >= :since' : 'listing = :listing',
      values: { ':listing': LISTING, ...(since && { ':since': since.toISOString() }) },
      descending: true,
    });
    return items.map(parse);
  }

  async erase(id: string) {
    await this.table.delete(keyOf(id));
  }
}
