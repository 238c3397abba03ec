import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A results token: the submission id and a secret, `<id>.<secret>`. Only whoever was given it can open the results. */
export interface ResultsToken {
  id: string;
  secret: string;
}

const TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})\.([A-Za-z0-9_-]{32})$/;

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
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A stable, non-reversible key for an email address (rate limits and the suppression list). */
export const emailKey = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');

/** A stable hash of a JSON-able value with sorted keys (to tell a repeat from a different request). */
export function hashPayload(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([, x]) => x !== undefined)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
}
