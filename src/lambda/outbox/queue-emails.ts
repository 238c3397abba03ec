import { type EmailKind, emailKinds } from '../email/registry.ts';
import { hourWindow } from '../hour-window.ts';
import type { BackendContext } from '../ports.ts';
import type { EmailRef } from '../records.ts';
import { isWanted, type OwnedRecord, ownerOf, visitorOf } from './owned-record.ts';

/** What queueing a record's emails did. */
export interface QueuedEmails {
  /** The emails due now, for the request to send at once. */
  sendNow: EmailRef[];
  /** Kinds not queued because their per-address limit was already used by another record. */
  heldBack: EmailKind[];
}

/**
 * Queues every kind of email the registry wants for a stored record, under each kind's limits. Idempotent: a
 * repeat of the same request queues nothing twice and uses no limit twice, so it can finish what a failed
 * attempt left undone.
 */
export async function queueEmails(owned: OwnedRecord, context: BackendContext): Promise<QueuedEmails> {
  const { store, clock, settings } = context;
  const now = clock.now();
  const owner = ownerOf(owned);
  const visitor = visitorOf(owned);
  const queued: QueuedEmails = { sendNow: [], heldBack: [] };
  await Promise.all(
    (Object.keys(emailKinds) as EmailKind[]).map(async (name) => {
      const kind = emailKinds[name];
      if (!isWanted(kind, owned)) return;
      if (kind.onePerAddressPerHour && visitor) {
        // The hour the address was given in, not the hour of this request: a repeat an hour later holds the same.
        const reserved = await store.reserveHourlyEmail(name, visitor.address, hourWindow(new Date(visitor.givenAt)).start, owner);
        if (!reserved) return queued.heldBack.push(name);
      }
      const delay = kind.delayMs?.(settings) ?? 0;
      await store.enqueue({ kind: name, owner }, new Date(now.getTime() + delay));
      if (delay === 0) queued.sendNow.push({ kind: name, owner });
    }),
  );
  return queued;
}
