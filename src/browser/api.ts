import type { ApiErrorBody, FieldProblem } from '../quiz/api-contract.ts';

/** What a JSON call to the API answered: the body when OK, otherwise the error's message and problems. */
export type ApiAnswer<T> = { ok: true; body: T } | { ok: false; status: number; error: { message: string; problems: FieldProblem[] } };

const OFFLINE = 'We could not reach the server: check your connection and try again.';

/** POSTs JSON (or GETs when `body` is undefined) and reads the JSON answer; never throws. */
export async function callApi<T>(url: string, body?: unknown): Promise<ApiAnswer<T>> {
  try {
    const response = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json().catch(() => ({}))) as T & Partial<ApiErrorBody>;
    if (response.ok) return { ok: true, body: json };
    const retry = response.headers.get('retry-after');
    const fallback = retry
      ? `Too many requests right now. Please try again in ${retry} seconds.`
      : 'Something went wrong. Please try again.';
    return {
      ok: false,
      status: response.status,
      error: { message: json.error?.message ?? fallback, problems: json.error?.problems ?? [] },
    };
  } catch {
    return { ok: false, status: 0, error: { message: OFFLINE, problems: [] } };
  }
}
