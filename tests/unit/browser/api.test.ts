import { afterEach, describe, expect, it, vi } from 'vitest';
import { callApi } from '../../../src/browser/api.ts';

/** A fetch that answers with the given responses in turn, and records what was sent. */
function answers(...responses: Response[]) {
  const fetch = vi.fn(async (_url: string, _init?: RequestInit) => responses.shift() ?? new Response('{}', { status: 500 }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('callApi', () => {
  it('sends the same request once more when the database was busy, and gives the visitor its answer', async () => {
    const fetch = answers(
      json(503, { error: { code: 'unavailable', message: 'busy' } }, { 'retry-after': '0' }),
      json(201, { token: 't' }),
    );
    const answer = await callApi('/api/submissions', { submissionId: 'same' });
    expect(answer).toMatchObject({ ok: true, body: { token: 't' } });
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(fetch.mock.calls[1]?.[1]?.body).toBe(fetch.mock.calls[0]?.[1]?.body);
  });

  it.each([
    ['a 503 asking for a long wait', json(503, { error: { code: 'unavailable', message: 'busy' } }, { 'retry-after': '60' })],
    ['a 429', json(429, { error: { code: 'rate_limited', message: 'Too many assessments' } }, { 'retry-after': '0' })],
    ['a 400', json(400, { error: { code: 'invalid_request', message: 'Some fields need attention.', problems: [] } })],
  ])('shows %s as it is, without sending again', async (_case, response) => {
    const fetch = answers(response);
    const answer = await callApi('/api/contact', { id: 'x' });
    expect(answer.ok).toBe(false);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('explains a network failure instead of throwing', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await callApi('/api/contact', {})).toMatchObject({ ok: false, status: 0, error: { message: /check your connection/ } });
  });
});
