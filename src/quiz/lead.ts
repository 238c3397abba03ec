import type { Assessment } from './assessment.ts';
import type { AssessmentResult } from './score.ts';
import * as z from './zod.ts';

/** Qualifying answers by question id: one option id, or several for multiple-choice questions. */
const id = z.string().check(z.maxLength(60));
export const QualifyingAnswersSchema = z.record(id, z.union([id, z.array(id).check(z.maxLength(12))]));
/** Qualifying answers. */
export type QualifyingAnswers = z.output<typeof QualifyingAnswersSchema>;

/** A graded lead: the grade, its label and how the points were reached. */
export const LeadGradeSchema = z.object({
  /** The grade, e.g. `A`. */
  grade: z.string(),
  /** What the grade means, e.g. "Ready to talk". */
  label: z.string(),
  /** The points that gave the grade. */
  points: z.number(),
  /** Each contribution, e.g. "Role: I decide and hold the budget (+3)". */
  reasons: z.array(z.string()),
});
/** A graded lead. */
export type LeadGrade = z.output<typeof LeadGradeSchema>;

/**
 * Grades a lead from the qualifying answers and the overall band, by the rules in the assessment content.
 * @example gradeLead(assessment, { role: 'decision-maker', timeline: 'quarter' }, result).grade // 'A'
 */
export function gradeLead(assessment: Assessment, qualifying: QualifyingAnswers, result: AssessmentResult): LeadGrade {
  let points = 0;
  const reasons: string[] = [];
  for (const question of assessment.qualifying) {
    const raw = qualifying[question.id];
    const chosen = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    for (const id of chosen) {
      const option = question.options.find((o) => o.id === id);
      if (!option) continue;
      points += option.leadPoints;
      if (option.leadPoints > 0) reasons.push(`${question.prompt} ${option.label} (+${option.leadPoints})`);
    }
  }
  const band = assessment.bands.find((b) => b.id === result.band?.id);
  if (band && band.leadPoints > 0) {
    points += band.leadPoints;
    reasons.push(`Result: ${band.headline} (+${band.leadPoints})`);
  }
  const grade =
    [...assessment.leadGrades].sort((a, b) => b.minPoints - a.minPoints).find((g) => points >= g.minPoints) ?? assessment.leadGrades.at(-1);
  return { grade: grade?.grade ?? '?', label: grade?.label ?? '', points, reasons };
}
