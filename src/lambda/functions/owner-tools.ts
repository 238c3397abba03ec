import type { Table } from '../adapters/table.ts';
import type { Ports } from '../backend.ts';
import { DynamoFunnel } from '../funnel/dynamo-funnel.ts';
import { DynamoLimits } from '../limits/dynamo-limits.ts';
import type { AddressTraces } from '../limits/limits.ts';
import { DynamoMessages } from '../messages/dynamo-messages.ts';
import { DynamoOutbox } from '../outbox/dynamo-outbox.ts';
import { DynamoPersonIndex } from '../people/person-index.ts';
import { DynamoReports } from '../reports/dynamo-reports.ts';
import { DynamoSubmissions } from '../submissions/dynamo-submissions.ts';

/** What the consultancy's tools (`npm run leads`) read and change. */
export type OwnerStores = Pick<Ports, 'submissions' | 'messages' | 'people' | 'outbox' | 'reports' | 'funnel'> & {
  /** What the address rules keep about an address, which erasing a person deletes. */
  limits: AddressTraces;
};

/** The consultancy's stores on a table (the local stack's, or a deployed stage's with the operator's credentials). */
export function ownerStores(table: Table, personKey: string): OwnerStores {
  const people = new DynamoPersonIndex(table, personKey);
  return {
    submissions: new DynamoSubmissions(table, people),
    messages: new DynamoMessages(table, people),
    people,
    outbox: new DynamoOutbox(table),
    reports: new DynamoReports(table),
    funnel: new DynamoFunnel(table),
    limits: new DynamoLimits(table),
  };
}
