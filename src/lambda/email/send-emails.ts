import { countStep } from '../funnel/count-step.ts';
import type { Funnel } from '../funnel/funnel.ts';
import { hourWindow } from '../hour-window.ts';
import type { AddressRules } from '../limits/limits.ts';
import { type Delivery, type DeliveryOutcome, deliverItem, type Prepare, type Prepared, sendNow } from '../outbox/deliver.ts';
import type { Outbox } from '../outbox/outbox.ts';
import type { Clock, Log, Mailer, OutgoingEmail } from '../ports.ts';
import { type ItemOwner, type ItemRef, normaliseAddress, type StoredContactMessage, type StoredSubmission } from '../records.ts';
import type { WeeklyReport } from '../reports/weekly-report.ts';
import type { EmailContext, EmailKindDefinition, EmailKinds, OwnedRecord } from './kind.ts';

/**
 * Queueing a record's emails through the outbox, and preparing a queued email when it is sent. What a function
 * passes as `kinds` is all it can queue or send: the submissions' routes pass the emails of a submission, the sweep
 * every kind.
 */

/** Reads the records emails are composed from, for the owner types a function handles. */
export interface RecordReader {
  submission?(id: string): Promise<StoredSubmission | null>;
  message?(id: string): Promise<StoredContactMessage | null>;
  week?(id: string): Promise<WeeklyReport | null>;
  /** The newest attempt linked to a submission by retakes, or null when none is (for kinds `aboutLatestAttempt`). */
  latestAttempt?(id: string): Promise<StoredSubmission | null>;
}

/** What queueing and sending emails needs. */
export interface EmailSending {
  /** The kinds this function queues and sends. */
  kinds: EmailKinds;
  outbox: Pick<Outbox, 'enqueue'>;
  addresses: AddressRules;
  mailer: Mailer;
  records: RecordReader;
  /** For the kinds whose sending counts as a funnel step (the follow-up). */
  funnel?: Pick<Funnel, 'count'>;
  clock: Clock;
  log: Log;
  context: EmailContext;
  /** The From header of every email: `"Paradigm AI" <hello@…>`. */
  from: string;
  /** The consultancy's inbox (`LEAD_RECIPIENT`). */
  consultancy: string;
}

/** Why a wanted email was not queued: its hourly limit is held by another record, or the address unsubscribed. */
export type HeldBack = 'limit' | 'unsubscribed';

/** What queueing a record's emails did. */
export interface QueuedEmails {
  /** The emails due now, for the request to send at once. */
  sendNow: ItemRef[];
  /** Wanted kinds that were not queued, and why. */
  heldBack: Partial<Record<string, HeldBack>>;
}

/** The outbox's name for what an email is about. */
export const ownerOf = (owned: OwnedRecord): ItemOwner => ({ type: owned.type, id: owned.record.id });

/**
 * The visitor's name and address on a record, and when they gave them (a submission has them only once contact
 * details are given).
 */
export function visitorOf(owned: OwnedRecord): { name: string; address: string; givenAt: string } | null {
  if (owned.type === 'week') return null;
  if (owned.type === 'message') return { name: owned.record.name, address: owned.record.email, givenAt: owned.record.createdAt };
  const contact = owned.record.contact;
  return contact ? { name: contact.name, address: contact.email, givenAt: contact.at } : null;
}

/** The key of a kind's hourly limit for a record: its address, or this request (its answers or message) to it. */
function hourlyKey(kind: EmailKindDefinition, owned: OwnedRecord): string | undefined {
  const visitor = visitorOf(owned);
  if (!kind.onePerHourPer || !visitor || owned.type === 'week') return undefined;
  const address = normaliseAddress(visitor.address);
  // The same request: the same answers (or message) and the same inbox.
  return kind.onePerHourPer === 'address' ? address : `${owned.record.payloadHash} ${address}`;
}

/**
 * What queueing a record's emails may have left keyed on its visitor's address: the hourly reservations (by kind and
 * key) and the latest-of-a-kind pointers. Erasing a person deletes them all.
 */
export function addressTraces(
  kinds: EmailKinds,
  owned: OwnedRecord,
): { reservations: [kind: string, key: string][]; latest: [kind: string, address: string][] } {
  const visitor = visitorOf(owned);
  return {
    reservations: Object.entries(kinds).flatMap(([name, kind]) => {
      const key = hourlyKey(kind, owned);
      return key === undefined ? [] : [[name, key] as [string, string]];
    }),
    latest: visitor
      ? Object.entries(kinds).flatMap(([name, kind]) => (kind.latestPerAddressOnly ? [[name, visitor.address] as [string, string]] : []))
      : [],
  };
}

/** Whether a kind of email is composed from this record and wanted for it. */
function isWanted(kind: EmailKindDefinition, owned: OwnedRecord): boolean {
  if (kind.owner === 'submission') return owned.type === 'submission' && kind.wanted(owned.record);
  if (kind.owner === 'week') return owned.type === 'week' && kind.wanted(owned.record);
  return owned.type === 'message' && kind.wanted(owned.record);
}

/**
 * Composes a kind of email from its record (the caller has checked `isWanted`); a kind about the latest attempt gets
 * the newest retake linked to its submission too.
 */
async function composeFrom(kind: EmailKindDefinition, owned: OwnedRecord, context: EmailContext, records: RecordReader) {
  if (kind.owner === 'submission' && owned.type === 'submission') {
    if (!kind.aboutLatestAttempt) return kind.compose(owned.record, context);
    if (!records.latestAttempt) throw new Error('An email about the latest attempt is sent by a function that cannot read retakes.');
    return kind.compose(owned.record, context, (await records.latestAttempt(owned.record.id)) ?? undefined);
  }
  if (kind.owner === 'message' && owned.type === 'message') return kind.compose(owned.record, context);
  if (kind.owner === 'week' && owned.type === 'week') return kind.compose(owned.record, context);
  throw new Error(`An email composed from a ${kind.owner} was queued for a ${owned.type}.`);
}

/**
 * Queues every kind of email wanted for a stored record, under each kind's rules. Idempotent: a repeat of the same
 * request queues nothing twice and holds the same limits (they are reserved for the record, in the hour its address
 * was given), so it can finish what a failed attempt left undone and answers as the first did.
 */
export async function queueEmails(
  owned: OwnedRecord,
  sending: Pick<EmailSending, 'kinds' | 'outbox' | 'addresses' | 'clock' | 'context'>,
): Promise<QueuedEmails> {
  const { kinds, outbox, addresses, clock, context } = sending;
  const now = clock.now();
  const owner = ownerOf(owned);
  const visitor = visitorOf(owned);
  const suppressed = visitor ? await addresses.isSuppressed(visitor.address) : false;
  const queued: QueuedEmails = { sendNow: [], heldBack: {} };
  await Promise.all(
    Object.entries(kinds).map(async ([name, kind]) => {
      if (!isWanted(kind, owned)) return;
      if (kind.audience === 'visitor' && (!visitor || suppressed)) {
        queued.heldBack[name] = 'unsubscribed';
        return;
      }
      const key = hourlyKey(kind, owned);
      if (key !== undefined && visitor) {
        if (!(await addresses.reserveHourlyEmail(name, key, hourWindow(new Date(visitor.givenAt)).start, owner))) {
          queued.heldBack[name] = 'limit';
          return;
        }
      }
      const delay = kind.delayMs?.(context) ?? 0;
      await outbox.enqueue({ kind: name, owner }, new Date(now.getTime() + delay));
      if (kind.latestPerAddressOnly && visitor) await addresses.markLatestEmail(name, visitor.address, owner, visitor.givenAt);
      if (delay === 0) queued.sendNow.push({ kind: name, owner });
    }),
  );
  return queued;
}

/** Reads the record an email is about, or null when it was never stored, has expired, or is not this function's. */
async function readRecord(owner: ItemOwner, records: RecordReader): Promise<OwnedRecord | null> {
  if (owner.type === 'submission') {
    const record = (await records.submission?.(owner.id)) ?? null;
    return record && { type: 'submission', record };
  }
  if (owner.type === 'week') {
    const record = (await records.week?.(owner.id)) ?? null;
    return record && { type: 'week', record };
  }
  const record = (await records.message?.(owner.id)) ?? null;
  return record && { type: 'message', record };
}

/**
 * Prepares a queued email at send time: from its stored record (or from `known`, the record the request that
 * queued it has just stored), addressed, unless there is nothing to send any more.
 */
export function prepareEmail(sending: EmailSending, known?: OwnedRecord): Prepare {
  const { kinds, addresses, mailer, records, context, from, consultancy } = sending;
  return async (ref): Promise<Prepared | { skip: string }> => {
    const name = ref.kind;
    const kind = Object.hasOwn(kinds, name) ? kinds[name] : undefined;
    if (!kind) throw new Error(`No kind of email is named "${name}" in email/registry.ts.`);
    const isKnown = known && known.type === ref.owner.type && known.record.id === ref.owner.id;
    const owned = isKnown ? known : await readRecord(ref.owner, records);
    if (!owned) return { skip: `the ${ref.owner.type} was never stored or has expired` };
    if (!isWanted(kind, owned)) return { skip: 'the record no longer asks for this email (no contact details or no consent)' };
    const visitor = visitorOf(owned);
    if (kind.audience === 'visitor') {
      if (!visitor) return { skip: 'no contact details were stored' };
      const unsubscribed = owned.type === 'submission' && owned.record.unsubscribedAt !== undefined;
      if (unsubscribed || (await addresses.isSuppressed(visitor.address))) return { skip: 'the address unsubscribed' };
    }
    if (kind.latestPerAddressOnly && visitor) {
      const latest = await addresses.latestEmailOwner(name, visitor.address);
      if (latest && (latest.type !== ref.owner.type || latest.id !== ref.owner.id)) {
        return { skip: 'a later one to the same address replaced it' };
      }
    }
    const content = await composeFrom(kind, owned, context, records);
    if ('skip' in content) return content;
    // To the visitor, replies reach the consultancy; to the consultancy, they reach the visitor (if there is one).
    const email: OutgoingEmail =
      kind.audience === 'visitor' && visitor
        ? { from, to: [visitor.address], replyTo: [consultancy], ...content }
        : { from, to: [consultancy], ...(visitor && { replyTo: [visitor.address] }), ...content };
    const { countsAs } = kind;
    const { funnel } = sending;
    return {
      send: () => mailer.send(email),
      ...(countsAs &&
        funnel &&
        owned.type === 'submission' && { afterSent: () => countStep({ ...sending, funnel }, countsAs, owned.record) }),
    };
  };
}

/** A record's emails as a request sees them: queue them, then send at once those that are due. */
export interface RecordEmails {
  /** Queues the record's emails (see queueEmails). */
  queue(owned: OwnedRecord): Promise<QueuedEmails>;
  /** Sends one queued email now, composed from the record the caller has (see deliverItem). */
  deliver(ref: ItemRef, owned: OwnedRecord): Promise<DeliveryOutcome>;
  /** Sends the queued emails due now, composed from the record the request has (one that fails is left to the sweep). */
  sendNow(refs: ItemRef[], owned: OwnedRecord): Promise<void>;
}

/** The emails of the records a request stores, delivered through the outbox. */
export function recordEmails(sending: EmailSending, delivery: Omit<Delivery, 'prepare'>): RecordEmails {
  return {
    queue: (owned) => queueEmails(owned, sending),
    deliver: (ref, owned) => deliverItem(ref, { ...delivery, prepare: prepareEmail(sending, owned) }),
    sendNow: (refs, owned) => sendNow(refs, { ...delivery, prepare: prepareEmail(sending, owned) }),
  };
}
