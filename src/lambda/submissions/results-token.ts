import { randomBytes, timingSafeEqual } from 'node:crypto';
import { NotFoundError } from '../errors.ts';
import type { StoredSubmission } from '../records.ts';
import type { Submissions } from './submissions.ts';

/** A results token: the submission id and a secret, `<id>.<secret>`. Only whoever was given it can open the results. */
export interface ResultsToken {
  id: string;
  secret: string;
}

// The id part also takes upper-case hex: records stored before ids were lower-cased at the edge keep working links.
const TOKEN = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-9a-fA-F]{32})\.([A-Za-z0-9_-]{32})$/;

const NOT_FOUND =
  'These results have expired or the link is not complete. Check that you copied the whole link, or take the assessment again.';

/** A new unguessable secret (192 random bits). */
export const newSecret = () => randomBytes(24).toString('base64url');

/** Joins id and secret into the token used in links. */
export const formatToken = (token: ResultsToken) => `${token.id}.${token.secret}`;

/** Reads a token from a URL, or null when it is not one. */
export function parseToken(raw: string | undefined): ResultsToken | null {
  const match = TOKEN.exec(raw ?? '');
  return match?.[1] && match[2] ? { id: match[1], secret: match[2] } : null;
}

/** Compares secrets in constant time. */
function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Finds the submission a token opens, or throws 404 (a wrong secret looks exactly like a missing result). */
export async function findSubmissionByToken(raw: string | undefined, submissions: Pick<Submissions, 'get'>): Promise<StoredSubmission> {
  const token = parseToken(raw);
  const submission = token ? await submissions.get(token.id) : null;
  if (!token || !submission || !sameSecret(submission.secret, token.secret)) throw new NotFoundError(NOT_FOUND);
  return submission;
}

/** The address that unsubscribes the owner of a results token (GET shows a button; POST unsubscribes). */
export const unsubscribeUrl = (siteUrl: string, token: string) => `${siteUrl}/api/unsubscribe?t=${encodeURIComponent(token)}`;
