import type { Item, Table } from '../adapters/table.ts';
import type { DynamoPersonIndex } from '../people/person-index.ts';
import { type ReadOptions, type StoredContact, type StoredSubmission, StoredSubmissionSchema } from '../records.ts';
import { RECENT_INDEX, recordKey } from '../table-design.ts';
import type { Submissions } from './submissions.ts';

/**
 * | item                      | pk                  | sk                  | index `recent`                          |
 * | a submission              | `SUB#<id>`          | `SUBMISSION`        | `listing` = `submission`, `createdAt`   |
 * | a retake that follows it  | `SUB#<previous id>` | `RETAKE#<retake id>` |                                        |
 *
 * A retake holds the id of the result it follows; the link beside that result finds the retakes that follow it, so
 * a person's attempts are found in both directions without a scan.
 */
const keyOf = (id: string) => ({ pk: recordKey({ type: 'submission', id }), sk: 'SUBMISSION' });
const RETAKE = 'RETAKE#';
const retakeKey = (previousId: string, id: string) => ({ pk: recordKey({ type: 'submission', id: previousId }), sk: `${RETAKE}${id}` });
const LISTING = 'submission';

/**
 * A submission's grade is stored as `lead`, the name every version before this one wrote and reads: so a function
 * still running an earlier version during a deploy, or after a rollback, reads what this one writes.
 */
const toItem = ({ grade, ...rest }: StoredSubmission) => ({ ...rest, lead: grade });
const parse = (item: Item): StoredSubmission => {
  const { lead, ...rest } = item;
  return StoredSubmissionSchema.parse({ grade: lead, ...rest });
};

/** The submissions created from `from` up to (not including) `to`, oldest first, on the `recent` index. */
const between = (from: Date, to: Date) => ({
  index: RECENT_INDEX,
  expression: 'listing = :listing AND createdAt BETWEEN :from AND :last',
  values: { ':listing': LISTING, ':from': from.toISOString(), ':last': new Date(to.getTime() - 1).toISOString() },
});

/** The submissions created from `since` on (every one without it), on the `recent` index. */
const newestQuery = (since?: Date) => ({
  index: RECENT_INDEX,
  expression: since ? 'listing = :listing AND createdAt >= :since' : 'listing = :listing',
  values: { ':listing': LISTING, ...(since && { ':since': since.toISOString() }) },
});

/** The DynamoDB submissions: each one item, listed by time in the `recent` index, pointed to by its person's index. */
export class DynamoSubmissions implements Submissions {
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

  async save(submission: StoredSubmission) {
    // The person's pointer first: written again by a repeat, it can never be missing for a stored contact.
    if (submission.contact) await this.index().point(submission.contact.email, { type: 'submission', id: submission.id });
    // The link first too, so a stored retake is always found from the result it follows.
    if (submission.previous)
      await this.table.put({ ...retakeKey(submission.previous.id, submission.id), expiresAt: this.table.expiresIn() });
    return this.table.save(parse, keyOf(submission.id), { ...toItem(submission), listing: LISTING });
  }

  get(id: string, options?: ReadOptions) {
    return this.table.read(parse, keyOf(id), options);
  }

  async attachContact(submissionId: string, contact: StoredContact): Promise<boolean> {
    await this.index().point(contact.email, { type: 'submission', id: submissionId });
    const updated = await this.table.update(keyOf(submissionId), {
      expression: 'SET contact = :contact',
      condition: 'attribute_exists(pk) AND attribute_not_exists(contact)',
      values: { ':contact': contact },
    });
    return updated !== null;
  }

  async markUnsubscribed(submissionId: string): Promise<void> {
    // A submission that expired meanwhile has nothing left to mark.
    await this.table.update(keyOf(submissionId), {
      expression: 'SET unsubscribedAt = if_not_exists(unsubscribedAt, :at)',
      condition: 'attribute_exists(pk)',
      values: { ':at': this.table.now().toISOString() },
    });
  }

  async createdBetween(from: Date, to: Date, options: { leadsOnly?: true } = {}) {
    const items = await this.table.query({
      ...between(from, to),
      // What leads are made of: answers with contact details, and retakes (which join their chain's person).
      ...(options.leadsOnly && { filter: 'attribute_exists(contact) OR attribute_exists(previous)' }),
    });
    return items.map(parse);
  }

  countCreatedBetween(from: Date, to: Date) {
    return this.table.count(between(from, to));
  }

  async *newestPages({ since }: { since?: Date } = {}) {
    for await (const page of this.table.pages({ ...newestQuery(since), descending: true })) yield page.map(parse);
  }

  async newest({ since, limit }: { since?: Date; limit?: number } = {}) {
    const items = await this.table.query({ ...newestQuery(since), descending: true, ...(limit !== undefined && { limit }) });
    return items.map(parse);
  }

  async retakesOf(id: string, options?: ReadOptions): Promise<string[]> {
    const items = await this.table.query({
      expression: 'pk = :pk AND begins_with(sk, :retake)',
      values: { ':pk': keyOf(id).pk, ':retake': RETAKE },
      ...options,
    });
    return items.map((item) => String(item.sk).slice(RETAKE.length));
  }

  async forgetPrevious(id: string): Promise<void> {
    await this.table.update(keyOf(id), { expression: 'REMOVE previous', condition: 'attribute_exists(pk)' });
  }

  async erase(id: string) {
    // With the links: those beside it (the retakes that follow it) and the one beside the result it follows.
    const stored = await this.get(id, { withExpired: true });
    for (const retake of await this.retakesOf(id, { withExpired: true })) await this.table.delete(retakeKey(id, retake));
    if (stored?.previous) await this.table.delete(retakeKey(stored.previous.id, id));
    await this.table.delete(keyOf(id));
  }
}
