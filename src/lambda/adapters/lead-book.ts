import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { lastWeek } from '../digest/week.ts';
import { type WeeklyReport, WeeklyReportSchema } from '../digest/weekly-report.ts';
import type { FunnelCount } from '../ports.ts';
import {
  type EmailOwner,
  type EmailRef,
  normaliseAddress,
  type OutboxEmail,
  OutboxEmailSchema,
  type StoredContactMessage,
  StoredContactMessageSchema,
  type StoredSubmission,
  StoredSubmissionSchema,
} from '../records.ts';
import { RECENT_INDEX } from '../table-design.ts';
import {
  EMAIL_SK_PREFIX,
  emailKey,
  emailRefOf,
  LISTING,
  ownerKey,
  ownerOfPk,
  ownerPk,
  personPk,
  reportKey,
  submissionKey,
} from './dynamo-keys.ts';
import { DynamoStore } from './dynamo-store.ts';

/** How the consultancy's tools reach the table: its name, the person-index key, and where (a stand-in, or AWS). */
export interface LeadBookOptions {
  tableName: string;
  personKey: string;
  /** The consultancy's time zone, whose weeks the digest reports. */
  timeZone: string;
  endpoint?: string;
  region?: string;
  profile?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Everything stored about one person, found through the person index. */
export interface PersonRecords {
  submissions: StoredSubmission[];
  messages: StoredContactMessage[];
}

/**
 * The consultancy's view of the table, for `npm run leads`: recent submissions and messages, one person's records,
 * the emails that gave up. Reads never scan; they use the `recent`, `outbox-due` and person indexes.
 */
export class LeadBook {
  private readonly client: DynamoDBDocumentClient;
  private readonly store: DynamoStore;

  constructor(private readonly options: LeadBookOptions) {
    const { endpoint, region, profile, credentials } = options;
    const dynamo = new DynamoDBClient({
      ...(endpoint && { endpoint }),
      ...(region && { region }),
      ...(profile && { profile }),
      ...(credentials && { credentials }),
    });
    this.client = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
    // The reads the backend makes too (the weekly digest's) go through its store, so they are written once.
    this.store = new DynamoStore(this.client, {
      tableName: options.tableName,
      personKey: options.personKey,
      clock: { now: () => new Date() },
      retentionDays: 1,
    });
  }

  /** Every item a query returns, page after page. */
  private async queryAll(
    input: Omit<QueryCommandInput, 'TableName'>,
    limit = Number.POSITIVE_INFINITY,
  ): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...input, TableName: this.options.tableName, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start && items.length < limit);
    return items.slice(0, limit);
  }

  /** Submissions, newest first, created from `since` on. */
  async submissions(options: { since?: Date; limit?: number } = {}): Promise<StoredSubmission[]> {
    const items = await this.recent(LISTING.submission, options);
    return items.map((item) => StoredSubmissionSchema.parse(item));
  }

  /** Contact messages, newest first, created from `since` on. */
  async messages(options: { since?: Date; limit?: number } = {}): Promise<StoredContactMessage[]> {
    const items = await this.recent(LISTING.message, options);
    return items.map((item) => StoredContactMessageSchema.parse(item));
  }

  private recent(listing: string, { since, limit }: { since?: Date; limit?: number }) {
    return this.queryAll(
      {
        IndexName: RECENT_INDEX,
        KeyConditionExpression: since ? 'listing = :listing AND createdAt >= :since' : 'listing = :listing',
        ExpressionAttributeValues: { ':listing': listing, ...(since && { ':since': since.toISOString() }) },
        ScanIndexForward: false,
      },
      limit,
    );
  }

  /** One submission, or null. */
  async submission(id: string): Promise<StoredSubmission | null> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.options.tableName, Key: submissionKey(id), ConsistentRead: true }),
    );
    return Item ? StoredSubmissionSchema.parse(Item) : null;
  }

  /** The outbox emails of one record, with their states. */
  async emailsOf(owner: EmailOwner): Promise<OutboxEmail[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :email)',
      ExpressionAttributeValues: { ':pk': ownerPk(owner), ':email': EMAIL_SK_PREFIX },
    });
    return items.map((item) => OutboxEmailSchema.parse({ ...item, ...emailRefOf(item) }));
  }

  /** Every submission and message a person left, found by the keyed hash of their address (never by a scan). */
  async person(address: string): Promise<PersonRecords> {
    const pointers = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': personPk(address, this.options.personKey) },
    });
    const wanted = normaliseAddress(address);
    const found: PersonRecords = { submissions: [], messages: [] };
    for (const pointer of pointers) {
      const owner = ownerOfPk(String(pointer.sk));
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.options.tableName, Key: ownerKey(owner), ConsistentRead: true }),
      );
      if (!Item) continue;
      // A pointer can outlive a write that failed after it: only records that carry this address are theirs.
      if (owner.type === 'submission') {
        const submission = StoredSubmissionSchema.parse(Item);
        if (submission.contact && normaliseAddress(submission.contact.email) === wanted) found.submissions.push(submission);
      } else {
        const message = StoredContactMessageSchema.parse(Item);
        if (normaliseAddress(message.email) === wanted) found.messages.push(message);
      }
    }
    const newestFirst = (a: { createdAt: string }, b: { createdAt: string }) => b.createdAt.localeCompare(a.createdAt);
    found.submissions.sort(newestFirst);
    found.messages.sort(newestFirst);
    return found;
  }

  /**
   * Deletes a person's submissions and messages with their emails (sent or pending, so nothing more is ever sent)
   * and their index; keeps a suppression entry, the one thing that stops us emailing them again.
   * @returns the keys of what was deleted, one line each
   */
  async erasePerson(address: string, onProgress: (deleted: string) => void = () => undefined): Promise<string[]> {
    const { submissions, messages } = await this.person(address);
    const owners: EmailOwner[] = [
      ...submissions.map((s) => ({ type: 'submission' as const, id: s.id })),
      ...messages.map((m) => ({ type: 'message' as const, id: m.id })),
    ];
    const deleted: string[] = [];
    const remove = async (key: { pk: string; sk: string }, what: string) => {
      await this.client.send(new DeleteCommand({ TableName: this.options.tableName, Key: key }));
      deleted.push(what);
      onProgress(what);
    };
    for (const owner of owners) {
      for (const email of await this.emailsOf(owner))
        await remove(emailKey(email), `${owner.type} ${owner.id}: ${email.kind} email (${email.state})`);
      await remove(ownerKey(owner), `${owner.type} ${owner.id}`);
    }
    const pointers = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': personPk(address, this.options.personKey) },
    });
    for (const pointer of pointers) {
      const owner = ownerOfPk(String(pointer.sk));
      await remove({ pk: String(pointer.pk), sk: String(pointer.sk) }, `their index entry for ${owner.type} ${owner.id}`);
    }
    for (const { week, item, leads } of await this.digestsListing(address)) {
      const kept = leads.filter((lead) => normaliseAddress(lead.email) !== normaliseAddress(address));
      await this.client.send(new PutCommand({ TableName: this.options.tableName, Item: { ...item, leads: kept } }));
      deleted.push(`their line in the weekly digest of ${week}`);
      onProgress(`their line in the weekly digest of ${week}`);
    }
    return deleted;
  }

  /**
   * The weekly digests still kept (WEEKLY_DIGEST_KEPT_DAYS) that list a person among their week's leads: a report
   * is named by its week, so the last few weeks' are read (-1: the week now ending, which has a report only on a
   * local stack whose clock was moved on).
   */
  private async digestsListing(address: string) {
    const wanted = normaliseAddress(address);
    const weeks = new Set(
      [-1, 0, 1, 2, 3].map((back) => lastWeek(new Date(Date.now() - back * 7 * 86_400_000), this.options.timeZone).name),
    );
    const found: { week: string; item: Record<string, unknown>; leads: WeeklyReport['leads'] }[] = [];
    for (const week of weeks) {
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.options.tableName, Key: reportKey(week), ConsistentRead: true }),
      );
      const leads = Item ? WeeklyReportSchema.parse(Item).leads : [];
      if (Item && leads.some((lead) => normaliseAddress(lead.email) === wanted)) found.push({ week, item: Item, leads });
    }
    return found;
  }

  /** A person's lines in the weekly digests still kept, by week. */
  async digestLines(address: string): Promise<{ week: string; lead: WeeklyReport['leads'][number] }[]> {
    const wanted = normaliseAddress(address);
    return (await this.digestsListing(address)).flatMap(({ week, leads }) =>
      leads.filter((lead) => normaliseAddress(lead.email) === wanted).map((lead) => ({ week, lead })),
    );
  }

  /** The funnel counters of each day from `from` to `to` (UTC days, both included). */
  async funnel(from: Date, to: Date): Promise<FunnelCount[]> {
    const counts: FunnelCount[] = [];
    for (let day = new Date(from); day <= to; day = new Date(day.getTime() + 86_400_000)) {
      counts.push(...(await this.store.funnelCounts(day.toISOString().slice(0, 10))));
    }
    return counts;
  }

  /** Emails the outbox gave up on, most recent first. */
  failedEmails(): Promise<OutboxEmail[]> {
    return this.store.failedEmails();
  }

  /**
   * Puts a failed email back in the outbox, due now and with its attempts reset, for the sweep to send. Only a
   * failed email can be put back, so it is never sent twice.
   * @returns false when the email is not (or no longer) failed
   */
  async retry(email: EmailRef, now: Date): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: emailKey(email),
          UpdateExpression: 'SET #state = :pending, outboxState = :pending, dueAt = :now, attempts = :zero',
          ConditionExpression: '#state = :failed',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':pending': 'pending', ':failed': 'failed', ':now': now.toISOString(), ':zero': 0 },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
