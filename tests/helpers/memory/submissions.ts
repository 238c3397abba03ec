import type { Clock } from '../../../src/lambda/ports.ts';
import type { ReadOptions } from '../../../src/lambda/records.ts';
import { type StoredContact, type StoredSubmission, StoredSubmissionSchema } from '../../../src/lambda/records.ts';
import type { Submissions } from '../../../src/lambda/submissions/submissions.ts';
import type { MemoryPeople } from './people.ts';
import { Shelf } from './shelf.ts';

/** The submissions, in memory, with the contract of DynamoSubmissions (tests/integration/lambda/store-contract.test.ts). */
export class MemorySubmissions implements Submissions {
  readonly shelf: Shelf<StoredSubmission>;

  constructor(
    private readonly clock: Clock,
    retentionDays: number,
    private readonly people: MemoryPeople,
  ) {
    this.shelf = new Shelf(clock, (v) => StoredSubmissionSchema.parse(v), retentionDays);
  }

  async save(submission: StoredSubmission) {
    if (submission.contact) this.people.point(submission.contact.email, { type: 'submission', id: submission.id });
    if (submission.previous)
      this.retakes.set(submission.previous.id, (this.retakes.get(submission.previous.id) ?? new Set()).add(submission.id));
    return this.shelf.save(submission.id, submission);
  }
  async get(id: string, options?: ReadOptions) {
    return this.shelf.get(id, options);
  }
  async attachContact(submissionId: string, contact: StoredContact) {
    this.people.point(contact.email, { type: 'submission', id: submissionId });
    const stored = this.shelf.raw(submissionId);
    if (!stored || stored.contact) return false;
    stored.contact = structuredClone(contact);
    return true;
  }
  async markUnsubscribed(submissionId: string) {
    const stored = this.shelf.raw(submissionId);
    if (stored) stored.unsubscribedAt ??= this.clock.now().toISOString();
  }
  async createdBetween(from: Date, to: Date, options: { leadsOnly?: true } = {}) {
    return this.shelf
      .live()
      .filter((s) => s.createdAt >= from.toISOString() && s.createdAt < to.toISOString())
      .filter((s) => !options.leadsOnly || s.contact !== undefined || s.previous !== undefined)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
  async countCreatedBetween(from: Date, to: Date) {
    return this.shelf.live().filter((s) => s.createdAt >= from.toISOString() && s.createdAt < to.toISOString()).length;
  }
  /** Pages of `pageSize`, as DynamoDB's 1 MB pages would cut them. */
  pageSize = 100;
  async *newestPages(options: { since?: Date } = {}) {
    const all = await this.newest(options);
    for (let at = 0; at < all.length; at += this.pageSize) yield all.slice(at, at + this.pageSize);
  }
  async newest({ since, limit }: { since?: Date; limit?: number } = {}) {
    const newest = this.shelf
      .live()
      .filter((s) => !since || s.createdAt >= since.toISOString())
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return limit === undefined ? newest : newest.slice(0, limit);
  }
  /** The retake links: the id of a result, to the retakes that follow it. */
  readonly retakes = new Map<string, Set<string>>();

  async retakesOf(id: string) {
    return [...(this.retakes.get(id) ?? [])];
  }
  async forgetPrevious(id: string) {
    const stored = this.shelf.raw(id);
    if (stored) delete stored.previous;
  }
  async erase(id: string) {
    const previous = this.shelf.raw(id)?.previous?.id;
    if (previous) this.retakes.get(previous)?.delete(id);
    this.retakes.delete(id);
    this.shelf.delete(id);
  }
}
