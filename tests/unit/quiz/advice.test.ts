import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import resultsJson from '../../../content/emails/results.json' with { type: 'json' };
import { assessment } from '../../../src/assessment.ts';
import { ResultsCopySchema, renderResultsEmail } from '../../../src/lambda/email/results-email.ts';
import { allStrongest, FIND_OUT_STEP, nextSteps, renderResults } from '../../../src/quiz/render-results.ts';
import { type Answers, NOT_SURE, scoreAssessment } from '../../../src/quiz/score.ts';
import { runTogether } from '../../helpers/run-together.ts';

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

const copy = ResultsCopySchema.parse(resultsJson);

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
          for (const step of nextSteps(category)) {
            expect(have).not.toContain(step);
            // A question's own step (answered below its strongest); with nothing lost, finding out what was skipped;
            // with every question at its strongest, the strong band's advice.
            const fromQuestion = questions.some((q) => q.step === step && answers[q.id] !== undefined && answers[q.id] !== strongest(q.id));
            const findOut = step === FIND_OUT_STEP && category.costliest.length === 0 && category.answered < category.total;
            const strong = step === category.band?.advice && allStrongest(category);
            expect(fromQuestion || findOut || strong).toBe(true);
          }
        }
      }),
    );
  });

  it('shows no step, on the page or in the results email, for a question answered at its strongest', () => {
    fc.assert(
      fc.property(answersArbitrary, (answers) => {
        const result = scoreAssessment(assessment, answers);
        const page = render(answers);
        const email = renderResultsEmail({ name: 'Ada', result, token: 'a.b', siteUrl: 'https://example.com', siteName: 'S', copy }).text;
        expect(runTogether(page)).toEqual([]);
        for (const question of assessment.questions.filter((q) => answers[q.id] === strongest(q.id))) {
          expect(page).not.toContain(question.step);
          expect(email).not.toContain(question.step);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('gives every question a step of its own, so no two questions share advice', () => {
    const steps = assessment.questions.map((q) => q.step);
    expect(new Set(steps).size).toBe(steps.length);
  });
});
