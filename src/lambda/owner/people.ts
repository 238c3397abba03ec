import { WEEKLY_DIGEST_KEPT_DAYS } from '../../site-config.ts';
import type { Messages } from '../messages/messages.ts';
import type { OutboxReview } from '../outbox/outbox.ts';
import type { PersonIndex } from '../people/person-index.ts';
import { type ItemOwner, normaliseAddress, type OutboxItem, type StoredContactMessage, type StoredSubmission } from '../records.ts';
import type { Reports } from '../reports/reports.ts';
import type { WeeklyReport } from '../reports/weekly-report.ts';
import type { Submissions } from '../submissions/submissions.ts';
import { lastWeek } from './week.ts';

/**
 * One person as the consultancy finds them, through the keyed person index (never a scan): everything stored
 * about them, its export (a subject-access request) and its erasure. Each reads what is still stored past its
 * retention too (DynamoDB's TTL removes it only eventually), so neither an export nor an erase leaves anything out.
 */

/** Reads here include what is past its retention but still stored. */
const STORED = { withExpired: true } as const;

/** The stores one person's records are in. */
export interface PeopleStores {
  people: PersonIndex;
  submissions: Pick<Submissions, 'get' | 'erase'>;
  messages: Pick<Messages, 'get' | 'erase'>;
  outbox: Pick<OutboxReview, 'itemsOf' | 'eraseItemsOf'>;
  reports: Pick<Reports, 'get' | 'replace'>;
}

/** Everything stored about one person, newest first. */
export interface PersonRecords {
  submissions: StoredSubmission[];
  messages: StoredContactMessage[];
}

/** One person's line in a weekly digest still kept. */
export interface DigestLine {
  week: string;
  lead: WeeklyReport['leads'][number];
}

/** Every submission and message a person left and still stored, found by the keyed hash of their address. */
export async function personRecords(
  address: string,
  stores: Pick<PeopleStores, 'people' | 'submissions' | 'messages'>,
): Promise<PersonRecords> {
  const wanted = normaliseAddress(address);
  const found: PersonRecords = { submissions: [], messages: [] };
  for (const owner of await stores.people.ownersOf(address, STORED)) {
    // A pointer can outlive a write that failed after it: only records that carry this address are theirs.
    if (owner.type === 'submission') {
      const submission = await stores.submissions.get(owner.id, STORED);
      if (submission?.contact && normaliseAddress(submission.contact.email) === wanted) found.submissions.push(submission);
    } else if (owner.type === 'message') {
      const message = await stores.messages.get(owner.id, STORED);
      if (message && normaliseAddress(message.email) === wanted) found.messages.push(message);
    }
  }
  const newestFirst = (a: { createdAt: string }, b: { createdAt: string }) => b.createdAt.localeCompare(a.createdAt);
  found.submissions.sort(newestFirst);
  found.messages.sort(newestFirst);
  return found;
}

/** The owners of a person's records, for the outbox. */
const ownersOf = ({ submissions, messages }: PersonRecords): ItemOwner[] => [
  ...submissions.map((s) => ({ type: 'submission' as const, id: s.id })),
  ...messages.map((m) => ({ type: 'message' as const, id: m.id })),
];

/**
 * The weekly reports still stored that list a person among their week's leads. A report is named by its week, so
 * every week one may still be stored for is read: those of the last WEEKLY_DIGEST_KEPT_DAYS and a week more (TTL
 * removes a report only eventually), and the week now ending (a local stack whose clock was moved on has one).
 */
async function reportsListing(address: string, reports: PeopleStores['reports'], now: Date, timeZone: string) {
  const wanted = normaliseAddress(address);
  const backs = Array.from({ length: Math.ceil(WEEKLY_DIGEST_KEPT_DAYS / 7) + 3 }, (_, i) => i - 1);
  const weeks = new Set(backs.map((back) => lastWeek(new Date(now.getTime() - back * 7 * 86_400_000), timeZone).name));
  const found: WeeklyReport[] = [];
  for (const week of weeks) {
    const report = await reports.get(week, STORED);
    if (report?.leads.some((lead) => normaliseAddress(lead.email) === wanted)) found.push(report);
  }
  return found;
}

/** A person's lines in the weekly digests still kept, by week. */
export async function digestLines(address: string, reports: PeopleStores['reports'], now: Date, timeZone: string): Promise<DigestLine[]> {
  const wanted = normaliseAddress(address);
  return (await reportsListing(address, reports, now, timeZone)).flatMap((report) =>
    report.leads.filter((lead) => normaliseAddress(lead.email) === wanted).map((lead) => ({ week: report.id, lead })),
  );
}

/** Everything stored about a person, as a subject-access export. */
export interface PersonExport extends PersonRecords {
  person: string;
  exportedAt: string;
  /** Every email and webhook event about their records, with its state. */
  emails: OutboxItem[];
  weeklyDigests: DigestLine[];
}

/** Everything stored about a person: their records, every outbox item about them, their lines in the digests kept. */
export async function exportPerson(address: string, stores: PeopleStores, now: Date, timeZone: string): Promise<PersonExport> {
  const records = await personRecords(address, stores);
  const emails: OutboxItem[] = [];
  for (const owner of ownersOf(records)) emails.push(...(await stores.outbox.itemsOf(owner)));
  const weeklyDigests = await digestLines(address, stores.reports, now, timeZone);
  return { person: address, exportedAt: now.toISOString(), ...records, emails, weeklyDigests };
}

/**
 * Deletes a person's submissions and messages with every outbox item about them (sent or pending, so nothing more is
 * ever sent), their index, and their lines in the weekly digests kept; keeps a suppression entry, the one thing
 * that stops us emailing them again.
 * @param onDeleted told of each thing deleted, in words, as it goes
 * @returns what was deleted, one line each
 */
export async function erasePerson(
  address: string,
  stores: PeopleStores,
  now: Date,
  timeZone: string,
  onDeleted: (what: string) => void = () => undefined,
): Promise<string[]> {
  const deleted: string[] = [];
  const said = (what: string) => {
    deleted.push(what);
    onDeleted(what);
  };
  const records = await personRecords(address, stores);
  for (const owner of ownersOf(records)) {
    for (const item of await stores.outbox.eraseItemsOf(owner)) said(`${owner.type} ${owner.id}: ${item.kind} email (${item.state})`);
    if (owner.type === 'submission') await stores.submissions.erase(owner.id);
    else await stores.messages.erase(owner.id);
    said(`${owner.type} ${owner.id}`);
  }
  for (const owner of await stores.people.erase(address)) said(`their index entry for ${owner.type} ${owner.id}`);
  const wanted = normaliseAddress(address);
  for (const report of await reportsListing(address, stores.reports, now, timeZone)) {
    await stores.reports.replace({ ...report, leads: report.leads.filter((lead) => normaliseAddress(lead.email) !== wanted) });
    said(`their line in the weekly digest of ${report.id}`);
  }
  return deleted;
}
