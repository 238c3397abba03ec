import { describe, expect, it } from 'vitest';
import { assessment } from '../../../../src/assessment.ts';
import { mixedAnswers, strongestAnswers, submissionBody, weakestAnswers } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { apiEvent, jsonPost } from '../../../helpers/events.ts';

const parse = (body: string | undefined) => JSON.parse(body ?? '{}');
const answerSets = [weakestAnswers, mixedAnswers, strongestAnswers];

/** A backend where `others` people already took the assessment, each from a network of its own, a third each weak, mixed and strong. */
async function withOthers(others: number) {
  const setup = fakeBackend();
  for (let i = 0; i < others; i += 1) {
    const from = { 'x-viewer-ip': `198.51.100.${i + 1}` };
    await setup.backend.submissions(jsonPost('/api/submissions', submissionBody({ answers: answerSets[i % 3] }), from));
  }
  return setup;
}

const results = (token: string, accept = 'application/json') => ({
  ...apiEvent({ method: 'GET', path: `/api/results/${token}`, headers: { accept } }),
  pathParameters: { token },
});

describe('a result compared with the others who took the assessment', () => {
  it('is not shown while only 29 others have answered (the minimum is 30): no benchmark key at all', async () => {
    const { backend } = await withOthers(29);
    const response = parse((await backend.submissions(jsonPost('/api/submissions', submissionBody({ answers: mixedAnswers })))).body);
    expect(response).not.toHaveProperty('benchmark');
    expect(parse((await backend.results(results(response.token))).body)).not.toHaveProperty('benchmark');
  });

  it('is shown from 30 others: in the answer, the results API, the page without JavaScript and both emails', async () => {
    // Prepare
    const { backend, mailer } = await withOthers(30);
    const contact = { name: 'Ada', email: 'ada@example.com', consent: false };
    // Act
    const response = parse(
      (await backend.submissions(jsonPost('/api/submissions', submissionBody({ answers: mixedAnswers, contact })))).body,
    );
    // Assess: 10 of the 30 scored the weakest and 10 the same, so 33% are below this mixed result.
    expect(response.benchmark).toMatchObject({ respondents: 30, overall: 33 });
    expect(Object.keys(response.benchmark.categories).sort()).toEqual(assessment.categories.map((c) => c.id).sort());
    const reopened = parse((await backend.results(results(response.token))).body);
    expect(reopened.benchmark).toEqual(response.benchmark);
    const page = (await backend.results(results(response.token, 'text/html'))).body ?? '';
    expect(page).toContain('You are ahead of 33% of the 30 organisations that took this assessment.');
    expect(page).toMatch(/ahead of \d+% of others/);
    const sentence = 'You are ahead of 33% of the 30 organisations that took this assessment.';
    expect(mailer.to('ada@example.com')[0]?.text).toContain(sentence);
    expect(mailer.to('hello@paradigmai.co').at(-1)?.text).toContain('Compared: ahead of 33% of 30 respondents');
  });

  it('counts each stored submission once: a repeat and a discarded automated one are not counted', async () => {
    const { backend, stores } = await withOthers(3);
    const body = submissionBody();
    await backend.submissions(jsonPost('/api/submissions', body));
    await backend.submissions(jsonPost('/api/submissions', body));
    await backend.submissions(jsonPost('/api/submissions', submissionBody({ website: 'https://spam.example' })));
    const histogram = await stores.histograms.histogram(assessment.version);
    expect(histogram.respondents).toBe(4);
    expect(
      Object.entries(histogram)
        .filter(([bucket]) => bucket.startsWith('overall#'))
        .reduce((n, [, count]) => n + count, 0),
    ).toBe(4);
  });

  it('cannot be bought: answers faster than a person reads are not counted, nor more than three a day from one network', async () => {
    // Prepare: a victim's comparison rests on 30 honest others.
    const { backend, stores, clock } = await withOthers(30);
    // Act: one network sends 25 answers in no time, then 10 slow ones; the next day, 10 more.
    for (let i = 0; i < 25; i += 1) {
      await backend.submissions(jsonPost('/api/submissions', submissionBody({ answers: strongestAnswers, elapsedMs: 0 })));
    }
    for (let i = 0; i < 10; i += 1) {
      await backend.submissions(jsonPost('/api/submissions', submissionBody({ answers: strongestAnswers, elapsedMs: 60_000 })));
    }
    const sameDay = (await stores.histograms.histogram(assessment.version)).respondents;
    clock.advance(86_400_000);
    for (let i = 0; i < 10; i += 1) {
      await backend.submissions(jsonPost('/api/submissions', submissionBody({ answers: strongestAnswers, elapsedMs: 60_000 })));
    }
    // Assess
    expect(sameDay).toBe(33);
    expect((await stores.histograms.histogram(assessment.version)).respondents).toBe(36);
  });

  it('never fails a submission when the histogram cannot be read or written', async () => {
    const { backend, stores } = fakeBackend();
    stores.histograms.histogram = async () => {
      throw new Error('Rate exceeded');
    };
    stores.histograms.countRespondent = async () => {
      throw new Error('Rate exceeded');
    };
    const response = await backend.submissions(jsonPost('/api/submissions', submissionBody()));
    expect(response.statusCode).toBe(201);
    expect(parse(response.body)).not.toHaveProperty('benchmark');
  });
});
