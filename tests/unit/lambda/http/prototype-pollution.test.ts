import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { submissionBody } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { apiEvent, jsonPost } from '../../../helpers/events.ts';

const POLLUTING = [
  '__proto__.x=1',
  '__proto__.BccAddresses=evil%40example.com',
  'constructor.prototype.ProjectionExpression=pk',
  'contact.__proto__.admin=1',
];

afterEach(() => {
  // Should a test fail, leave no pollution behind for the next.
  for (const key of ['x', 'BccAddresses', 'ProjectionExpression', 'admin']) delete (Object.prototype as Record<string, unknown>)[key];
});

describe('a form body that tries to change Object.prototype', () => {
  it('is refused with 400 by every route, changes nothing global, and every route still answers valid requests', async () => {
    // Prepare
    const { backend } = fakeBackend();
    const { token } = JSON.parse((await backend.submissions(jsonPost('/api/submissions', submissionBody()))).body ?? '{}');
    const form = (path: string, body: string, extra: Partial<Parameters<typeof apiEvent>[0]> = {}) =>
      apiEvent({ path, body, contentType: 'application/x-www-form-urlencoded', ...extra });
    const targets = [
      { name: 'contact', call: (body: string) => backend.contact(form('/api/contact', body)) },
      { name: 'submissions', call: (body: string) => backend.submissions(form('/api/submissions', body)) },
      {
        name: 'results-contact',
        call: (body: string) => backend['results-contact']({ ...form(`/api/results/${token}/contact`, body), pathParameters: { token } }),
      },
      { name: 'unsubscribe', call: (body: string) => backend.unsubscribe(form('/api/unsubscribe', body, { query: { t: token } })) },
    ];
    // Act
    for (const target of targets) {
      for (const body of POLLUTING) {
        const response = await target.call(body);
        // Assess
        expect(response.statusCode, `${target.name} ${body}`).toBe(400);
        expect(response.body).toContain('may not be named');
      }
    }
    expect(
      Object.getOwnPropertyNames(Object.prototype).filter((k) => ['x', 'BccAddresses', 'ProjectionExpression', 'admin'].includes(k)),
    ).toEqual([]);
    const valid = [
      await backend.contact(jsonPost('/api/contact', { id: randomUUID(), name: 'Ada', email: 'ada@example.com', message: 'Still here?' })),
      await backend.submissions(jsonPost('/api/submissions', submissionBody())),
      await backend.results({ ...apiEvent({ method: 'GET', path: `/api/results/${token}` }), pathParameters: { token } }),
      await backend['results-contact']({
        ...jsonPost(`/api/results/${token}/contact`, { name: 'Ada', email: 'ada@example.com' }),
        pathParameters: { token },
      }),
      await backend.unsubscribe(apiEvent({ method: 'POST', path: '/api/unsubscribe', query: { t: token } })),
    ];
    expect(valid.map((r) => r.statusCode)).toEqual([201, 201, 200, 200, 200]);
  });

  it('is as harmless in JSON: a "__proto__" key is an unexpected field, not a prototype', async () => {
    const { backend } = fakeBackend();
    const response = await backend.contact(
      jsonPost('/api/contact', JSON.parse('{"name":"Ada","email":"ada@example.com","message":"Hi","__proto__":{"x":1}}')),
    );
    expect(response.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
