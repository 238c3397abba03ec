import { describe, expect, it } from 'vitest';
import { submissionBody } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { apiEvent, formPost, jsonPost } from '../../../helpers/events.ts';

const parse = (body: string | undefined) => JSON.parse(body ?? '{}');

describe('the steps the server counts itself', () => {
  it('counts a completion, contact details, a reopened result, the follow-up sent and an unsubscribe, each once', async () => {
    // Prepare
    const { backend, stores, clock } = fakeBackend();
    const body = submissionBody({ source: { utm_source: 'newsletter', utm_campaign: 'winter' } });
    // Act: a visitor submits (twice: a repeat), reopens, leaves details, gets the follow-up, unsubscribes twice
    const { token } = parse((await backend.submissions(jsonPost('/api/submissions', body))).body);
    await backend.submissions(jsonPost('/api/submissions', body));
    await backend.results({ ...apiEvent({ method: 'GET', path: `/api/results/${token}` }), pathParameters: { token } });
    await backend['results-contact']({
      ...jsonPost(`/api/results/${token}/contact`, { name: 'Ada', email: 'ada@example.com', consent: true }),
      pathParameters: { token },
    });
    const day = clock.now().toISOString().slice(0, 10);
    clock.advance(3 * 86_400_000);
    await backend.sweep();
    await backend.unsubscribe(apiEvent({ method: 'POST', path: '/api/unsubscribe', query: { t: token } }));
    await backend.unsubscribe(apiEvent({ method: 'POST', path: '/api/unsubscribe', query: { t: token } }));
    // Assess
    const later = clock.now().toISOString().slice(0, 10);
    const version = body.assessmentVersion;
    expect(Object.fromEntries(stores.funnel.counts)).toEqual({
      [`${day}|${version}|utm:newsletter/winter|completed`]: 1,
      [`${day}|${version}|utm:newsletter/winter|results`]: 1,
      [`${day}|${version}|utm:newsletter/winter|contact`]: 1,
      [`${later}|${version}|utm:newsletter/winter|follow-up-sent`]: 1,
      [`${later}|${version}|utm:newsletter/winter|unsubscribed`]: 1,
    });
  });

  it('counts a completion without JavaScript apart (its visitor was never counted starting), under the article the plain form was opened from', async () => {
    const { backend, stores } = fakeBackend();
    const fields = {
      assessmentId: 'integration-readiness',
      assessmentVersion: submissionBody().assessmentVersion,
      'answers.outcome-written': 'plain',
    };
    await backend.submissions({
      ...formPost('/api/submissions', fields),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        referer: 'https://paradigmai.co/assessment/?from=why-your-next-hire-should-be-a-system',
      },
    });
    expect([...stores.funnel.counts.keys()]).toEqual([
      expect.stringMatching(/\|article:why-your-next-hire-should-be-a-system\|completed-without-script$/),
    ]);
  });

  it('never fails a request because its step could not be counted', async () => {
    const { backend, stores, log } = fakeBackend();
    stores.funnel.count = async () => {
      throw new Error('Rate exceeded');
    };
    expect((await backend.submissions(jsonPost('/api/submissions', submissionBody()))).statusCode).toBe(201);
    expect(log.entries.some((e) => e.message === 'funnel step not counted')).toBe(true);
  });
});
