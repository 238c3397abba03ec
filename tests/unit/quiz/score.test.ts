import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessment } from '../../../src/assessment.ts';
import { gradeLead } from '../../../src/quiz/lead.ts';
import { type Answers, NOT_SURE, scoreAssessment, weakestCategory } from '../../../src/quiz/score.ts';
import { tinyAssessment } from '../../fixtures/assessments.ts';

const tiny = tinyAssessment();
const category = (answers: Answers, id: string) => scoreAssessment(tiny, answers).categories.find((c) => c.id === id);

describe('scoreAssessment', () => {
  it.each([
    ['all strongest', { x1: 'd', x2: 'd', x3: 'd', y1: 'd', y2: 'd' }, 100, 100, 100],
    ['all weakest', { x1: 'a', x2: 'a', x3: 'a', y1: 'a', y2: 'a' }, 0, 0, 0],
    // x: (3 + 0 + 2*2) / (3 + 3 + 6) = 7/12 = 58%; y: (1 + 2) / 6 = 50%; overall (58*1 + 50*3) / 4 = 52
    ['weighted questions and categories', { x1: 'd', x2: 'a', x3: 'c', y1: 'b', y2: 'c' }, 58, 50, 52],
  ])('scores %s', (_case, answers, x, y, overall) => {
    const result = scoreAssessment(tiny, answers);
    expect(result.categories.map((c) => c.percent)).toEqual([x, y]);
    expect(result.percent).toBe(overall);
  });

  it('drops skipped and "not sure" answers from both points and maximum', () => {
    expect(category({ x1: 'd', x2: NOT_SURE, y1: 'a', y2: 'a' }, 'x')?.percent).toBeNull(); // one real answer: too few
    expect(category({ x1: 'd', x2: 'b', x3: NOT_SURE }, 'x')?.percent).toBe(67); // (3 + 1) / 6
    expect(category({ x1: 'd', x2: 'b' }, 'x')?.percent).toBe(67);
    expect(scoreAssessment(tiny, { x1: 'd', x2: NOT_SURE, x3: 'a' })).toMatchObject({ answered: 2, notSure: 1, skipped: 2 });
  });

  it('says a category has too few answers instead of showing a misleading number, and leaves it out of the overall', () => {
    const result = scoreAssessment(tiny, { x1: 'd', x2: 'd', y1: 'a' });
    expect(result.categories[1]).toMatchObject({ id: 'y', percent: null, band: null, answered: 1, total: 2 });
    expect(result.percent).toBe(100);
  });

  it('gives no overall result when no category has enough answers', () => {
    expect(scoreAssessment(tiny, {})).toMatchObject({ percent: null, band: null, answered: 0, skipped: 5 });
  });

  it.each([
    [{ x1: 'a', x2: 'a', x3: 'a', y1: 'b', y2: 'b' }, 'not-ready'], // 25
    [{ x1: 'b', x2: 'b', x3: 'b', y1: 'c', y2: 'b' }, 'getting-there'], // 33*1 + 50*3 → 46
    [{ x1: 'd', x2: 'd', x3: 'd', y1: 'd', y2: 'c' }, 'ready'], // 100*1 + 83*3 → 88
  ])('puts %o in band %s', (answers, band) => {
    expect(scoreAssessment(tiny, answers).band?.id).toBe(band);
  });

  it('explains each category by the answers that cost the most points', () => {
    const x = category({ x1: 'c', x2: 'a', x3: 'c' }, 'x');
    expect(x?.costliest.map((c) => [c.questionId, c.lost])).toEqual([
      ['x2', 3],
      ['x3', 2],
    ]);
    expect(x?.costliest[0]).toMatchObject({ chosen: 'Weak', best: 'Strong' });
  });

  it('finds the weakest scored category', () => {
    expect(weakestCategory(scoreAssessment(tiny, { x1: 'd', x2: 'd', y1: 'a', y2: 'b' }))?.id).toBe('y');
  });

  const answersArbitrary = fc.record(
    Object.fromEntries(
      assessment.questions.map((q) => [q.id, fc.constantFrom(...q.options.map((o) => o.id), ...(q.allowNotSure ? [NOT_SURE] : []))]),
    ),
    { requiredKeys: [] },
  ) as fc.Arbitrary<Answers>;

  it('keeps every score between 0 and 100 (property)', () => {
    fc.assert(
      fc.property(answersArbitrary, (answers) => {
        const result = scoreAssessment(assessment, answers);
        for (const p of [result.percent, ...result.categories.map((c) => c.percent)]) {
          if (p !== null) expect(p >= 0 && p <= 100).toBe(true);
        }
      }),
    );
  });

  it('never lowers any score when one answer improves (property)', () => {
    fc.assert(
      fc.property(answersArbitrary, fc.nat(), (answers, pick) => {
        const answered = Object.keys(answers).filter((id) => answers[id] !== NOT_SURE);
        fc.pre(answered.length > 0);
        const questionId = answered[pick % answered.length] as string;
        const question = assessment.questions.find((q) => q.id === questionId);
        const current = question?.options.find((o) => o.id === answers[questionId]);
        const better = question?.options.filter((o) => current && o.points > current.points) ?? [];
        fc.pre(better.length > 0);
        const before = scoreAssessment(assessment, answers);
        const after = scoreAssessment(assessment, { ...answers, [questionId]: better[0]?.id ?? '' });
        expect(after.percent ?? 0).toBeGreaterThanOrEqual(before.percent ?? 0);
        after.categories.forEach((c, i) => {
          expect(c.percent ?? 0).toBeGreaterThanOrEqual(before.categories[i]?.percent ?? 0);
        });
      }),
    );
  });

  it('does not depend on the order of the answers (property)', () => {
    fc.assert(
      fc.property(answersArbitrary, (answers) => {
        const reversed = Object.fromEntries(Object.entries(answers).reverse());
        expect(scoreAssessment(assessment, reversed)).toEqual(scoreAssessment(assessment, answers));
      }),
    );
  });
});

describe('gradeLead', () => {
  const result = scoreAssessment(tiny, { x1: 'a', x2: 'a', x3: 'a', y1: 'a', y2: 'a' }); // not ready: +2
  it.each([
    [{ role: 'boss', systems: ['crm', 'erp'] }, 'A', 8],
    [{ role: 'other', systems: 'crm' }, 'B', 3],
    [{}, 'B', 2],
  ])('grades %o as %s (%i points)', (qualifying, grade, points) => {
    expect(gradeLead(tiny, qualifying, result)).toMatchObject({ grade, points });
  });

  it('explains the points', () => {
    expect(gradeLead(tiny, { role: 'boss' }, result).reasons).toEqual(['Role? Boss (+3)', 'Result: Not ready (+2)']);
  });
});
