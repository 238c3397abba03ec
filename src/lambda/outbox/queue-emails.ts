import { type EmailKind, emailKinds } from '../email/registry.ts';
import { hourWindow } from '../hour-window.ts';
import type { BackendContext } from '../ports.ts';
import { type EmailRef, normaliseAddress } from '../records.ts';
import { isWanted, type OwnedRecord, ownerOf, visitorOf } from './owned-record.ts';

/** Why a wanted email was not queued: its hourly limit is held by another record, or the address unsubscribed. */
export type HeldBack = 'limit' | 'unsubscribed';

/** What queueing a record's emails did. */
export interface QueuedEmails {
  /** The emails due now, for the request to send at once. */
  sendNow: EmailRef[];
  /** Wanted kinds that were not queued, and why. */
  heldBack: Partial<Record<EmailKind, HeldBack>>;
}

/**
 * Queues every kind of email the registry wants for a stored record, under each kind's rules. Idempotent: a
 * repeat of the same request queues nothing twice and holds the same limits (they are reserved for the record, in
 * the hour its address was given), so it can finish what a failed attempt left undone and answers as the first did.
 */
export async function queueEmails(owned: OwnedRecord, context: BackendContext): Promise<QueuedEmails> {
  const { store, clock, settings } = context;
  const now = clock.now();
  const owner = ownerOf(owned);
  const visitor = visitorOf(owned);
  const suppressed = visitor ? await store.isSuppressed(visitor.address) : false;
  const queued: QueuedEmails = { sendNow: [], heldBack: {} };
  await Promise.all(
    (Object.keys(emailKinds) as EmailKind[]).map(async (name) => {
      const kind = emailKinds[name];
      if (!isWanted(kind, owned)) return;
      if (kind.audience === 'visitor' && (!visitor || suppressed)) {
        queued.heldBack[name] = 'unsubscribed';
        return;
      }
      if (kind.onePerHourPer && visitor && owned.type !== 'week') {
        const address = normaliseAddress(visitor.address);
        // The same request: the same answers (or message) and the same inbox.
        const key = kind.onePerHourPer === 'address' ? address : `${owned.record.payloadHash} ${address}`;
        if (!(await store.reserveHourlyEmail(name, key, hourWindow(new Date(visitor.givenAt)).start, owner))) {
          queued.heldBack[name] = 'limit';
          return;
        }
      }
      const delay = kind.delayMs?.(settings) ?? 0;
      await store.enqueue({ kind: name, owner }, new Date(now.getTime() + delay));
      if (kind.latestPerAddressOnly && visitor) await store.markLatestEmail(name, visitor.address, owner, visitor.givenAt);
      if (delay === 0) queued.sendNow.push({ kind: name, owner });
    }),
  );
  return queued;
}
