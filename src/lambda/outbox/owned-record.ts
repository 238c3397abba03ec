import type { WeeklyReport } from '../digest/weekly-report.ts';
import type { EmailKindDefinition } from '../email/registry.ts';
import type { Store } from '../ports.ts';
import type { EmailOwner, StoredContactMessage, StoredSubmission } from '../records.ts';

/** A record emails are composed from, with its type: a submission, a contact message or a week's report. */
export type OwnedRecord =
  | { type: 'submission'; record: StoredSubmission }
  | { type: 'message'; record: StoredContactMessage }
  | { type: 'week'; record: WeeklyReport };

/** The outbox's name for what an email is about. */
export const ownerOf = (owned: OwnedRecord): EmailOwner => ({ type: owned.type, id: owned.record.id });

/** Reads the record an email is about, or null when it was never stored or has expired. */
export async function readOwnedRecord(owner: EmailOwner, store: Store): Promise<OwnedRecord | null> {
  if (owner.type === 'submission') {
    const record = await store.getSubmission(owner.id);
    return record && { type: 'submission', record };
  }
  if (owner.type === 'week') {
    const record = await store.getReport(owner.id);
    return record && { type: 'week', record };
  }
  const record = await store.getMessage(owner.id);
  return record && { type: 'message', record };
}

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

/** Whether a kind of email is composed from this record and wanted for it. */
export function isWanted(kind: EmailKindDefinition, owned: OwnedRecord): boolean {
  if (kind.owner === 'submission') return owned.type === 'submission' && kind.wanted(owned.record);
  if (kind.owner === 'week') return owned.type === 'week' && kind.wanted(owned.record);
  return owned.type === 'message' && kind.wanted(owned.record);
}

/** Composes a kind of email from its record (the caller has checked `isWanted`). */
export function composeFrom(kind: EmailKindDefinition, owned: OwnedRecord, context: Parameters<EmailKindDefinition['compose']>[1]) {
  if (kind.owner === 'submission' && owned.type === 'submission') return kind.compose(owned.record, context);
  if (kind.owner === 'message' && owned.type === 'message') return kind.compose(owned.record, context);
  if (kind.owner === 'week' && owned.type === 'week') return kind.compose(owned.record, context);
  throw new Error(`An email composed from a ${kind.owner} was queued for a ${owned.type}.`);
}
