import { describe, expect, it } from 'vitest';
import { submissionBody } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { formPost, jsonPost } from '../../../helpers/events.ts';

const parse = (body: string | undefined) => JSON.parse(body ?? '{}');

/** A stored submission without contact details, and a way to attach them. */
async function storedResult() {
  const system = fakeBackend();
  const { token } = parse((await system.backend.submissions(jsonPost('/api/submissions', submissionBody()))).body);
  const attach = (body: unknown) =>
    system.backend['results-contact']({ ...jsonPost(`/api/results/${token}/contact`, body), pathParameters: { token } });
  return { ...system, token, attach };
}

describe('leaveContactDetails', () => {
  it('attaches contact once, emails the results and the lead, and treats a repeat as done', async () => {
    const { attach, mailer, stores, token } = await storedResult();
    const first = await attach({ name: 'Hal', email: 'hal@example.com', consent: true });
    expect(first.statusCode).toBe(200);
    expect(parse(first.body)).toEqual({ emailed: true, message: 'Thank you. Your results are on their way to your inbox.' });
    expect((await stores.submissions.get(token.split('.')[0]))?.contact).toMatchObject({
      email: 'hal@example.com',
      consent: { given: true },
    });
    const again = await attach({ name: 'Hal', email: 'hal@example.com', consent: true });
    expect(parse(again.body).emailed).toBe(true);
    expect(mailer.sent.map((e) => e.to[0]).sort()).toEqual(['hal@example.com', 'hello@paradigmai.co']);
  });

  it('refuses another address for the same results with 409, sending nothing more', async () => {
    const { attach, mailer } = await storedResult();
    await attach({ name: 'Hal', email: 'hal@example.com' });
    const other = await attach({ name: 'Hal', email: 'someone@example.com' });
    expect(other.statusCode).toBe(409);
    expect(parse(other.body).error.message).toMatch(/To use another address, take the assessment again/);
    expect(mailer.sent).toHaveLength(2);
  });

  it('says so when results already went to this address within the hour, and still sends the lead', async () => {
    const { backend, attach, mailer } = await storedResult();
    await backend.submissions(jsonPost('/api/submissions', submissionBody({ contact: { name: 'Ivo', email: 'ivo@example.com' } })));
    const answer = await attach({ name: 'Ivo', email: 'ivo@example.com' });
    expect(parse(answer.body)).toMatchObject({ emailed: false, message: expect.stringMatching(/already emailed results/) });
    expect(mailer.to('ivo@example.com')).toHaveLength(1);
    expect(mailer.to('hello@paradigmai.co')).toHaveLength(2);
  });

  it('sends one set of emails when the same details arrive 10 times at once, and every answer says they went out', async () => {
    const { attach, mailer } = await storedResult();
    const answers = await Promise.all(Array.from({ length: 10 }, () => attach({ name: 'Jo', email: 'jo@example.com' })));
    expect(answers.map((a) => parse(a.body).emailed)).toEqual(Array(10).fill(true));
    expect(mailer.sent).toHaveLength(2);
  });

  it('answers a plain HTML form with a 303 back to the results page and its notice', async () => {
    const { backend, token } = await storedResult();
    const response = await backend['results-contact']({
      ...formPost(`/api/results/${token}/contact`, { name: 'Kim', email: 'kim@example.com', company: '', website: '' }),
      pathParameters: { token },
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers?.location).toBe(`/api/results/${encodeURIComponent(token)}?sent=yes`);
  });

  it('answers 404 for a token that opens nothing, storing nothing', async () => {
    const { backend, mailer } = fakeBackend();
    const token = `${'0'.repeat(32)}.${'A'.repeat(32)}`;
    const response = await backend['results-contact']({
      ...jsonPost(`/api/results/${token}/contact`, { name: 'Lu', email: 'lu@example.com' }),
      pathParameters: { token },
    });
    expect(response.statusCode).toBe(404);
    expect(mailer.sent).toEqual([]);
  });
});
