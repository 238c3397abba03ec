import type { StoredSubmission } from '../records.ts';
import type { Submissions } from './submissions.ts';

/** How many linked attempts are read at most: far more than a person retakes, few enough to bound the reads. */
const MOST_ATTEMPTS = 50;

/**
 * The newest attempt that follows a submission by "Take it again" (a retake of it, of a retake of it, and so on), or
 * null when none does (or all have expired). A retake links to the result it was taken from, so this reads forwards
 * from the submission only: it never reaches an attempt that was not taken from one of its results.
 */
export async function latestLinkedAttempt(
  submissions: Pick<Submissions, 'get' | 'retakesOf'>,
  id: string,
): Promise<StoredSubmission | null> {
  let latest: StoredSubmission | null = null;
  const seen = new Set([id]);
  const waiting = [id];
  while (waiting.length > 0 && seen.size <= MOST_ATTEMPTS) {
    const from = waiting.shift() as string;
    for (const retakeId of await submissions.retakesOf(from)) {
      if (seen.has(retakeId)) continue;
      seen.add(retakeId);
      const retake = await submissions.get(retakeId);
      if (!retake) continue;
      waiting.push(retakeId);
      if (!latest || retake.createdAt > latest.createdAt) latest = retake;
    }
  }
  return latest;
}
