import { describe, expect, it } from 'vitest';
import { fakeBackend } from '../../../helpers/backend.ts';
import { jsonPost } from '../../../helpers/events.ts';

const beacon = (body: unknown, headers: Record<string, string> = {}) => ({
  ...jsonPost('/api/events', body),
  headers: { 'content-type': 'application/json', 'x-viewer-ip': '203.0.113.20', ...headers },
});
const step = { step: 'question', assessmentVersion: '2026-11-27.1', entry: 'article:integration-is-not-a-technical-problem', question: 3 };

describe('recordEvent', () => {
  it('counts a step the browser saw by day, version and entry, keeping nothing about the visitor, and answers 204', async () => {
    const { backend, stores, clock } = fakeBackend();
    const response = await backend.events(beacon(step));
    await backend.events(beacon(step));
    expect(response.statusCode).toBe(204);
    expect(response.body ?? '').toBe('');
    const day = clock.now().toISOString().slice(0, 10);
    expect(Object.fromEntries(stores.funnel.counts)).toEqual({
      [`${day}|2026-11-27.1|article:integration-is-not-a-technical-problem|question-3`]: 2,
    });
  });

  it('counts a click to talk and a click to book a call', async () => {
    const { backend, stores, clock } = fakeBackend();
    for (const name of ['talk', 'book', 'book']) {
      expect((await backend.events(beacon({ step: name, assessmentVersion: '2026-11-27.1', entry: 'direct' }))).statusCode).toBe(204);
    }
    const day = clock.now().toISOString().slice(0, 10);
    expect(Object.fromEntries(stores.funnel.counts)).toEqual({
      [`${day}|2026-11-27.1|direct|talk`]: 1,
      [`${day}|2026-11-27.1|direct|book`]: 2,
    });
  });

  it.each([
    ['a step only the server counts', { ...step, step: 'completed' }, 'step'],
    ['an entry that is not one', { ...step, entry: 'SUB#x' }, 'entry'],
    ['a visitor id', { ...step, visitorId: 'abc' }, 'visitorId'],
  ])('refuses %s with 400 naming the field, counting nothing', async (_case, body, field) => {
    const { backend, stores } = fakeBackend();
    const response = await backend.events(beacon(body));
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body ?? '{}').error.problems.map((p: { field: string }) => p.field)).toContain(field);
    expect(stores.funnel.counts.size).toBe(0);
  });

  it.each([
    ['a version the site does not serve', { ...step, assessmentVersion: '2020-01-01.9' }, 'assessmentVersion'],
    ['a question past the last', { ...step, question: 25 }, 'question'],
    ['question 100', { ...step, question: 100 }, 'question'],
    ['a question step without its number', { step: 'question', assessmentVersion: step.assessmentVersion, entry: 'direct' }, 'question'],
    ['a question number on another step', { ...step, step: 'view' }, 'question'],
    ['an article that does not exist', { ...step, entry: 'article:Your invoice is overdue call 0800 123' }, 'entry'],
    ['an article that is a draft', { ...step, entry: 'article:what-a-parallel-run-looks-like' }, 'entry'],
  ])('refuses %s with 400 naming the field, storing nothing', async (_case, body, field) => {
    const { backend, stores } = fakeBackend();
    const response = await backend.events(beacon(body));
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body ?? '{}').error.problems.map((p: { field: string }) => p.field)).toEqual([field]);
    expect(stores.funnel.counts.size).toBe(0);
  });

  it('counts the last question, a campaign and a visit straight to the assessment', async () => {
    const { backend, stores } = fakeBackend();
    for (const body of [
      { ...step, question: 24 },
      { ...step, step: 'view', question: undefined, entry: 'utm:newsletter/winter' },
      { ...step, step: 'start', question: undefined, entry: 'direct' },
    ]) {
      expect((await backend.events(beacon(body))).statusCode).toBe(204);
    }
    expect([...stores.funnel.counts.keys()].map((k) => k.split('|').slice(2).join('|'))).toEqual([
      'article:integration-is-not-a-technical-problem|question-24',
      'utm:newsletter/winter|view',
      'direct|start',
    ]);
  });

  it('refuses, naming the field, an assessment version with anything but letters, digits and . _ : -, and counts nothing', async () => {
    const { backend, stores } = fakeBackend();
    const response = await backend.events(beacon({ ...step, assessmentVersion: '1\u001b]0;pwned\u0007' }));
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body ?? '{}').error.problems.map((p: { field: string }) => p.field)).toEqual(['assessmentVersion']);
    expect(stores.funnel.counts.size).toBe(0);
  });

  it('refuses a beacon from another site, and more than a network may send in an hour', async () => {
    const { backend, stores } = fakeBackend({ settings: { FORM_POSTS_PER_IP_PER_HOUR: 1 } });
    expect((await backend.events(beacon(step, { 'sec-fetch-site': 'cross-site' }))).statusCode).toBe(403);
    const statuses = [];
    for (let i = 0; i < 21; i += 1) statuses.push((await backend.events(beacon(step))).statusCode);
    expect(statuses.filter((s) => s === 204)).toHaveLength(20);
    expect(statuses.at(-1)).toBe(429);
    expect([...stores.funnel.counts.values()]).toEqual([20]);
  });
});
