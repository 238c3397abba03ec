import { type ComposeEmail, type DeliveryDeps, sweepOutbox } from './deliver-email.ts';
import type { OutboxEntry } from './ports.ts';

/** Composers by outbox kind: how each kind of email is built from stored data at send time. */
export type Composers = Record<string, ComposeEmail>;

/** Picks the composer of an entry's kind; an unknown kind is skipped (and logged), never retried forever. */
export function composeByKind(composers: Composers): ComposeEmail {
  return async (entry: OutboxEntry) => {
    const compose = composers[entry.kind];
    return compose ? compose(entry) : { skip: `no composer for email kind "${entry.kind}"` };
  };
}

/** What the sweep needs. */
export interface SweepDeps extends Omit<DeliveryDeps, 'compose'> {
  composers: Composers;
}

/** Builds the scheduled sweep: sends every due email, retrying what failed for a passing reason. */
export function createSweepHandler(deps: SweepDeps) {
  return async () => {
    const counts = await sweepOutbox({ ...deps, compose: composeByKind(deps.composers) });
    deps.log.info('sweep finished', { ...counts });
    return counts;
  };
}
