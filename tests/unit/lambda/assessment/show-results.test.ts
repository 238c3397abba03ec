import { describe, expect, it } from 'vitest';
import { submissionBody } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { apiEvent, jsonPost } from '../../../helpers/events.ts';

const parse = (body: string | undefined) => JSON.parse(body ?? '{}');

/** The same token with its secret's last character changed (always to a different one). */
const withWrongSecret = (token: string) => `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;

describe('showResults', () => {
  it('returns the stored result without contact data, and 404 for a wrong secret, a malformed token or once expired', async () => {
    const { backend, clock } = fakeBackend();
    const body = submissionBody({ contact: { name: 'Gus', email: 'gus@example.com' } });
    const { token } = parse((await backend.submissions(jsonPost('/api/submissions', body))).body);
    const get = (t: string) => backend.results({ ...apiEvent({ method: 'GET', path: `/api/results/${t}` }), pathParameters: { token: t } });

    const found = await get(token);
    expect(found.statusCode).toBe(200);
    expect(found.body).not.toContain('gus@example.com');
    expect(found.body).not.toContain('Gus');
    expect(parse(found.body)).toMatchObject({ token, contactGiven: true, result: { percent: expect.any(Number) } });
    for (const bad of [withWrongSecret(token), token.slice(0, 20), 'x']) {
      const missing = await get(bad);
      expect(missing.statusCode).toBe(404);
      expect(parse(missing.body).error.message).toMatch(/expired or the link is not complete/);
    }
    clock.advance(31 * 86_400_000);
    expect((await get(token)).statusCode).toBe(404);
  });

  it('renders a page for a browser without JavaScript, with the notice the email form asked for', async () => {
    const { backend } = fakeBackend();
    const { token } = parse((await backend.submissions(jsonPost('/api/submissions', submissionBody()))).body);
    const page = await backend.results({
      ...apiEvent({ method: 'GET', path: `/api/results/${token}`, headers: { accept: 'text/html' }, query: { sent: 'limited' } }),
      pathParameters: { token },
    });
    expect(page.headers?.['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('We already emailed results to this address within the hour');
    expect(page.body).toContain('<form class="form" method="post"');
  });

  it('answers 405 with Allow for a POST', async () => {
    const { backend } = fakeBackend();
    const response = await backend.results(apiEvent({ method: 'POST', path: '/api/results/x' }));
    expect(response.statusCode).toBe(405);
    expect(response.headers?.allow).toBe('GET');
  });
});
