import { describe, expect, it } from 'vitest';
import type { OutgoingEmail } from '../../../../src/lambda/ports.ts';
import { normaliseAddress } from '../../../../src/lambda/records.ts';
import { submissionBody } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { apiEvent, jsonPost } from '../../../helpers/events.ts';

const DAY = 86_400_000;
const parse = (body: string | undefined) => JSON.parse(body ?? '{}');
const from = (ip: string, body: unknown) => ({
  ...jsonPost('/api/submissions', body),
  headers: { 'content-type': 'application/json', 'x-viewer-ip': ip },
});
/** Emails that went to one inbox, whatever form of its address they were sent to. */
const inbox = (sent: OutgoingEmail[], address: string) => sent.filter((e) => e.to.some((to) => normaliseAddress(to) === address));
const followUps = (sent: OutgoingEmail[]) => sent.filter((e) => e.headers?.length);

describe('emails to one visitor inbox', () => {
  it('sends one follow-up however many times the address consents, the latest', async () => {
    // Prepare
    const { backend, mailer, clock } = fakeBackend();
    // Act: five submissions with consent for the same inbox, an hour apart
    for (let i = 0; i < 5; i += 1) {
      await backend.submissions(
        jsonPost('/api/submissions', submissionBody({ contact: { name: `V${i}`, email: 'victim@example.net', consent: true } })),
      );
      clock.advance(3_600_000);
    }
    clock.advance(3 * DAY);
    await backend.sweep();
    // Assess
    const received = followUps(inbox(mailer.sent, 'victim@example.net'));
    expect(received).toHaveLength(1);
    expect(received[0]?.text).toMatch(/^Hello V4,/);
  });

  it('keeps the latest follow-up when an older request is sent again', async () => {
    const { backend, mailer, clock } = fakeBackend();
    const older = submissionBody({ contact: { name: 'Old', email: 'victim@example.net', consent: true } });
    await backend.submissions(jsonPost('/api/submissions', older));
    clock.advance(3_600_000);
    await backend.submissions(
      jsonPost('/api/submissions', submissionBody({ contact: { name: 'New', email: 'victim@example.net', consent: true } })),
    );
    clock.advance(3_600_000);
    await backend.submissions(jsonPost('/api/submissions', older)); // the older page resends its request
    clock.advance(3 * DAY);
    await backend.sweep();
    const received = followUps(inbox(mailer.sent, 'victim@example.net'));
    expect(received.map((e) => e.text.split(',')[0])).toEqual(['Hello New']);
  });

  it('counts every form of an address as one inbox: one results email an hour for victim, Victim and victim+tag', async () => {
    const { backend, mailer } = fakeBackend();
    for (const email of [
      'victim@example.net',
      'Victim@Example.net',
      'victim+1@example.net',
      'victim+2@example.net',
      'VICTIM+3@example.net',
    ]) {
      await backend.submissions(jsonPost('/api/submissions', submissionBody({ contact: { name: 'V', email } })));
    }
    expect(inbox(mailer.sent, 'victim@example.net')).toHaveLength(1);
    expect(mailer.to('hello@paradigmai.co')).toHaveLength(5); // every lead still reaches the consultancy
  });

  it('sends nothing of any kind to an address that unsubscribed, and says so to whoever leaves it again', async () => {
    const { backend, mailer, clock } = fakeBackend();
    const contact = { name: 'Una', email: 'una@example.net', consent: true };
    const { token } = parse((await backend.submissions(jsonPost('/api/submissions', submissionBody({ contact })))).body);
    await backend.unsubscribe(apiEvent({ method: 'POST', path: '/api/unsubscribe', query: { t: token } }));
    clock.advance(2 * 3_600_000);
    await backend.submissions(jsonPost('/api/submissions', submissionBody({ contact: { ...contact, email: 'Una+again@example.net' } })));
    const later = parse((await backend.submissions(jsonPost('/api/submissions', submissionBody()))).body);
    const answer = await backend['results-contact']({
      ...jsonPost(`/api/results/${later.token}/contact`, { name: 'Una', email: 'una@example.net', consent: true }),
      pathParameters: { token: later.token },
    });
    clock.advance(4 * DAY);
    await backend.sweep();
    expect(inbox(mailer.sent, 'una@example.net')).toHaveLength(1); // the results, before she unsubscribed
    expect(parse(answer.body)).toMatchObject({ emailed: false, message: expect.stringMatching(/asked us to stop emailing it/) });
    expect(mailer.to('hello@paradigmai.co')).toHaveLength(3);
  });

  it('lets no refused request use up the hour: a submission refused by the per-IP limit leaves the results email for the next', async () => {
    const { backend, mailer } = fakeBackend({ settings: { SUBMISSIONS_PER_IP_PER_HOUR: 1 } });
    const contact = { name: 'Ro', email: 'ro@example.net' };
    await backend.submissions(from('198.51.100.9', submissionBody()));
    expect((await backend.submissions(from('198.51.100.9', submissionBody({ contact })))).statusCode).toBe(429);
    const conflict = submissionBody();
    await backend.submissions(from('198.51.100.10', conflict));
    expect((await backend.submissions(from('198.51.100.12', { ...conflict, contact }))).statusCode).toBe(409);
    expect((await backend.submissions(from('198.51.100.11', submissionBody({ contact })))).statusCode).toBe(201);
    expect(mailer.to('ro@example.net')).toHaveLength(1);
  });
});
