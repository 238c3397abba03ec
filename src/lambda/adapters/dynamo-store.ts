import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, type QueryCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ZodType, z } from 'zod';
import { type Histogram, RESPONDENTS } from '../../quiz/benchmark.ts';
import { WEEKLY_DIGEST_KEPT_DAYS } from '../../site-config.ts';
import { type WeeklyReport, WeeklyReportSchema } from '../digest/weekly-report.ts';
import type { EmailKind } from '../email/registry.ts';
import { ServiceUnavailableError } from '../errors.ts';
import type { RequestCounter } from '../http/rate-limit.ts';
import type { Clock, FunnelCount, Store } from '../ports.ts';
import {
  type EmailOwner,
  type EmailRef,
  type OutboxEmail,
  OutboxEmailSchema,
  type Saved,
  type StoredContact,
  type StoredContactMessage,
  StoredContactMessageSchema,
  type StoredSubmission,
  StoredSubmissionSchema,
} from '../records.ts';
import { OUTBOX_INDEX, RECENT_INDEX } from '../table-design.ts';
import {
  counterKey,
  emailKey,
  emailRefOf,
  funnelKey,
  funnelParts,
  histogramKey,
  LISTING,
  latestKey,
  legacySuppressionKey,
  messageKey,
  ownerOfPk,
  ownerPk,
  personPk,
  reportKey,
  reservationKey,
  submissionKey,
  suppressionKey,
} from './dynamo-keys.ts';

/**
 * The one-table DynamoDB store of the backend. Its keys are in dynamo-keys.ts; the table's keys, indexes and key
 * prefixes in table-design.ts, which the CDK stack reads too, to grant each function only the prefixes it uses.
 * Every item but a suppression carries `expiresAt` (epoch seconds) for DynamoDB's TTL; reads also filter on it,
 * since TTL deletes only eventually. Pending outbox emails carry `outboxState` and `dueAt`, the keys of the sparse
 * index the sweep reads; submissions and messages carry `listing` and `createdAt`, the keys of the `recent` index.
 */

/** How the store reaches its table. */
export interface DynamoStoreOptions {
  tableName: string;
  /** The time, for expiry (the local stack moves it). */
  clock: Clock;
  /** Days a record is kept. */
  retentionDays: number;
  /** The secret of the keyed hash that indexes a person's records by address. */
  personKey: string;
  /** Endpoint, region and credentials of a stand-in; in AWS the runtime provides them. */
  endpoint?: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Creates the document client and the store, once per cold start. */
export function createDynamoStore(options: DynamoStoreOptions): DynamoStore {
  const { endpoint, region, credentials } = options;
  const client = new DynamoDBClient({ ...(endpoint && { endpoint }), ...(region && { region }), ...(credentials && { credentials }) });
  return new DynamoStore(DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), options);
}

const HOUR_MS = 3_600_000;
const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

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
  if (THROTTLING.has(error.name) || fault === 'server' || (error as { code?: string }).code === 'ECONNREFUSED') {
    return new ServiceUnavailableError(
      'Our database is busy right now, so your request was not completed. Please send it again in a few seconds: that is safe, nothing will be stored or sent twice.',
      5,
      {
        cause: error,
      },
    );
  }
  return error;
}

/** The DynamoDB implementation of the store. */
export class DynamoStore implements Store {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly options: Pick<DynamoStoreOptions, 'tableName' | 'clock' | 'retentionDays' | 'personKey'>,
  ) {}

  /** Sends a command; throttling and outages become ServiceUnavailableError. */
  private async send<T>(operation: (client: DynamoDBDocumentClient) => Promise<T>): Promise<T> {
    try {
      return await operation(this.client);
    } catch (error) {
      throw translate(error);
    }
  }

  /** Runs a conditional write: true when it was applied, false when its condition failed. */
  private async applied(write: Promise<unknown>): Promise<boolean> {
    try {
      await write;
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  private get table() {
    return this.options.tableName;
  }

  private now() {
    return this.options.clock.now();
  }

  /** When a record written now expires (epoch seconds), after the retention or the days given. */
  private expiry(days = this.options.retentionDays): number {
    return epochSeconds(this.now()) + days * 86_400;
  }

  /** Writes an item unless one with its key exists; false when it existed. */
  private putIfAbsent(item: Record<string, unknown>): Promise<boolean> {
    return this.applied(
      this.send((c) => c.send(new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }))),
    );
  }

  /** Reads an item with a strongly consistent read, parsed by its schema; null when missing or expired. */
  private async read<S extends ZodType>(schema: S, key: { pk: string; sk: string }): Promise<z.output<S> | null> {
    const { Item } = await this.send((c) => c.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true })));
    if (!Item || (typeof Item.expiresAt === 'number' && Item.expiresAt <= epochSeconds(this.now()))) return null;
    return schema.parse(Item);
  }

  /** Stores a record unless its key exists; otherwise reads back the stored one. */
  private async save<S extends ZodType>(
    schema: S,
    key: { pk: string; sk: string },
    record: object,
    keptDays?: number,
  ): Promise<Saved<z.output<S>>> {
    if (await this.putIfAbsent({ ...key, ...record, expiresAt: this.expiry(keptDays) })) return { created: true };
    const existing = await this.read(schema, key);
    if (!existing) throw new Error(`${key.pk} exists but has expired; it cannot be stored again until DynamoDB removes it.`);
    return { created: false, existing };
  }

  async saveSubmission(submission: StoredSubmission) {
    // The person's pointer first: written again by a repeat, it can never be missing for a stored contact.
    if (submission.contact) await this.pointToRecord(submission.contact.email, submissionKey(submission.id).pk);
    return this.save(StoredSubmissionSchema, submissionKey(submission.id), { ...submission, listing: LISTING.submission });
  }

  getSubmission(id: string) {
    return this.read(StoredSubmissionSchema, submissionKey(id));
  }

  async attachContact(submissionId: string, contact: StoredContact): Promise<boolean> {
    await this.pointToRecord(contact.email, submissionKey(submissionId).pk);
    return this.applied(
      this.send((c) =>
        c.send(
          new UpdateCommand({
            TableName: this.table,
            Key: submissionKey(submissionId),
            UpdateExpression: 'SET contact = :contact',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(contact)',
            ExpressionAttributeValues: { ':contact': contact },
          }),
        ),
      ),
    );
  }

  async markUnsubscribed(submissionId: string): Promise<void> {
    // A submission that expired meanwhile has nothing left to mark.
    await this.applied(
      this.send((c) =>
        c.send(
          new UpdateCommand({
            TableName: this.table,
            Key: submissionKey(submissionId),
            UpdateExpression: 'SET unsubscribedAt = if_not_exists(unsubscribedAt, :at)',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':at': this.now().toISOString() },
          }),
        ),
      ),
    );
  }

  async saveMessage(message: StoredContactMessage) {
    await this.pointToRecord(message.email, messageKey(message.id).pk);
    return this.save(StoredContactMessageSchema, messageKey(message.id), { ...message, listing: LISTING.message });
  }

  /**
   * Adds a record to its person's index (idempotent). A pointer may outlive a write that then failed, so whoever
   * reads the index checks each record's address again.
   */
  private async pointToRecord(address: string, recordPk: string): Promise<void> {
    const createdAt = this.now().toISOString();
    await this.send((c) =>
      c.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: personPk(address, this.options.personKey), sk: recordPk, createdAt, expiresAt: this.expiry() },
        }),
      ),
    );
  }

  getMessage(id: string) {
    return this.read(StoredContactMessageSchema, messageKey(id));
  }

  countRequest(counter: RequestCounter, subject: string, hourStart: Date, limit: number): Promise<boolean> {
    return this.applied(
      this.send((c) =>
        c.send(
          new UpdateCommand({
            TableName: this.table,
            Key: counterKey(counter, subject, hourStart),
            UpdateExpression: 'ADD hits :one SET expiresAt = :exp',
            ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
            ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':exp': epochSeconds(hourStart) + 7_200 },
          }),
        ),
      ),
    );
  }

  reserveHourlyEmail(kind: EmailKind, key: string, hourStart: Date, owner: EmailOwner): Promise<boolean> {
    const reservedFor = ownerPk(owner);
    return this.applied(
      this.send((c) =>
        c.send(
          new PutCommand({
            TableName: this.table,
            Item: {
              ...reservationKey(kind, key, hourStart),
              reservedFor,
              expiresAt: epochSeconds(new Date(hourStart.getTime() + 2 * HOUR_MS)),
            },
            ConditionExpression: 'attribute_not_exists(pk) OR reservedFor = :owner',
            ExpressionAttributeValues: { ':owner': reservedFor },
          }),
        ),
      ),
    );
  }

  async markLatestEmail(kind: EmailKind, address: string, owner: EmailOwner, givenAt: string): Promise<void> {
    await this.applied(
      this.send((c) =>
        c.send(
          new PutCommand({
            TableName: this.table,
            Item: { ...latestKey(kind, address), latest: ownerPk(owner), givenAt, expiresAt: this.expiry() },
            ConditionExpression: 'attribute_not_exists(pk) OR givenAt <= :at',
            ExpressionAttributeValues: { ':at': givenAt },
          }),
        ),
      ),
    );
  }

  async latestEmailOwner(kind: EmailKind, address: string): Promise<EmailOwner | null> {
    const { Item } = await this.send((c) =>
      c.send(new GetCommand({ TableName: this.table, Key: latestKey(kind, address), ConsistentRead: true })),
    );
    return typeof Item?.latest === 'string' ? ownerOfPk(Item.latest) : null;
  }

  async countRespondent(assessmentVersion: string, buckets: string[]): Promise<void> {
    const names = Object.fromEntries([RESPONDENTS, ...buckets].map((name, i) => [`#b${i}`, name]));
    await this.send((c) =>
      c.send(
        new UpdateCommand({
          TableName: this.table,
          Key: histogramKey(assessmentVersion),
          // One write adds to every bucket at once: concurrent submissions are each counted once.
          UpdateExpression: `ADD ${Object.keys(names)
            .map((name) => `${name} :one`)
            .join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':one': 1 },
        }),
      ),
    );
  }

  async histogram(assessmentVersion: string): Promise<Histogram> {
    const { Item = {} } = await this.send((c) => c.send(new GetCommand({ TableName: this.table, Key: histogramKey(assessmentVersion) })));
    return Object.fromEntries(Object.entries(Item).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
  }

  async countStep(counter: { day: string; assessmentVersion: string; entry: string; step: string }): Promise<void> {
    await this.send((c) =>
      c.send(
        new UpdateCommand({
          TableName: this.table,
          Key: funnelKey(counter.day, counter.assessmentVersion, counter.entry, counter.step),
          UpdateExpression: 'ADD #count :one SET expiresAt = if_not_exists(expiresAt, :exp)',
          ExpressionAttributeNames: { '#count': 'count' },
          // Counts hold nothing about a visitor: kept a little over a year, for comparisons with last year.
          ExpressionAttributeValues: { ':one': 1, ':exp': epochSeconds(this.now()) + 400 * 86_400 },
        }),
      ),
    );
  }

  async suppress(address: string, reason: string): Promise<void> {
    await this.send((c) =>
      c.send(
        new UpdateCommand({
          TableName: this.table,
          Key: suppressionKey(address),
          UpdateExpression: 'SET suppressedAt = if_not_exists(suppressedAt, :at), reason = if_not_exists(reason, :reason)',
          ExpressionAttributeValues: { ':at': this.now().toISOString(), ':reason': reason },
        }),
      ),
    );
  }

  async isSuppressed(address: string): Promise<boolean> {
    const legacy = legacySuppressionKey(address);
    if (legacy.pk !== suppressionKey(address).pk && (await this.hasItem(legacy))) return true;
    return this.hasItem(suppressionKey(address));
  }

  private async hasItem(key: { pk: string; sk: string }): Promise<boolean> {
    const { Item } = await this.send((c) => c.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true })));
    return Item !== undefined;
  }

  async enqueue(email: EmailRef, dueAt: Date): Promise<void> {
    // Already queued (a repeat of the same request): nothing to do.
    await this.putIfAbsent({
      ...emailKey(email),
      state: 'pending',
      outboxState: 'pending',
      dueAt: dueAt.toISOString(),
      attempts: 0,
      createdAt: this.now().toISOString(),
      expiresAt: this.expiry(),
    });
  }

  async claim(email: EmailRef, claimId: string, leaseUntil: Date): Promise<OutboxEmail | null> {
    try {
      const { Attributes } = await this.send((c) =>
        c.send(
          new UpdateCommand({
            TableName: this.table,
            Key: emailKey(email),
            // Claiming moves dueAt to the lease's end: a sender that dies frees the email when the lease ends.
            UpdateExpression: 'SET claimId = :claim, dueAt = :lease, attempts = attempts + :one',
            ConditionExpression: 'outboxState = :pending AND dueAt <= :now',
            ExpressionAttributeValues: {
              ':claim': claimId,
              ':lease': leaseUntil.toISOString(),
              ':one': 1,
              ':pending': 'pending',
              ':now': this.now().toISOString(),
            },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
      return Attributes ? toOutboxEmail(Attributes) : null;
    } catch (error) {
      if (isConditionFailed(error)) return null;
      throw error;
    }
  }

  async markSent(email: EmailRef, claimId: string, messageId: string): Promise<void> {
    await this.settle(email, claimId, 'SET #state = :sent, messageId = :mid, sentAt = :now REMOVE outboxState, dueAt, claimId', {
      ':sent': 'sent',
      ':mid': messageId,
      ':now': this.now().toISOString(),
    });
  }

  async retryLater(email: EmailRef, claimId: string, retryAt: Date, error: string): Promise<void> {
    await this.settle(email, claimId, 'SET dueAt = :retry, lastError = :err REMOVE claimId', {
      ':retry': retryAt.toISOString(),
      ':err': error.slice(0, 1000),
    });
  }

  async finish(email: EmailRef, claimId: string, state: 'failed' | 'skipped', reason: string): Promise<void> {
    // A failed email stays in the index under `failed`, so the consultancy can list it and send it again.
    const update =
      state === 'failed'
        ? 'SET #state = :final, lastError = :err, outboxState = :final, dueAt = :now REMOVE claimId'
        : 'SET #state = :final, lastError = :err REMOVE outboxState, dueAt, claimId';
    await this.settle(email, claimId, update, {
      ':final': state,
      ':err': reason.slice(0, 1000),
      ...(state === 'failed' ? { ':now': this.now().toISOString() } : {}),
    });
  }

  /** Updates an email only while this claim still holds it. */
  private async settle(email: EmailRef, claimId: string, update: string, values: Record<string, unknown>): Promise<void> {
    const held = await this.applied(
      this.send((c) =>
        c.send(
          new UpdateCommand({
            TableName: this.table,
            Key: emailKey(email),
            UpdateExpression: update,
            ConditionExpression: 'claimId = :claim',
            ...(update.includes('#state') ? { ExpressionAttributeNames: { '#state': 'state' } } : {}),
            ExpressionAttributeValues: { ...values, ':claim': claimId },
          }),
        ),
      ),
    );
    if (!held) throw new Error(`Lost the claim on ${email.kind} of ${email.owner.type} ${email.owner.id}: its lease ended first.`);
  }

  async listDue(limit: number): Promise<EmailRef[]> {
    const { Items = [] } = await this.send((c) =>
      c.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: OUTBOX_INDEX,
          KeyConditionExpression: 'outboxState = :pending AND dueAt <= :now',
          ExpressionAttributeValues: { ':pending': 'pending', ':now': this.now().toISOString() },
          Limit: limit,
        }),
      ),
    );
    return Items.map(emailRefOf);
  }

  async getEmail(email: EmailRef): Promise<OutboxEmail | null> {
    const { Item } = await this.send((c) => c.send(new GetCommand({ TableName: this.table, Key: emailKey(email), ConsistentRead: true })));
    return Item ? toOutboxEmail(Item) : null;
  }

  /** Every item a query returns, page after page. */
  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.send((c) => c.send(new QueryCommand({ ...input, TableName: this.table, ExclusiveStartKey: start })));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async failedEmails(): Promise<OutboxEmail[]> {
    // A failed email keeps `outboxState` = failed in the index, with `dueAt` when it gave up.
    const items = await this.queryAll({
      IndexName: OUTBOX_INDEX,
      KeyConditionExpression: 'outboxState = :failed',
      ExpressionAttributeValues: { ':failed': 'failed' },
      ScanIndexForward: false,
    });
    return items.map(toOutboxEmail);
  }

  async submissionsBetween(from: Date, to: Date): Promise<StoredSubmission[]> {
    const items = await this.queryAll({
      IndexName: RECENT_INDEX,
      KeyConditionExpression: 'listing = :listing AND createdAt BETWEEN :from AND :last',
      ExpressionAttributeValues: {
        ':listing': LISTING.submission,
        ':from': from.toISOString(),
        ':last': new Date(to.getTime() - 1).toISOString(),
      },
    });
    return items.map((item) => StoredSubmissionSchema.parse(item));
  }

  async funnelCounts(day: string): Promise<FunnelCount[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': funnelKey(day, '', '', '').pk },
    });
    return items.map((item) => ({ day, ...funnelParts(String(item.sk)), count: Number(item.count ?? 0) }));
  }

  saveReport(report: WeeklyReport) {
    return this.save(WeeklyReportSchema, reportKey(report.id), report, WEEKLY_DIGEST_KEPT_DAYS);
  }

  getReport(week: string) {
    return this.read(WeeklyReportSchema, reportKey(week));
  }
}

/** An outbox item, parsed: its reference comes from its keys. */
function toOutboxEmail(item: Record<string, unknown>): OutboxEmail {
  return OutboxEmailSchema.parse({ ...item, ...emailRefOf(item) });
}
