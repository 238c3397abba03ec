import { describe, expect, it } from 'vitest';
import { assessment } from '../../../../src/assessment.ts';
import type { Answers } from '../../../../src/quiz/score.ts';
import { strongestAnswers, submissionBody, weakestAnswers } from '../../../fixtures/answers.ts';
import { fakeBackend } from '../../../helpers/backend.ts';
import { jsonPost } from '../../../helpers/events.ts';

const DAY = 86_400_000;
const parse = (body: string | undefined) => JSON.parse(body ?? '{}');

/** Every question at its strongest option except those of one category, at their weakest. */
const weakIn = (category: string): Answers =>
  Object.fromEntries(assessment.questions.map((q) => [q.id, (q.category === category ? weakestAnswers : strongestAnswers)[q.id] ?? '']));

describe('the follow-up speaks of the latest attempt', () => {
  async function consentThenRetake(retakes: Record<string, unknown>[]) {
    const { backend, mailer, clock, stores } = fakeBackend();
    const consenting = submissionBody({
      answers: weakIn('exceptions'),
      contact: { name: 'Ada Lovelace', email: 'ada@example.com', consent: true },
    });
    const first = parse((await backend.submissions(jsonPost('/api/submissions', consenting))).body);
    let from = first.token as string;
    const taken = [];
    for (const overrides of retakes) {
      clock.advance(DAY / 2);
      const retake = parse(
        (await backend.submissions(jsonPost('/api/submissions', submissionBody({ ...overrides, retakeOf: from })))).body,
      );
      taken.push(retake);
      from = retake.token;
    }
    clock.advance(3 * DAY);
    await backend.sweep();
    const followUps = mailer.sent.filter((email) => email.headers?.some((h) => h.name === 'List-Unsubscribe'));
    const items = await stores.outbox.itemsOf({ type: 'submission', id: consenting.submissionId });
    return { first, taken, followUps, items };
  }

  it('is about the consenting attempt while nobody retook it', async () => {
    const { first, followUps } = await consentThenRetake([]);
    expect(followUps.map((e) => e.subject)).toEqual([
      'The exceptions are the specification (your Integration Readiness result, Paradigm AI)',
    ]);
    expect(followUps[0]?.text).toContain(`/results/?t=${encodeURIComponent(first.token)}`);
  });

  it('names the weakest category of the newest retake taken from it (anonymous, a retake of a retake) and links that result', async () => {
    // Prepare: consent with exceptions the weakest; then two anonymous retakes, the newest weakest in data
    const { first, taken, followUps } = await consentThenRetake([{ answers: weakIn('future') }, { answers: weakIn('data') }]);
    // Assess: one follow-up, about data, to the consenting address, linking the newest result; unsubscribing stays the consenting one's
    expect(followUps).toHaveLength(1);
    expect(followUps[0]?.to).toEqual(['ada@example.com']);
    expect(followUps[0]?.subject).toMatch(/^Which system is right when two disagree\? /);
    expect(followUps[0]?.text).not.toContain('exceptions');
    expect(followUps[0]?.text).toContain(`/results/?t=${encodeURIComponent(taken[1].token)}`);
    expect(followUps[0]?.text).not.toContain(`/results/?t=${encodeURIComponent(first.token)}`);
    expect(followUps[0]?.headers).toContainEqual({
      name: 'List-Unsubscribe',
      value: expect.stringContaining(encodeURIComponent(first.token)),
    });
  });

  it('is skipped when the newest retake has no category left below 100 %, and says why', async () => {
    const { followUps, items } = await consentThenRetake([{ answers: strongestAnswers }]);
    expect(followUps).toEqual([]);
    const item = items.find((i) => i.kind === 'follow-up');
    expect(item?.state).toBe('skipped');
    expect(item?.lastError).toMatch(/nothing is left to follow up on/);
  });
});
