import { type Assessment, bandFor } from './assessment.ts';
import * as z from './zod.ts';

/** The answer that means "not sure / doesn't apply": it drops out of points and maximum. */
export const NOT_SURE = 'not-sure';

/** Answers by question id: an option id, or `not-sure`. A missing question is skipped. */
export const AnswersSchema = z.record(z.string().check(z.maxLength(60)), z.string().check(z.maxLength(60)));
/** Answers by question id. */
export type Answers = z.output<typeof AnswersSchema>;

/** An answer that cost points: what was chosen, and how many points short of the best answer it was. */
export const CostlyAnswerSchema = z.object({
  /** The question's id. */
  questionId: z.string(),
  /** The question as the visitor read it. */
  prompt: z.string(),
  /** The label of the answer given. */
  chosen: z.string(),
  /** The label of the strongest answer. */
  best: z.string(),
  /** What to do about it (the question's `step`; absent in results stored before steps existed). */
  step: z.optional(z.string()),
  /** Weighted points below the best option. */
  lost: z.number(),
});
/** An answer that cost points. */
export type CostlyAnswer = z.output<typeof CostlyAnswerSchema>;

/** The result of one category. */
export const CategoryResultSchema = z.object({
  /** The category's id. */
  id: z.string(),
  /** The category's title. */
  title: z.string(),
  /** 0–100, or null when too few questions were answered to say. */
  percent: z.nullable(z.number()),
  /** Questions answered with a real option (not skipped, not "not sure"). */
  answered: z.number(),
  /** Questions in the category. */
  total: z.number(),
  /** The band's headline and advice, or null with too few answers. */
  band: z.nullable(z.object({ headline: z.string(), advice: z.string(), articles: z.array(z.string()) })),
  /** The answers that cost the most points, largest loss first (at most two). */
  costliest: z.array(CostlyAnswerSchema),
});
/** The result of one category. */
export type CategoryResult = z.output<typeof CategoryResultSchema>;

/** A scored assessment, as the server scored it and stored it. */
export const AssessmentResultSchema = z.object({
  /** Which assessment was scored. */
  assessmentId: z.string(),
  /** The version of the assessment it was scored against. */
  assessmentVersion: z.string(),
  /** 0–100 weighted over categories with enough answers, or null when none has. */
  percent: z.nullable(z.number()),
  /** The overall band, or null when no category has enough answers. */
  band: z.nullable(
    z.object({ id: z.string(), headline: z.string(), summary: z.string(), advice: z.string(), articles: z.array(z.string()) }),
  ),
  /** Each category's result, in the assessment's order. */
  categories: z.array(CategoryResultSchema),
  /** Questions answered with a real option. */
  answered: z.number(),
  /** Questions answered "not sure". */
  notSure: z.number(),
  /** Questions left unanswered. */
  skipped: z.number(),
});
/** A scored assessment. */
export type AssessmentResult = z.output<typeof AssessmentResultSchema>;

/**
 * Scores answers against an assessment: weighted points per category, category and overall percentages,
 * bands, and the answers that cost the most. Skipped and "not sure" answers drop out of both points and
 * maximum; a category with fewer than `minAnsweredPerCategory` answers gets no number. Pure and deterministic.
 * Unknown question or option ids are ignored here; validate answers first (see `answerProblems`).
 * @example
 * const result = scoreAssessment(assessment, { 'outcome-written': 'plain', 'outcome-measure': 'no' });
 * result.categories[0].percent // 50 when both questions weigh the same and score 3 of 3 and 0 of 3
 */
export function scoreAssessment(assessment: Assessment, answers: Answers): AssessmentResult {
  let answered = 0;
  let notSure = 0;
  const categories: CategoryResult[] = assessment.categories.map((category) => {
    let points = 0;
    let max = 0;
    let count = 0;
    const costly: CostlyAnswer[] = [];
    const questions = assessment.questions.filter((q) => q.category === category.id);
    for (const question of questions) {
      const answer = answers[question.id];
      if (answer === NOT_SURE) notSure += 1;
      const option = question.options.find((o) => o.id === answer);
      if (!option) continue;
      const best = question.options.reduce((a, b) => (b.points > a.points ? b : a));
      count += 1;
      points += option.points * question.weight;
      max += best.points * question.weight;
      const lost = (best.points - option.points) * question.weight;
      if (lost > 0)
        costly.push({
          questionId: question.id,
          prompt: question.prompt,
          chosen: option.label,
          best: best.label,
          step: question.step,
          lost,
        });
    }
    answered += count;
    const enough = count >= Math.min(assessment.minAnsweredPerCategory, questions.length) && max > 0;
    const percent = enough ? Math.round((points / max) * 100) : null;
    const band = percent === null ? null : bandFor(category.bands, percent);
    costly.sort((a, b) => b.lost - a.lost || a.questionId.localeCompare(b.questionId));
    return {
      id: category.id,
      title: category.title,
      percent,
      answered: count,
      total: questions.length,
      band: band && { headline: band.headline, advice: band.advice, articles: band.articles },
      costliest: costly.slice(0, 2),
    };
  });

  let weighted = 0;
  let weights = 0;
  assessment.categories.forEach((category, i) => {
    const percent = categories[i]?.percent;
    if (percent === null || percent === undefined) return;
    weighted += percent * category.weight;
    weights += category.weight;
  });
  const percent = weights > 0 ? Math.round(weighted / weights) : null;
  const band = percent === null ? null : bandFor(assessment.bands, percent);
  return {
    assessmentId: assessment.id,
    assessmentVersion: assessment.version,
    percent,
    band: band && { id: band.id, headline: band.headline, summary: band.summary, advice: band.advice, articles: band.articles },
    categories,
    answered,
    notSure,
    skipped: assessment.questions.length - answered - notSure,
  };
}

/** The weakest category with a score (the follow-up email is about it), or null. */
export function weakestCategory(result: AssessmentResult): CategoryResult | null {
  const scored = result.categories.filter((c) => c.percent !== null);
  return scored.reduce<CategoryResult | null>(
    (weakest, c) => (weakest === null || (c.percent ?? 0) < (weakest.percent ?? 0) ? c : weakest),
    null,
  );
}
