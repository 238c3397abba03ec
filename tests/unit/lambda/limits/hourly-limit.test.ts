import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { networkOf } from '../../../../src/lambda/limits/hourly-limit.ts';
import { submissionBody } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { type apiEvent, jsonPost } from '../../../helpers/events.ts';

const from = <E extends ReturnType<typeof apiEvent>>(event: E, ip: string): E => ({
  ...event,
  headers: { ...event.headers, 'x-viewer-ip': ip },
});
const parse = (body: string | undefined) => JSON.parse(body ?? '{}');

describe('networkOf', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:0000:0000:0000:0009', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ])('counts %s as %s', (ip, network) => {
    expect(networkOf(ip)).toBe(network);
  });
});

describe('the hourly limits of every route that writes or sends', () => {
  it('limits contact messages per network, answering 429 and storing nothing more', async () => {
    const { backend, stores, mailer } = fakeBackend({ settings: { FORM_POSTS_PER_IP_PER_HOUR: 3 } });
    const post = () =>
      backend.contact(
        from(
          jsonPost('/api/contact', { id: randomUUID(), name: 'Ada', email: 'ada@example.com', message: `Hi ${randomUUID()}` }),
          '203.0.113.9',
        ),
      );
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await post()).statusCode);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(stores.messages.shelf.kept.size).toBe(3);
    expect(mailer.sent).toHaveLength(3);
  });

  it('limits contact details left after the results per network', async () => {
    const { backend, mailer } = fakeBackend({ settings: { FORM_POSTS_PER_IP_PER_HOUR: 2 } });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      const { token } = parse((await backend.submissions(jsonPost('/api/submissions', submissionBody()))).body);
      const event = from(jsonPost(`/api/results/${token}/contact`, { name: 'Ada', email: `ada${i}@example.com` }), '203.0.113.10');
      statuses.push((await backend['results-contact']({ ...event, pathParameters: { token } })).statusCode);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(mailer.sent).toHaveLength(4);
  });

  it('counts an IPv6 network as one: every address of a /64 shares its limit, the next /64 has its own', async () => {
    const { backend } = fakeBackend({ settings: { SUBMISSIONS_PER_IP_PER_HOUR: 2 } });
    const submit = (ip: string) => backend.submissions(from(jsonPost('/api/submissions', submissionBody()), ip));
    expect((await submit('2001:db8:1:2::1')).statusCode).toBe(201);
    expect((await submit('2001:db8:1:2::2')).statusCode).toBe(201);
    expect((await submit('2001:db8:1:2:ffff::3')).statusCode).toBe(429);
    expect((await submit('2001:db8:1:3::1')).statusCode).toBe(201);
  });
});
