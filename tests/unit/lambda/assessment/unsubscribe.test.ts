import { describe, expect, it } from 'vitest';
import { submissionBody } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { apiEvent, jsonPost } from '../../../helpers/events.ts';

const parse = (body: string | undefined) => JSON.parse(body ?? '{}');

describe('unsubscribe', () => {
  it('shows a button on GET, unsubscribes on a one-click POST (twice is fine), and the follow-up is then skipped', async () => {
    const { backend, mailer, clock, log, stores } = fakeBackend();
    const body = submissionBody({ contact: { name: 'Ivy', email: 'ivy@example.com', consent: true } });
    const { token } = parse((await backend.submissions(jsonPost('/api/submissions', body))).body);
    const event = (method: string, form?: string) =>
      apiEvent({
        method,
        path: '/api/unsubscribe',
        query: { t: token },
        ...(form ? { body: form, contentType: 'application/x-www-form-urlencoded' } : {}),
      });

    const shown = await backend.unsubscribe(event('GET'));
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('<form method="post"');
    expect((await stores.submissions.get(body.submissionId))?.unsubscribedAt).toBeUndefined();
    expect((await backend.unsubscribe(event('POST', 'List-Unsubscribe=One-Click'))).statusCode).toBe(200);
    expect((await backend.unsubscribe(event('POST', 'List-Unsubscribe=One-Click'))).statusCode).toBe(200);
    expect((await backend.unsubscribe(event('GET'))).body).toContain('You are unsubscribed');

    clock.advance(4 * 86_400_000);
    await backend.sweep();
    expect(mailer.to('ivy@example.com')).toHaveLength(1); // the results only
    expect(log.entries.some((e) => e.message === 'outbox item skipped' && e.extra[0]?.reason === 'the address unsubscribed')).toBe(true);
  });

  it('skips the follow-up of an earlier submission once the address unsubscribed from a later one', async () => {
    const { backend, mailer, clock } = fakeBackend();
    const contact = { name: 'Ivy', email: 'ivy@example.com', consent: true };
    await backend.submissions(jsonPost('/api/submissions', submissionBody({ contact })));
    const { token } = parse((await backend.submissions(jsonPost('/api/submissions', submissionBody({ contact })))).body);
    await backend.unsubscribe(apiEvent({ method: 'POST', path: '/api/unsubscribe', query: { t: token } }));
    clock.advance(4 * 86_400_000);
    await backend.sweep();
    expect(mailer.to('ivy@example.com').filter((e) => e.headers?.length)).toEqual([]);
  });

  it('answers 404 for a link that opens nothing', async () => {
    const { backend } = fakeBackend();
    const response = await backend.unsubscribe(
      apiEvent({ method: 'GET', path: '/api/unsubscribe', query: { t: 'nope' }, headers: { accept: 'text/html' } }),
    );
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('expired or the link is not complete');
  });
});
