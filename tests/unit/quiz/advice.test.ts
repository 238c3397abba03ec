import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessment } from '../../../src/assessment.ts';
import { nextSteps, renderResults } from '../../../src/quiz/render-results.ts';
import { type Answers, NOT_SURE, scoreAssessment } from '../../../src/quiz/score.ts';

/** Any answer set: each question answered with any option, "not sure" where offered, or skipped. */
const answersArbitrary = fc.record(
  Object.fromEntries(
    assessment.questions.map((q) => [q.id, fc.constantFrom(...q.options.map((o) => o.id), ...(q.allowNotSure ? [NOT_SURE] : []))]),
  ),
  { requiredKeys: [] },
) as fc.Arbitrary<Answers>;

const strongest = (questionId: string) => {
  const question = assessment.questions.find((q) => q.id === questionId);
  return question?.options.reduce((a, b) => (b.points > a.points ? b : a)).id;
};

/** The rendered section about one category, by its title. */
function detailOf(page: string, title: string): string {
  const section = page
    .split('<section class="category-detail">')
    .find((s) => s.startsWith(`\n<h4>${title}:`) || s.startsWith(`<h4>${title}:`));
  return section?.slice(0, section.indexOf('</section>')) ?? '';
}

const render = (answers: Answers) =>
  renderResults({ title: 'T', consentLabel: 'C' }, scoreAssessment(assessment, answers), {
    token: null,
    siteUrl: 'https://example.com',
  }).toString();

describe('advice that matches the answers (properties over random answer sets)', () => {
  it('says "based on N of M answers" exactly when a scored category had questions skipped or answered "not sure"', () => {
    fc.assert(
      fc.property(answersArbitrary, (answers) => {
        const page = render(answers);
        for (const category of scoreAssessment(assessment, answers).categories) {
          if (category.percent === null) continue;
          const questions = assessment.questions.filter((q) => q.category === category.id);
          const real = questions.filter((q) => answers[q.id] !== undefined && answers[q.id] !== NOT_SURE).length;
          const said = detailOf(page, category.title).includes(`based on ${real} of ${questions.length} answers`);
          expect(said).toBe(real < questions.length);
        }
      }),
    );
  });

  it('says "you gave the strongest answer to every question" only when every question of the category got its strongest option', () => {
    fc.assert(
      fc.property(answersArbitrary, (answers) => {
        const page = render(answers);
        for (const category of assessment.categories) {
          const questions = assessment.questions.filter((q) => q.category === category.id);
          const every = questions.every((q) => answers[q.id] === strongest(q.id));
          const said = detailOf(page, category.title).includes('You gave the strongest answer to every question here.');
          expect(said).toBe(every);
        }
      }),
    );
  });

  it('never recommends what the visitor said they already have: each step comes from a question not answered at its strongest', () => {
    fc.assert(
      fc.property(answersArbitrary, (answers) => {
        const result = scoreAssessment(assessment, answers);
        for (const category of result.categories) {
          const questions = assessment.questions.filter((q) => q.category === category.id);
          const have = questions.filter((q) => answers[q.id] === strongest(q.id)).map((q) => q.step);
          const steps = nextSteps(category);
          const bandAdvice = category.band?.advice;
          for (const step of steps) {
            expect(have).not.toContain(step);
            // A step is either a question's own step (answered below its strongest) or, with nothing lost, the band's advice.
            const fromQuestion = questions.some((q) => q.step === step && answers[q.id] !== undefined && answers[q.id] !== strongest(q.id));
            expect(fromQuestion || (category.costliest.length === 0 && step === bandAdvice)).toBe(true);
          }
        }
      }),
    );
  });

  it('gives every question a step of its own, so no two questions share advice', () => {
    const steps = assessment.questions.map((q) => q.step);
    expect(new Set(steps).size).toBe(steps.length);
  });
});
