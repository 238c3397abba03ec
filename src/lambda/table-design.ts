/**
 * The one DynamoDB table's keys and indexes. Plain data: the CDK stack (infra/stacks/data-stack.ts) and the
 * local stack both build their table from it, so the two can never disagree. What the items are and how their
 * keys are made is the store adapter's business (adapters/dynamo-store.ts).
 *
 * Sparse index `outbox-due`: only unsent outbox emails carry `outboxState` (`pending`, or `failed` once given up)
 * and `dueAt` (ISO time), so the sweep reads exactly the emails that are due, oldest first.
 * Sparse index `recent`: submissions and contact messages carry `listing` (`submission` or `message`) and
 * `createdAt`, so the consultancy's `npm run leads` lists them newest first without scanning the table.
 */
export const tableDesign = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  /** Epoch seconds after which DynamoDB may delete the item; reads also filter on it. */
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    {
      indexName: 'outbox-due',
      partitionKey: { name: 'outboxState', type: 'S' },
      sortKey: { name: 'dueAt', type: 'S' },
    },
    {
      indexName: 'recent',
      partitionKey: { name: 'listing', type: 'S' },
      sortKey: { name: 'createdAt', type: 'S' },
    },
  ],
} as const;

/** The name of one of the table's indexes. */
export type IndexName = (typeof tableDesign.globalSecondaryIndexes)[number]['indexName'];
/** The name of the index that lists pending emails by due time. */
export const OUTBOX_INDEX = tableDesign.globalSecondaryIndexes[0].indexName;
/** The name of the index that lists submissions and messages by time. */
export const RECENT_INDEX = tableDesign.globalSecondaryIndexes[1].indexName;

/**
 * The partition-key prefix of each kind of item. The store builds every key from these, and the CDK stack grants
 * each function only the prefixes it uses (IAM's `dynamodb:LeadingKeys`), so the two can never disagree.
 */
export const keyPrefixes = {
  /** A submission, and the outbox emails composed from it. */
  submission: 'SUB#',
  /** A contact message, and its outbox email. */
  message: 'CONTACT#',
  /** Hourly counters and reservations. */
  limit: 'RATE#',
  /** The latest owner of an email kind to an address. */
  latest: 'LATEST#',
  /** A suppressed (unsubscribed) address. */
  suppression: 'SUPPRESS#',
  /** A person's records, found by a keyed hash of their address. */
  person: 'PERSON#',
  /** A day's funnel counters (counts only, nothing about a visitor). */
  funnel: 'FUNNEL#',
  /** A week's report for the consultancy's digest, and its outbox email. */
  digest: 'DIGEST#',
  /** The histogram of scores of one assessment version (counts only), for comparing a result with others. */
  benchmark: 'BENCH#',
} as const;

/** A kind of item, by its key prefix. */
export type ItemKind = keyof typeof keyPrefixes;

/** The prefix of each kind of record emails and events are about (see `recordKey`). */
const RECORD_PREFIX = { submission: keyPrefixes.submission, message: keyPrefixes.message, week: keyPrefixes.digest } as const;

/**
 * The partition key of a record outbox items are about: a submission, a contact message or a week's report. Its
 * outbox items live under it, and the person index and the latest-email marks name a record by it.
 * @example recordKey({ type: 'submission', id: 'abc' }) // 'SUB#abc'
 */
export const recordKey = (owner: { type: keyof typeof RECORD_PREFIX; id: string }) => `${RECORD_PREFIX[owner.type]}${owner.id}`;

/** The record a `recordKey` names, or null when the key is no record's. */
export function recordOfKey(pk: string): { type: keyof typeof RECORD_PREFIX; id: string } | null {
  for (const [type, prefix] of Object.entries(RECORD_PREFIX)) {
    if (pk.startsWith(prefix)) return { type: type as keyof typeof RECORD_PREFIX, id: pk.slice(prefix.length) };
  }
  return null;
}
