import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ServiceUnavailableError } from '../errors.ts';
import type { Clock } from '../ports.ts';
import type { Saved } from '../records.ts';

/**
 * The one DynamoDB table and the few primitives every feature's repository is written with: put-if-absent, a
 * conditional put or update, a parsed read that honours expiry, a paged query that honours it too, delete, and the
 * translation of throttling into a 503 the caller may retry. It knows no feature's keys or items: each repository
 * (submissions/, outbox/, funnel/…) owns those. The table's own keys and indexes are in table-design.ts.
 *
 * Every item may carry `expiresAt` (epoch seconds) for DynamoDB's TTL; since TTL deletes only eventually, every
 * read here leaves out an item past it.
 */

/** A key of the table. */
export interface Key {
  pk: string;
  sk: string;
}

/** An item as the document client reads and writes it. */
export type Item = Record<string, unknown>;

/** A condition or update expression with its placeholders. */
export interface Expression {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** A query: its key condition (with `filter`, a filter on what it reads), on the table or an index. */
export interface Query extends Expression {
  index?: string;
  /** A filter expression, sharing `names` and `values` with the key condition. */
  filter?: string;
  descending?: boolean;
  withExpired?: true;
}

/** A query's parameters as DynamoDB takes them. */
const queryInput = (query: Query) => ({
  ...(query.index && { IndexName: query.index }),
  KeyConditionExpression: query.expression,
  ...(query.filter && { FilterExpression: query.filter }),
  ...(query.names && { ExpressionAttributeNames: query.names }),
  ...(query.values && { ExpressionAttributeValues: query.values }),
  ...(query.descending && { ScanIndexForward: false }),
});

/** How to reach the table: its name, the clock (for expiry; the local stack moves it) and, for a stand-in, where. */
export interface TableOptions {
  tableName: string;
  clock: Clock;
  /** Days a record is kept unless a repository says otherwise. */
  retentionDays: number;
  endpoint?: string;
  region?: string;
  /** A named AWS profile (the operator's CLI). */
  profile?: string;
  /**
   * How long one call may wait for DynamoDB's answer, when not the functions' 2 s: the operator's tools read whole
   * pages over their own network, and nothing cuts them off at 10 s.
   */
  requestTimeout?: number;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * How long one DynamoDB call may take: a connection in 1 s, an answer in 2 s (single-digit milliseconds is usual),
 * three attempts in all. A hung call then gives up in about 6 s, inside the functions' 10 s, and the visitor gets a
 * 503 that says to send again, instead of the function timing out with nothing said.
 */
export const DYNAMODB_TIMEOUTS = { connectionTimeout: 1_000, requestTimeout: 2_000, maxAttempts: 3 } as const;

/** Creates the document client and the table, once per cold start (or once per CLI run). */
export function createTable(options: TableOptions): Table {
  const { endpoint, region, profile, credentials } = options;
  const { connectionTimeout, maxAttempts } = DYNAMODB_TIMEOUTS;
  const requestTimeout = options.requestTimeout ?? DYNAMODB_TIMEOUTS.requestTimeout;
  const client = new DynamoDBClient({
    requestHandler: { connectionTimeout, requestTimeout, throwOnRequestTimeout: true },
    maxAttempts,
    ...(endpoint && { endpoint }),
    ...(region && { region }),
    ...(profile && { profile }),
    ...(credentials && { credentials }),
  });
  return new Table(DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), options);
}

const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
]);

/** Whether the SDK error is a failed condition (the item exists, or the claim was lost). */
const isConditionFailed = (error: unknown) => error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** DynamoDB throttling and outages (after the SDK's own retries) become a 503 the caller may retry. */
function translate(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const fault = (error as { $fault?: string }).$fault;
  const code = (error as { code?: string }).code;
  if (THROTTLING.has(error.name) || fault === 'server' || code === 'ECONNREFUSED' || error.name === 'TimeoutError') {
    return new ServiceUnavailableError(
      'Our database is busy right now, so your request was not completed. Please send it again in a few seconds: that is safe, nothing will be stored or sent twice.',
      5,
      { cause: error },
    );
  }
  return error;
}

/** Epoch seconds of a date. */
export const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** The one table, through the document client. */
export class Table {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: Pick<TableOptions, 'tableName' | 'clock' | 'retentionDays'>,
  ) {}

  /** The time now, by the table's clock. */
  now(): Date {
    return this.options.clock.now();
  }

  /** When an item written now expires (epoch seconds): after the retention, or after the days given. */
  expiresIn(days = this.options.retentionDays): number {
    return epochSeconds(this.now()) + days * 86_400;
  }

  /** Sends a command; throttling and outages become ServiceUnavailableError. */
  private async send<T>(operation: (client: DynamoDBDocumentClient) => Promise<T>): Promise<T> {
    try {
      return await operation(this.client);
    } catch (error) {
      throw translate(error);
    }
  }

  /** Runs a conditional write: true when it was applied, false when its condition failed. */
  private async applied(write: () => Promise<unknown>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  /** Whether an item is past its `expiresAt`. */
  private expired(item: Item): boolean {
    return typeof item.expiresAt === 'number' && item.expiresAt <= epochSeconds(this.now());
  }

  /** Writes an item, replacing any with its key; with a condition, false when the condition failed. */
  put(item: Item, condition?: Expression): Promise<boolean> {
    const TableName = this.options.tableName;
    return this.applied(() =>
      this.send((c) =>
        c.send(
          new PutCommand({
            TableName,
            Item: item,
            ...(condition && {
              ConditionExpression: condition.expression,
              ...(condition.names && { ExpressionAttributeNames: condition.names }),
              ...(condition.values && { ExpressionAttributeValues: condition.values }),
            }),
          }),
        ),
      ),
    );
  }

  /** Writes an item unless one with its key exists; false when it existed. */
  putIfAbsent(item: Item): Promise<boolean> {
    return this.put(item, { expression: 'attribute_not_exists(pk)' });
  }

  /**
   * Updates an item. With a condition: null when the condition failed. Returns the item as updated (all of it).
   */
  async update(key: Key, update: Expression & { condition?: string }): Promise<Item | null> {
    try {
      const { Attributes } = await this.send((c) =>
        c.send(
          new UpdateCommand({
            TableName: this.options.tableName,
            Key: key,
            UpdateExpression: update.expression,
            ...(update.condition && { ConditionExpression: update.condition }),
            ...(update.names && { ExpressionAttributeNames: update.names }),
            ...(update.values && { ExpressionAttributeValues: update.values }),
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      return Attributes ?? {};
    } catch (error) {
      if (isConditionFailed(error)) return null;
      throw error;
    }
  }

  /**
   * Reads one item; null when missing or past its expiry (unless `withExpired`). Strongly consistent unless
   * `eventually` (half the cost, for counts that a second's lag cannot make wrong).
   */
  async get(key: Key, options: { withExpired?: true; eventually?: true } = {}): Promise<Item | null> {
    const { Item } = await this.send((c) =>
      c.send(new GetCommand({ TableName: this.options.tableName, Key: key, ConsistentRead: !options.eventually })),
    );
    return Item && (options.withExpired || !this.expired(Item)) ? Item : null;
  }

  /**
   * Reads one item, parsed (by its record schema, which drops the keys and anything it does not describe); null when
   * missing or expired.
   */
  async read<T>(parse: (item: Item) => T, key: Key, options: { withExpired?: true } = {}): Promise<T | null> {
    const item = await this.get(key, options);
    return item ? parse(item) : null;
  }

  /** Stores a record under a key unless one exists; otherwise reads back the stored one, parsed. */
  async save<T>(parse: (item: Item) => T, key: Key, record: object, keptDays?: number): Promise<Saved<T>> {
    if (await this.putIfAbsent({ ...key, ...record, expiresAt: this.expiresIn(keptDays) })) return { created: true };
    const existing = await this.read(parse, key);
    if (!existing) throw new Error(`${key.pk} exists but has expired; it cannot be stored again until DynamoDB removes it.`);
    return { created: false, existing };
  }

  /**
   * Every live item a query finds (on the table, or on an index), page after page, in key order (newest first with
   * `descending`), at most `limit`. Items past their expiry are left out, unless `withExpired` (to erase them).
   */
  async query(query: Query & { limit?: number }): Promise<Item[]> {
    const items: Item[] = [];
    const limit = query.limit ?? Number.POSITIVE_INFINITY;
    for await (const page of this.pages(query, limit)) {
      items.push(...page);
      if (items.length >= limit) break;
    }
    return items.slice(0, limit);
  }

  /**
   * A query's live items a page at a time (DynamoDB's pages: at most 1 MB read each), so a reader that has enough
   * stops reading, and holds one page at a time. `filter` leaves items out after they are read (they still cost
   * their read, but never reach memory).
   */
  async *pages(query: Query, pageLimit?: number): AsyncGenerator<Item[]> {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.send((c) =>
        c.send(
          new QueryCommand({
            TableName: this.options.tableName,
            ...queryInput(query),
            ...(pageLimit !== undefined && Number.isFinite(pageLimit) && !query.filter && { Limit: pageLimit }),
            ExclusiveStartKey: start,
          }),
        ),
      );
      yield (page.Items ?? []).filter((item) => query.withExpired || !this.expired(item));
      start = page.LastEvaluatedKey;
    } while (start);
  }

  /** How many items a query finds, counted by DynamoDB (Select COUNT): nothing is returned, page after page. */
  async count(query: Query): Promise<number> {
    let total = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.send((c) =>
        c.send(new QueryCommand({ TableName: this.options.tableName, ...queryInput(query), Select: 'COUNT', ExclusiveStartKey: start })),
      );
      total += page.Count ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return total;
  }

  /** Deletes an item (idempotent). */
  async delete(key: Key): Promise<void> {
    await this.send((c) => c.send(new DeleteCommand({ TableName: this.options.tableName, Key: key })));
  }
}
