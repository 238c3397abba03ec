import { describe, expect, it } from 'vitest';
import { submissionBody } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { formPost, jsonPost } from '../../../helpers/events.ts';

const secret = 's'.repeat(48);

describe('createApiHandler', () => {
  it.each([
    ['no origin secret', {}],
    ['a wrong origin secret', { 'x-origin-secret': 'x'.repeat(48) }],
    ['a secret of another length', { 'x-origin-secret': 'short' }],
  ])('refuses a request with %s (it did not come through CloudFront) with 403, storing nothing', async (_case, headers) => {
    const { backend, stores } = fakeBackend({ settings: { ORIGIN_SECRET: secret } });
    const response = await backend.submissions(jsonPost('/api/submissions', submissionBody(), headers));
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body ?? '{}').error.message).toBe('This API is only reachable through the website.');
    expect(stores.submissions.shelf.kept.size).toBe(0);
  });

  it('answers a request that carries the origin secret', async () => {
    const { backend } = fakeBackend({ settings: { ORIGIN_SECRET: secret } });
    const response = await backend.submissions(jsonPost('/api/submissions', submissionBody(), { 'x-origin-secret': secret }));
    expect(response.statusCode).toBe(201);
  });

  it.each([
    ['an Origin of another site', { origin: 'https://evil.example' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site (a neighbour subdomain)', { 'sec-fetch-site': 'same-site', origin: 'https://paradigmai.co' }],
    ['a sandboxed page (Origin: null)', { origin: 'null' }],
    [
      'another site, by an older browser on the CloudFront domain',
      { origin: 'https://evil.example', 'x-viewer-host': 'd111.cloudfront.net' },
    ],
  ])('refuses a form posted from %s with 403, storing and sending nothing', async (_case, headers) => {
    const { backend, stores, mailer } = fakeBackend();
    const fields = { name: 'Ada', email: 'ada@example.com', message: 'Sent from elsewhere' };
    const response = await backend.contact({
      ...formPost('/api/contact', fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('sent from another website');
    expect(stores.messages.shelf.kept.size).toBe(0);
    expect(mailer.sent).toEqual([]);
  });

  it.each([
    ['this site', { origin: 'https://paradigmai.co', 'sec-fetch-site': 'same-origin' }],
    ['this site, by an older browser', { origin: 'https://paradigmai.co' }],
    [
      'the CloudFront domain before the site has its own, by an older browser',
      { origin: 'https://d111.cloudfront.net', 'x-viewer-host': 'd111.cloudfront.net' },
    ],
    ['a script or a mail server (no Origin)', {}],
  ])('accepts a form posted from %s', async (_case, headers) => {
    const { backend } = fakeBackend();
    const response = await backend.contact({
      ...formPost('/api/contact', { name: 'Ada', email: 'ada@example.com', message: 'Hello' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
    expect(response.statusCode).toBe(303);
  });

  it('logs the detail of an unexpected failure and shows the visitor only a generic message', async () => {
    const { backend, stores, log } = fakeBackend();
    stores.submissions.save = async () => {
      throw new Error('table arn:aws:dynamodb:eu-west-2:123:table/x exploded');
    };
    const response = await backend.submissions(jsonPost('/api/submissions', submissionBody()));
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('exploded');
    expect(log.entries.find((e) => e.level === 'error')?.extra[0]).toMatchObject({ status: 500, error: expect.any(Error) });
  });
});
