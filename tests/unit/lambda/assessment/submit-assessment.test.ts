import { describe, expect, it } from 'vitest';
import { ServiceUnavailableError } from '../../../../src/lambda/errors.ts';
import { mixedAnswers, submissionBody } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { apiEvent, formPost, jsonPost } from '../../../helpers/events.ts';

const parse = (body: string | undefined) => JSON.parse(body ?? '{}');
const post = (body: unknown, ip = '203.0.113.10', headers: Record<string, string> = {}) => ({
  ...jsonPost('/api/submissions', body),
  headers: { 'content-type': 'application/json', 'x-viewer-ip': ip, ...headers },
});

describe('submitAssessment', () => {
  it('stores one record scored by the server, emails the visitor and the consultancy, and the follow-up only when due', async () => {
    // Prepare
    const { backend, stores, mailer, clock } = fakeBackend();
    const body = submissionBody({ contact: { name: 'Ada Lovelace', email: 'ada@example.com', company: 'Acme', consent: true } });
    // Act
    const response = await backend.submissions(post(body));
    // Assess: the server's score, a token, one record with the version and the consent wording
    expect(response.statusCode).toBe(201);
    const answer = parse(response.body);
    expect(answer).toMatchObject({ contactGiven: true, result: { assessmentVersion: body.assessmentVersion } });
    expect(answer.token).toMatch(new RegExp(`^${body.submissionId}\\.`));
    const stored = await stores.submissions.get(body.submissionId);
    expect(stored?.result.percent).toBe(answer.result.percent);
    expect(stored?.contact?.consent).toMatchObject({ given: true, textVersion: expect.any(String) });
    expect(mailer.to('ada@example.com')).toHaveLength(1);
    expect(mailer.to('ada@example.com')[0]?.text).toMatch(/^Hello Ada,\n/); // by first name only
    const [lead] = mailer.to('hello@paradigmai.co');
    expect(lead?.subject).toMatch(/^\[A\] Lead: Ada Lovelace \(Acme\)/);
    expect(lead?.replyTo).toEqual(['ada@example.com']);
    // The follow-up waits for its day, then goes once.
    await backend.sweep();
    expect(mailer.to('ada@example.com')).toHaveLength(1);
    clock.advance(3 * 86_400_000);
    await backend.sweep();
    await backend.sweep();
    const followUps = mailer.to('ada@example.com').filter((e) => e.headers?.some((h) => h.name === 'List-Unsubscribe'));
    expect(followUps).toHaveLength(1);
  });

  it('queues no follow-up without consent, and no email at all without contact details', async () => {
    const { backend, mailer, clock } = fakeBackend();
    await backend.submissions(post(submissionBody({ contact: { name: 'Bo', email: 'bo@example.com', consent: false } })));
    await backend.submissions(post(submissionBody()));
    clock.advance(4 * 86_400_000);
    await backend.sweep();
    expect(mailer.sent.map((e) => e.to[0]).sort()).toEqual(['bo@example.com', 'hello@paradigmai.co']);
  });

  it('creates one record and one set of emails when 20 copies arrive at once', async () => {
    const { backend, stores, mailer } = fakeBackend();
    const body = submissionBody({ contact: { name: 'Cy', email: 'cy@example.com', consent: false } });
    const responses = await Promise.all(Array.from({ length: 20 }, () => backend.submissions(post(body))));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([...Array(19).fill(200), 201]);
    expect(new Set(responses.map((r) => parse(r.body).token)).size).toBe(1);
    expect(stores.submissions.shelf.kept.size).toBe(1);
    expect(mailer.sent).toHaveLength(2);
  });

  it('answers a repeat with the same result, and the same id with other answers with 409', async () => {
    const { backend } = fakeBackend();
    const body = submissionBody();
    const first = await backend.submissions(post(body));
    const again = await backend.submissions(post(body));
    expect(again.statusCode).toBe(200);
    expect(parse(again.body)).toEqual(parse(first.body));
    const other = await backend.submissions(post({ ...body, answers: { ...mixedAnswers, 'outcome-written': 'no' } }));
    expect(other.statusCode).toBe(409);
    expect(parse(other.body).error.message).toMatch(/different response was already sent/);
  });

  it('finishes, on the visitor retrying, what an attempt interrupted after storing left undone, sending each email once', async () => {
    const { backend, stores, mailer } = fakeBackend();
    const enqueue = stores.outbox.enqueue.bind(stores.outbox);
    stores.outbox.enqueue = async () => {
      throw new ServiceUnavailableError('Our database is busy right now.', 5);
    };
    const body = submissionBody({ contact: { name: 'Di', email: 'di@example.com', consent: false } });
    expect((await backend.submissions(post(body))).statusCode).toBe(503);
    expect(mailer.sent).toEqual([]);
    stores.outbox.enqueue = enqueue;
    expect((await backend.submissions(post(body))).statusCode).toBe(200);
    expect((await backend.submissions(post(body))).statusCode).toBe(200);
    expect(mailer.sent.map((e) => e.to[0]).sort()).toEqual(['di@example.com', 'hello@paradigmai.co']);
  });

  it('scores on the server and refuses any score the client sends', async () => {
    const { backend, stores } = fakeBackend();
    const response = await backend.submissions(post({ ...submissionBody(), percent: 100 }));
    expect(response.statusCode).toBe(400);
    expect(parse(response.body).error.problems).toContainEqual({ field: 'percent', message: expect.stringContaining('not expected') });
    expect(stores.submissions.shelf.kept.size).toBe(0);
  });

  it.each([
    ['answers of the wrong type', { answers: ['plain'] }, 'answers'],
    ['an unknown option', { answers: { 'outcome-written': 'perfect' } }, 'answers.outcome-written'],
    ['an unknown question', { answers: { 'favourite-colour': 'blue' } }, 'answers.favourite-colour'],
    ['another assessment', { assessmentId: 'other' }, 'assessmentId'],
    ['a line break in the name', { contact: { name: 'A\r\nBcc: x@y.z', email: 'a@example.com' } }, 'contact.name'],
    ['a U+2028 in the company', { contact: { name: 'A', company: 'X\u2028Y', email: 'a@example.com' } }, 'contact.company'],
    ['a web address in the name', { contact: { name: 'Win at www.evil.example', email: 'a@example.com' } }, 'contact.name'],
    [
      'a text-direction override in the company',
      { contact: { name: 'A', company: 'Acme \u202Eexe.', email: 'a@example.com' } },
      'contact.company',
    ],
    ['the same qualifying answer twice', { qualifying: { systems: ['erp', 'erp', 'erp'] } }, 'qualifying.systems'],
    ['an over-long local part in the email', { contact: { name: 'A', email: `${'a'.repeat(65)}@example.com` } }, 'contact.email'],
  ])('refuses %s with 400 naming the field, storing nothing', async (_case, override, field) => {
    const { backend, stores, mailer } = fakeBackend();
    const response = await backend.submissions(post(submissionBody(override)));
    expect(response.statusCode).toBe(400);
    expect(parse(response.body).error.problems.map((p: { field: string }) => p.field)).toContain(field);
    expect(stores.submissions.shelf.kept.size).toBe(0);
    expect(mailer.sent).toEqual([]);
  });

  it('takes an upper-case submission id as the same id, and every link it is given works', async () => {
    const { backend, mailer } = fakeBackend();
    const body = submissionBody({ contact: { name: 'Uma', email: 'uma@example.com' } });
    const upper = { ...body, submissionId: body.submissionId.toUpperCase() };
    const { token } = parse((await backend.submissions(post(upper))).body);
    expect(token.startsWith(`${body.submissionId}.`)).toBe(true);
    expect((await backend.submissions(post(body))).statusCode).toBe(200);
    const link = /\/results\/\?t=([^\s"&]+)/.exec(mailer.to('uma@example.com')[0]?.text ?? '')?.[1] ?? '';
    const page = await backend.results({
      ...apiEvent({ method: 'GET', path: '/api/results/x' }),
      pathParameters: { token: decodeURIComponent(link) },
    });
    expect(page.statusCode).toBe(200);
  });

  it('asks for a reload when the assessment changed since the page was opened', async () => {
    const { backend } = fakeBackend();
    const response = await backend.submissions(post(submissionBody({ assessmentVersion: 'old' })));
    expect(response.statusCode).toBe(409);
    expect(parse(response.body).error.message).toMatch(/Reload the page/);
  });

  it('pretends success to a filled honeypot, storing and sending nothing', async () => {
    const { backend, stores, mailer } = fakeBackend();
    const response = await backend.submissions(
      post(submissionBody({ website: 'https://spam.example', contact: { name: 'Bot', email: 'bot@example.com' } })),
    );
    expect(response.statusCode).toBe(201);
    expect(parse(response.body).result.percent).toBeGreaterThan(0);
    expect(stores.submissions.shelf.kept.size).toBe(0);
    expect(mailer.sent).toEqual([]);
  });

  it('keeps answers given very fast, so their link and email form work, and tells the consultancy how long they took', async () => {
    // Prepare: 24 answers in 12 seconds, faster than the 20 s a person needs to read them
    const { backend, mailer } = fakeBackend();
    // Act
    const { token } = parse((await backend.submissions(post(submissionBody({ elapsedMs: 12_000 })))).body);
    const page = await backend.results({ ...apiEvent({ method: 'GET', path: `/api/results/${token}` }), pathParameters: { token } });
    const left = await backend['results-contact']({
      ...jsonPost(`/api/results/${token}/contact`, { name: 'Quick', email: 'quick@example.com' }),
      pathParameters: { token },
    });
    // Assess
    expect(page.statusCode).toBe(200);
    expect(parse(left.body).emailed).toBe(true);
    expect(mailer.to('quick@example.com')).toHaveLength(1);
    expect(mailer.to('hello@paradigmai.co')[0]?.text).toContain(
      'Time to answer: 12 s: faster than the 20 s a person needs to read the questions, so possibly automated',
    );
  });

  it('tells the consultancy how long a person took, whatever the device clock says', async () => {
    const { backend, mailer } = fakeBackend();
    await backend.submissions(post(submissionBody({ elapsedMs: 250_000, contact: { name: 'Slow', email: 'slow@example.com' } })));
    expect(mailer.to('hello@paradigmai.co')[0]?.text).toContain('Time to answer: 4 min 10 s\n');
  });

  it('limits submissions per viewer IP, answering 429 with Retry-After and keeping nothing of a refused one', async () => {
    const { backend, stores, mailer } = fakeBackend({ settings: { SUBMISSIONS_PER_IP_PER_HOUR: 2 } });
    expect((await backend.submissions(post(submissionBody(), '198.51.100.7'))).statusCode).toBe(201);
    expect((await backend.submissions(post(submissionBody(), '198.51.100.7'))).statusCode).toBe(201);
    const limited = await backend.submissions(
      post(submissionBody({ contact: { name: 'Gil', email: 'gil@example.com', consent: true } }), '198.51.100.7'),
    );
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers?.['retry-after'])).toBeGreaterThan(0);
    expect(parse(limited.body).error.message).toMatch(
      /^Too many assessments from your network this hour. Please try again in \d+ minutes\.$/,
    );
    expect(stores.submissions.shelf.kept.size).toBe(2);
    expect(mailer.sent).toEqual([]);
    // Whatever X-Forwarded-For claims; another IP is counted on its own.
    const spoofed = post(submissionBody(), '198.51.100.7', { 'x-forwarded-for': '192.0.2.1' });
    expect((await backend.submissions(spoofed)).statusCode).toBe(429);
    expect((await backend.submissions(post(submissionBody(), '198.51.100.8'))).statusCode).toBe(201);
  });

  it('sends at most one results email per address per hour, says which request sent it, and never loses the lead', async () => {
    const { backend, mailer, clock } = fakeBackend();
    const first = submissionBody({ contact: { name: 'Flo', email: 'flo@example.com' } });
    expect(parse((await backend.submissions(post(first))).body).emailed).toBe(true);
    expect(parse((await backend.submissions(post(first))).body).emailed).toBe(true); // a repeat of the one that sent
    const second = await backend.submissions(post(submissionBody({ contact: { name: 'Flo', email: 'FLO@example.com' } })));
    expect(parse(second.body).emailed).toBe(false);
    expect(mailer.to('flo@example.com').length + mailer.to('FLO@example.com').length).toBe(1);
    expect(mailer.to('hello@paradigmai.co')).toHaveLength(2);
    // An hour later, a repeat of the first does not use up the new hour's results email; a new submission gets it.
    clock.advance(3_600_000);
    await backend.submissions(post(first));
    await backend.submissions(post(submissionBody({ contact: { name: 'Flo', email: 'flo@example.com' } })));
    expect(mailer.to('flo@example.com')).toHaveLength(2);
  });

  it('never answers a plain form with a record another request made, and emails a double-submitted one once', async () => {
    const { backend, stores, mailer } = fakeBackend();
    const fields = {
      assessmentId: 'integration-readiness',
      assessmentVersion: submissionBody().assessmentVersion,
      'answers.outcome-written': 'plain',
      'contact.name': 'Ada',
      'contact.email': 'ada@example.com',
    };
    const first = await backend.submissions(formPost('/api/submissions', fields));
    const again = await backend.submissions(formPost('/api/submissions', fields));
    expect(again.headers?.location).not.toBe(first.headers?.location);
    expect(stores.submissions.shelf.kept.size).toBe(2);
    expect(mailer.sent.map((e) => e.to[0]).sort()).toEqual(['ada@example.com', 'hello@paradigmai.co']);
  });

  it('answers a plain HTML form with a 303 to the results page, which renders without JavaScript', async () => {
    const { backend } = fakeBackend();
    const fields: Record<string, string> = {
      assessmentId: 'integration-readiness',
      assessmentVersion: submissionBody().assessmentVersion,
      'answers.outcome-written': 'plain',
      'answers.outcome-measure': 'target',
      'qualifying.systems': 'crm',
      'contact.name': '',
      'contact.email': '',
      website: '',
    };
    const response = await backend.submissions(formPost('/api/submissions', fields));
    expect(response.statusCode).toBe(303);
    const location = String(response.headers?.location ?? '');
    expect(location).toMatch(/^\/api\/results\/[0-9a-f-]{36}\.[\w-]{32}$/);
    const token = decodeURIComponent(location.split('/').at(-1) ?? '');
    const page = await backend.results({
      ...apiEvent({ method: 'GET', path: location, headers: { accept: 'text/html' } }),
      pathParameters: { token },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Your result');
    expect(page.body).toContain('action="/api/results/');
  });
});
