import { normaliseAddress, type StoredContact, type StoredSubmission } from '../records.ts';

/** One person's attempts: the latest stands for their lead, with the latest contact details any attempt left. */
export interface PersonLead {
  /** Their latest attempt. */
  latest: StoredSubmission;
  /** The contact details of their latest attempt that has them. */
  contact: StoredContact | undefined;
  /** Every attempt of theirs among those given, newest first. */
  attempts: StoredSubmission[];
}

/**
 * One lead per person, not one per attempt: the one rule the weekly digest and `npm run leads` go by (`list` shows a
 * row per person, `export` says of each attempt how many are the person's and whether it is their latest; webhooks
 * carry `retakeOf`, for a CRM to join the same way). Attempts are grouped by the address they left (compared as one
 * inbox, see normaliseAddress), and an attempt without one joins its retake chain ("Take it again") and, through
 * it, the address any attempt of the chain left. People come in the order of their latest attempt.
 * @param newestFirst submissions, newest first
 */
export function leadsByPerson(newestFirst: StoredSubmission[]): PersonLead[] {
  const byId = new Map(newestFirst.map((s) => [s.id, s]));
  /** The first attempt of a retake chain (among those given). */
  const first = (s: StoredSubmission): StoredSubmission => {
    const seen = new Set<string>();
    let at = s;
    while (at.previous && !seen.has(at.id)) {
      seen.add(at.id);
      const before = byId.get(at.previous.id);
      if (!before) break;
      at = before;
    }
    return at;
  };
  const chainAddress = new Map<string, string>();
  for (const s of newestFirst) if (s.contact) chainAddress.set(first(s).id, normaliseAddress(s.contact.email));
  const people = new Map<string, PersonLead>();
  for (const s of newestFirst) {
    const key = s.contact ? normaliseAddress(s.contact.email) : (chainAddress.get(first(s).id) ?? `chain:${first(s).id}`);
    const person = people.get(key);
    if (person) {
      person.attempts.push(s);
      person.contact ??= s.contact;
    } else people.set(key, { latest: s, contact: s.contact, attempts: [s] });
  }
  return [...people.values()];
}

/**
 * The leads of a period, one per person who left their details in it: their latest attempt of the period (made in
 * it, or whose details were left in it) stands, with how many such attempts there were. Best first: the grade's
 * points, then the score.
 * @param newestFirst submissions, newest first, reaching back far enough to hold details left later on a results page
 */
export function leadsOfPeriod(newestFirst: StoredSubmission[], from: Date, to: Date): PersonLead[] {
  const inPeriod = (at: string) => at >= from.toISOString() && at < to.toISOString();
  return leadsByPerson(newestFirst)
    .flatMap((person) => {
      const attempts = person.attempts.filter((s) => inPeriod(s.createdAt) || (s.contact && inPeriod(s.contact.at)));
      const [latest] = attempts;
      if (!latest || !attempts.some((s) => s.contact && inPeriod(s.contact.at))) return [];
      return [{ latest, contact: latest.contact ?? person.contact, attempts }];
    })
    .sort((a, b) => b.latest.grade.points - a.latest.grade.points || (b.latest.result.percent ?? -1) - (a.latest.result.percent ?? -1));
}
