import { describe, expect, it } from 'vitest';
import { submissionBody } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { jsonPost } from '../../../helpers/events.ts';

const secret = 's'.repeat(48);

describe('createApiHandler', () => {
  it.each([
    ['no origin secret', {}],
    ['a wrong origin secret', { 'x-origin-secret': 'x'.repeat(48) }],
    ['a secret of another length', { 'x-origin-secret': 'short' }],
  ])('refuses a request with %s (it did not come through CloudFront) with 403, storing nothing', async (_case, headers) => {
    const { backend, store } = fakeBackend({ settings: { ORIGIN_SECRET: secret } });
    const response = await backend.submissions(jsonPost('/api/submissions', submissionBody(), headers));
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body ?? '{}').error.message).toBe('This API is only reachable through the website.');
    expect(store.submissions.size).toBe(0);
  });

  it('answers a request that carries the origin secret', async () => {
    const { backend } = fakeBackend({ settings: { ORIGIN_SECRET: secret } });
    const response = await backend.submissions(jsonPost('/api/submissions', submissionBody(), { 'x-origin-secret': secret }));
    expect(response.statusCode).toBe(201);
  });

  it('logs the detail of an unexpected failure and shows the visitor only a generic message', async () => {
    const { backend, store, log } = fakeBackend();
    store.saveSubmission = async () => {
      throw new Error('table arn:aws:dynamodb:eu-west-2:123:table/x exploded');
    };
    const response = await backend.submissions(jsonPost('/api/submissions', submissionBody()));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('exploded');
    expect(log.entries.find((e) => e.level === 'error')?.extra[0]).toMatchObject({ status: 500, error: expect.any(Error) });
  });
});
