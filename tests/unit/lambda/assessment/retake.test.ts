import { describe, expect, it } from 'vitest';
import { assessment } from '../../../../src/assessment.ts';
import { mixedAnswers, strongestAnswers, submissionBody, weakestAnswers } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { apiEvent, jsonPost } from '../../../helpers/events.ts';
import { ScriptedWebhooks } from '../../../helpers/fakes.ts';

const parse = (body: string | undefined) => JSON.parse(body ?? '{}');
const HOUR = 3_600_000;

describe('Take it again', () => {
  it('gives the previous answers by the results token (no contact data), links the retake and shows the change per category', async () => {
    const { backend } = fakeBackend();
    const first = parse(
      (
        await backend.submissions(
          jsonPost('/api/submissions', submissionBody({ contact: { name: 'Ada Lovelace', email: 'ada@example.com' } })),
        )
      ).body,
    );
    const opened = parse(
      (
        await backend.results({
          ...apiEvent({ method: 'GET', path: `/api/results/${first.token}` }),
          pathParameters: { token: first.token },
        })
      ).body,
    );
    // Prefill: the answers and the answers about the project, and nothing about the person.
    expect(opened.answers).toEqual(mixedAnswers);
    expect(opened.qualifying).toMatchObject({ role: 'decision-maker' });
    expect(JSON.stringify(opened)).not.toMatch(/Ada|ada@example/);
    expect(opened).not.toHaveProperty('previous');

    const retake = parse(
      (await backend.submissions(jsonPost('/api/submissions', submissionBody({ answers: strongestAnswers, retakeOf: first.token })))).body,
    );
    expect(retake.previous).toEqual({
      at: first.takenAt,
      overall: first.result.percent,
      categories: Object.fromEntries(first.result.categories.map((c: { id: string; percent: number }) => [c.id, c.percent])),
    });
    // The page the API renders shows each change in words.
    const page = await backend.results({
      ...apiEvent({ method: 'GET', path: `/api/results/${retake.token}`, headers: { accept: 'text/html' } }),
      pathParameters: { token: retake.token },
    });
    const ownership = first.result.categories.find((c: { id: string }) => c.id === 'ownership');
    expect(page.body).toContain(`since last time ${ownership.percent}% → 100%, +${100 - ownership.percent}`);
    expect(page.body).toContain(`Since your result of 27 Nov: ${first.result.percent}% → 100%, +${100 - first.result.percent}`);
  });

  it('chains: a retake of a retake follows the one before it', async () => {
    const { backend } = fakeBackend();
    const send = async (answers: Record<string, string>, retakeOf?: string) =>
      parse((await backend.submissions(jsonPost('/api/submissions', submissionBody({ answers, ...(retakeOf && { retakeOf }) })))).body);
    const a = await send(weakestAnswers);
    const b = await send(mixedAnswers, a.token);
    const c = await send(strongestAnswers, b.token);
    expect(b.previous.overall).toBe(a.result.percent);
    expect(c.previous.overall).toBe(b.result.percent);
  });

  it('counts an organisation once in the comparison, does not count the prefill as reopening the result, and tells the CRM', async () => {
    const webhooks = new ScriptedWebhooks();
    const { backend, stores } = fakeBackend({ site: { benchmarkMinimum: 1 }, webhooks });
    const send = async (body: Record<string, unknown>) =>
      parse((await backend.submissions(jsonPost('/api/submissions', submissionBody(body)))).body);
    const first = await send({});
    await backend.results({
      ...apiEvent({ method: 'GET', path: `/api/results/${first.token}`, query: { for: 'retake' } }),
      pathParameters: { token: first.token },
    });
    // The retake leaves details: a lead the CRM hears of, with the result it retakes.
    const retake = await send({
      answers: strongestAnswers,
      retakeOf: first.token,
      contact: { name: 'Rae', email: 'rae@example.com', consent: false },
    });
    const other = await send({ answers: weakestAnswers });
    // The retake was compared with the one other organisation, and is not counted as a second.
    expect(retake.benchmark.respondents).toBe(1);
    expect(other.benchmark.respondents).toBe(1);
    const counts = await stores.funnel.countsOn('2026-11-27');
    expect(counts.some((c) => c.step === 'completed')).toBe(true);
    expect(counts.filter((c) => c.step === 'results')).toEqual([]);
    await backend.sweep();
    const retakeEvent = webhooks.delivered.find((e) => e.type === 'lead.created' && e.data.submissionId === retake.token.split('.')[0]);
    expect(retakeEvent?.data.retakeOf).toMatchObject({ submissionId: first.token.split('.')[0], overall: first.result.percent });
  });

  it('counts opening a result again, but not the reload of a result the page has just shown', async () => {
    const { backend, stores } = fakeBackend();
    const first = parse((await backend.submissions(jsonPost('/api/submissions', submissionBody()))).body);
    const open = (query?: Record<string, string>) =>
      backend.results({
        ...apiEvent({ method: 'GET', path: `/api/results/${first.token}`, ...(query && { query }) }),
        pathParameters: { token: first.token },
      });
    await open({ for: 'reload' });
    await open({ for: 'reload' });
    const results = async () => (await stores.funnel.countsOn('2026-11-27')).filter((c) => c.step === 'results');
    expect(await results()).toEqual([]);
    await open();
    expect((await results()).map((c) => c.count)).toEqual([1]);
  });

  it('flags a retake sent faster than a person could answer, as it would a first attempt', async () => {
    const { backend, mailer } = fakeBackend();
    const first = parse((await backend.submissions(jsonPost('/api/submissions', submissionBody()))).body);
    const contact = { name: 'Bot', email: 'bot@example.com', consent: false };
    await backend.submissions(jsonPost('/api/submissions', submissionBody({ retakeOf: first.token, elapsedMs: 3_000, contact })));
    expect(mailer.to('hello@paradigmai.co')[0]?.text).toContain(
      'Time to answer: 3 s: faster than the 20 s a person needs to read the questions, so possibly automated',
    );
  });

  it('treats a forged, mistyped or expired retakeOf as a first attempt, without error', async () => {
    const { backend, clock } = fakeBackend();
    const old = parse((await backend.submissions(jsonPost('/api/submissions', submissionBody()))).body);
    const forged = `${old.token.slice(0, -1)}${old.token.endsWith('A') ? 'B' : 'A'}`;
    for (const retakeOf of [forged, 'not-a-token', '../../etc']) {
      const response = await backend.submissions(jsonPost('/api/submissions', submissionBody({ retakeOf })));
      expect(response.statusCode).toBe(201);
      expect(parse(response.body)).not.toHaveProperty('previous');
    }
    clock.advance(31 * 24 * HOUR);
    const late = await backend.submissions(jsonPost('/api/submissions', submissionBody({ retakeOf: old.token })));
    expect(late.statusCode).toBe(201);
    expect(parse(late.body)).not.toHaveProperty('previous');
  });

  it('links a retake sent without JavaScript from the ?retake= of the page the form was on', async () => {
    const { backend } = fakeBackend();
    const first = parse((await backend.submissions(jsonPost('/api/submissions', submissionBody()))).body);
    const referer = `https://paradigmai.co/assessment/?retake=${encodeURIComponent(first.token)}`;
    const form = new URLSearchParams({ assessmentId: assessment.id, assessmentVersion: assessment.version });
    for (const [id, option] of Object.entries(strongestAnswers)) form.set(`answers.${id}`, option);
    const response = await backend.submissions({
      ...apiEvent({ method: 'POST', path: '/api/submissions', headers: { 'content-type': 'application/x-www-form-urlencoded', referer } }),
      body: form.toString(),
    });
    expect(response.statusCode).toBe(303);
    const token = decodeURIComponent(String(response.headers?.location).split('/').at(-1) ?? '');
    const shown = parse(
      (await backend.results({ ...apiEvent({ method: 'GET', path: `/api/results/${token}` }), pathParameters: { token } })).body,
    );
    expect(shown.previous.overall).toBe(first.result.percent);
  });

  it('tells the consultancy it is the same person’s lead again: "Retake of the 27 Nov result: 46% → 58%", with the changes', async () => {
    const { backend, mailer, clock } = fakeBackend();
    const contact = { name: 'Ada Lovelace', email: 'ada@example.com', company: 'Acme' };
    const first = parse((await backend.submissions(jsonPost('/api/submissions', submissionBody({ contact })))).body);
    clock.advance(2 * HOUR);
    const retake = parse(
      (
        await backend.submissions(
          jsonPost('/api/submissions', submissionBody({ contact, answers: strongestAnswers, retakeOf: first.token })),
        )
      ).body,
    );
    const leads = mailer.to('hello@paradigmai.co');
    expect(leads).toHaveLength(2);
    expect(leads[1]?.subject).toBe(
      `[A] Retake of the 27 Nov result: ${first.result.percent}% → ${retake.result.percent}% · Ada Lovelace (Acme)`,
    );
    expect(leads[1]?.text).toContain('Changes since the last result:');
    // In words, in the consultancy's time zone: when, the consent, and where to start.
    expect(leads[0]?.text).toContain('Submitted: Fri 27 Nov 2026, 09:00');
    expect(leads[0]?.text).toContain('Follow-up: Did not ask for a follow-up email');
    expect(leads[0]?.text).toMatch(/Weakest: Ownership and go-live \(\d+%\)/);
    expect(leads[1]?.text).toMatch(/- Ownership and go-live: \d+% → 100%, \+\d+/);
    // The visitor's own email shows the change too.
    const own = mailer.to('ada@example.com');
    expect(own.at(-1)?.text).toContain(`Since your result of 27 Nov: ${first.result.percent}% → ${retake.result.percent}%`);
  });
});
