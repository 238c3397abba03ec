import { WEEKLY_DIGEST_KEPT_DAYS } from '../../site-config.ts';
import { emailKinds } from '../email/registry.ts';
import { addressTraces } from '../email/send-emails.ts';
import type { AddressTraces } from '../limits/limits.ts';
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
  submissions: Pick<Submissions, 'get' | 'erase' | 'retakesOf' | 'forgetPrevious'>;
  messages: Pick<Messages, 'get' | 'erase'>;
  outbox: Pick<OutboxReview, 'itemsOf' | 'eraseItemsOf'>;
  reports: Pick<Reports, 'get' | 'replace'>;
  limits: AddressTraces;
}

/** Everything stored about one person, newest first. */
export interface PersonRecords {
  /**
   * Their attempts: those that carry their address, and every attempt linked to one of those by a retake ("Take it
   * again", in either direction) that left no address or the same one.
   */
  submissions: StoredSubmission[];
  messages: StoredContactMessage[];
  /** Every address, as typed, their records carry (one inbox may be written several ways: `ada+news@…`). */
  addresses: string[];
  /** Retakes of one of their attempts that left another address: each holds a copy of a result of theirs. */
  othersLinked: StoredSubmission[];
  /**
   * The ids of their attempts found through retake links, in the order found: erase goes backwards through them,
   * so an erase stopped part-way still finds, run again, whatever it has not deleted.
   */
  linked: string[];
}

/** One person's line in a weekly digest still kept. */
export interface DigestLine {
  week: string;
  lead: WeeklyReport['leads'][number];
}

/**
 * Every submission and message a person left and still stored, found by the keyed hash of their address, with every
 * attempt linked to theirs by a retake (found through each retake's link, never a scan).
 */
export async function personRecords(
  address: string,
  stores: Pick<PeopleStores, 'people' | 'submissions' | 'messages'>,
): Promise<PersonRecords> {
  const wanted = normaliseAddress(address);
  const found: PersonRecords = { submissions: [], messages: [], addresses: [], othersLinked: [], linked: [] };
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
  // Their retake chains, both ways: an attempt that left another address is another's, and the chain stops there.
  const others: StoredSubmission[] = [];
  for (const attempt of await linkedAttempts(found.submissions, stores, wanted)) {
    if (attempt.contact && normaliseAddress(attempt.contact.email) !== wanted) others.push(attempt);
    else {
      found.submissions.push(attempt);
      found.linked.push(attempt.id);
    }
  }
  // Of another's attempts, only a retake of one of theirs holds anything of theirs (the result it follows).
  const theirs = new Set(found.submissions.map((s) => s.id));
  found.othersLinked = others.filter((other) => other.previous && theirs.has(other.previous.id));
  const newestFirst = (a: { createdAt: string }, b: { createdAt: string }) => b.createdAt.localeCompare(a.createdAt);
  found.submissions.sort(newestFirst);
  found.messages.sort(newestFirst);
  const typed = [...found.submissions.flatMap((s) => (s.contact ? [s.contact.email] : [])), ...found.messages.map((m) => m.email)];
  found.addresses = [...new Set(typed.map((a) => a.trim()))].sort();
  return found;
}

/**
 * The attempts linked to some by retakes ("Take it again"), in both directions (the result each follows, and the
 * retakes that follow it), found through each retake's link: never a scan. The chain is followed through attempts
 * that left no address, or `address` (normalised); one that left another is returned but not followed.
 * @returns the linked attempts in the order found, those given left out
 */
export async function linkedAttempts(
  from: StoredSubmission[],
  stores: Pick<PeopleStores, 'submissions'>,
  address?: string,
): Promise<StoredSubmission[]> {
  const seen = new Set(from.map((s) => s.id));
  const pending = [...from];
  const found: StoredSubmission[] = [];
  for (let at = pending.pop(); at; at = pending.pop()) {
    const current = at;
    const linked = [...(at.previous ? [at.previous.id] : []), ...(await stores.submissions.retakesOf(at.id, STORED))];
    for (const id of linked.filter((id) => !seen.has(id))) {
      const attempt = await stores.submissions.get(id, STORED);
      if (!attempt) continue;
      // A link is only a hint: a retake is one that names this attempt as the result it follows, or the one it names.
      if (attempt.id !== current.previous?.id && attempt.previous?.id !== current.id) continue;
      seen.add(id);
      found.push(attempt);
      const another = address !== undefined && attempt.contact && normaliseAddress(attempt.contact.email) !== address;
      if (!another) pending.push(attempt);
    }
  }
  return found;
}

/** The owners of a person's records, for the outbox. */
const ownersOf = ({ submissions, messages }: Pick<PersonRecords, 'submissions' | 'messages'>): ItemOwner[] => [
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
export interface PersonExport extends Omit<PersonRecords, 'othersLinked' | 'linked'> {
  person: string;
  exportedAt: string;
  /** Every email and webhook event about their records, with its state. */
  emails: OutboxItem[];
  weeklyDigests: DigestLine[];
}

/** Everything stored about a person: their records, every outbox item about them, their lines in the digests kept. */
export async function exportPerson(address: string, stores: PeopleStores, now: Date, timeZone: string): Promise<PersonExport> {
  const { othersLinked: _, linked: __, ...records } = await personRecords(address, stores);
  const emails: OutboxItem[] = [];
  for (const owner of ownersOf(records)) emails.push(...(await stores.outbox.itemsOf(owner)));
  const weeklyDigests = await digestLines(address, stores.reports, now, timeZone);
  return { person: address, exportedAt: now.toISOString(), ...records, emails, weeklyDigests };
}

/**
 * Deletes everything about a person: their submissions (with every attempt linked to theirs by a retake) and
 * messages, every outbox item about them (sent or pending, emails and webhook events, so nothing more is ever sent),
 * the hourly email reservations and latest-email pointers keyed on their address, their index, and their lines in
 * the weekly digests kept; takes a copy of their result out of any retake another address made. Keeps a suppression
 * entry, the one thing that stops us emailing them again.
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
  // First what could otherwise be left unreachable by a run stopped part-way: the copies in others' retakes, then the
  // attempts found through links (the last found first), then those their index points to (found again by a rerun).
  for (const other of records.othersLinked) {
    await stores.submissions.forgetPrevious(other.id);
    said(`the copy of their result in submission ${other.id} (a retake that left another address)`);
  }
  const rank = (s: StoredSubmission) => {
    const found = records.linked.indexOf(s.id);
    return found < 0 ? -1 : found;
  };
  const owned = [
    ...[...records.submissions].sort((a, b) => rank(b) - rank(a)).map((record) => ({ type: 'submission' as const, record })),
    ...records.messages.map((record) => ({ type: 'message' as const, record })),
  ];
  for (const record of owned) {
    const owner = { type: record.type, id: record.record.id };
    for (const item of await stores.outbox.eraseItemsOf(owner)) said(`${owner.type} ${owner.id}: ${item.kind} (${item.state})`);
    const traces = addressTraces(emailKinds, record);
    for (const [kind, key] of traces.reservations) {
      const released = await stores.limits.releaseHourlyEmails(kind, key, owner);
      if (released > 0) said(`${owner.type} ${owner.id}: its hourly ${kind} reservation`);
    }
    if (record.type === 'submission') await stores.submissions.erase(owner.id);
    else await stores.messages.erase(owner.id);
    said(
      record.type === 'submission' && !record.record.contact
        ? `submission ${owner.id} (left without details, linked by a retake)`
        : `${owner.type} ${owner.id}`,
    );
  }
  const kinds = new Set(owned.flatMap((record) => addressTraces(emailKinds, record).latest.map(([kind]) => kind)));
  for (const kind of kinds) {
    if (await stores.limits.forgetLatestEmail(kind, address)) said(`the pointer to their latest ${kind}`);
  }
  for (const owner of await stores.people.erase(address)) said(`their index entry for ${owner.type} ${owner.id}`);
  const wanted = normaliseAddress(address);
  for (const report of await reportsListing(address, stores.reports, now, timeZone)) {
    await stores.reports.replace({ ...report, leads: report.leads.filter((lead) => normaliseAddress(lead.email) !== wanted) });
    said(`their line in the weekly digest of ${report.id}`);
  }
  return deleted;
}
