import type { ApiErrorBody, FieldProblem } from '../quiz/api-contract.ts';

/** What a JSON call to the API answered: the body when OK, otherwise the error's message and problems. */
export type ApiAnswer<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; retryAfterSeconds: number | null; error: { message: string; problems: FieldProblem[] } };

const OFFLINE = 'We could not reach the server: check your connection and try again.';

/** The longest Retry-After worth waiting for before giving the visitor the error instead. */
const LONGEST_AUTOMATIC_WAIT_SECONDS = 10;

/** One call: POSTs JSON (or GETs when `body` is undefined) and reads the JSON answer; never throws. */
async function callOnce<T>(url: string, body?: unknown): Promise<ApiAnswer<T>> {
  try {
    const response = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json().catch(() => ({}))) as T & Partial<ApiErrorBody>;
    if (response.ok) return { ok: true, status: response.status, body: json };
    const retry = response.headers.get('retry-after');
    const fallback = retry
      ? `Too many requests right now. Please try again in ${retry} seconds.`
      : 'Something went wrong. Please try again.';
    return {
      ok: false,
      status: response.status,
      retryAfterSeconds: retry === null ? null : Number(retry),
      error: { message: json.error?.message ?? fallback, problems: json.error?.problems ?? [] },
    };
  } catch {
    return { ok: false, status: 0, retryAfterSeconds: null, error: { message: OFFLINE, problems: [] } };
  }
}

/**
 * Calls the API; when it answers 503 (the database was busy) with a short Retry-After, waits and sends the same
 * request once more. Every request the site sends carries its id, so sending it again is always safe, and it lets
 * the server finish what the busy attempt left undone.
 */
export async function callApi<T>(url: string, body?: unknown): Promise<ApiAnswer<T>> {
  const first = await callOnce<T>(url, body);
  const wait = first.ok ? null : first.retryAfterSeconds;
  if (first.status !== 503 || wait === null || !(wait <= LONGEST_AUTOMATIC_WAIT_SECONDS)) return first;
  await new Promise((resolve) => setTimeout(resolve, wait * 1000));
  return callOnce<T>(url, body);
}
