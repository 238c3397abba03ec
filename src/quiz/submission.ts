import type { FieldProblem } from './api-contract.ts';
import type { Assessment } from './assessment.ts';
import { cleanedText, emailAddress, honeypot, identifier, optionalSingleLineText, personName, requestId } from './fields.ts';
import { type QualifyingAnswers, QualifyingAnswersSchema } from './lead.ts';
import { type Answers, AnswersSchema, NOT_SURE } from './score.ts';
import * as z from './zod.ts';

/** A checkbox as JSON (`true`) or as a plain form sends it (`on`, or absent). */
const checkbox = z.pipe(
  z.transform((v: unknown) => v === true || v === 'on' || v === 'true' || v === 'yes'),
  z.boolean(),
);

/** Contact details a visitor may leave to get the results by email. */
export const ContactDetailsSchema = z.strictObject({
  /** The visitor's name. */
  name: personName(100),
  /** Where the results go. */
  email: emailAddress,
  /** Their company, if given. */
  company: optionalSingleLineText(120),
  /** Whether they ticked the (unticked by default) box for one follow-up email. */
  consent: z._default(checkbox, false),
});
/** Contact details. */
export type ContactDetails = z.output<typeof ContactDetailsSchema>;

/** Where the visitor came from: UTM parameters, the referrer, and the site's own page or article that led here. */
export const SourceSchema = z.strictObject({
  utm_source: cleanedText(200),
  utm_medium: cleanedText(200),
  utm_campaign: cleanedText(200),
  utm_term: cleanedText(200),
  utm_content: cleanedText(200),
  referrer: cleanedText(500),
  /** The page of this site the visitor opened the assessment from (a path). */
  entry: cleanedText(300),
  /** The article whose call to action led to the assessment (its slug, from `?from=`). */
  article: cleanedText(100),
});
/** The visitor's source. */
export type Source = z.output<typeof SourceSchema>;

/** True when a contact block has no filled field (a plain form always sends the empty inputs). */
const isBlankContact = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  Object.entries(value).every(([key, v]) => key === 'consent' || (typeof v === 'string' && v.trim() === ''));

/**
 * A submission of the assessment, as the quiz script (JSON) or the plain form (form-encoded) sends it.
 * The browser sends answers, never a score: the server scores.
 */
export const SubmissionSchema = z.strictObject({
  /** Client-generated UUID: the same id sent twice creates one record and one set of emails. */
  submissionId: z.optional(requestId),
  /** Which assessment was answered. */
  assessmentId: identifier(60),
  /** The version of the assessment the visitor saw. */
  assessmentVersion: identifier(40),
  /** Answers by question id. */
  answers: z._default(AnswersSchema, {}),
  /** Qualifying answers by question id. */
  qualifying: z._default(QualifyingAnswersSchema, {}),
  /** Contact details, if the visitor left them with the answers. */
  contact: z.optional(
    z.pipe(
      z.transform((v: unknown) => (v === undefined || isBlankContact(v) ? undefined : v)),
      z.optional(ContactDetailsSchema),
    ),
  ),
  /** UTM parameters and referrer. */
  source: z._default(SourceSchema, {}),
  /** Honeypot: hidden from people. */
  website: honeypot,
  /** For a retake ("Take it again"): the results token of the result retaken. One that opens nothing is ignored. */
  retakeOf: z.optional(z.string().check(z.maxLength(200))),
  /**
   * Milliseconds from the form being shown to it being sent, measured in the browser (so clock differences
   * between device and server do not matter), to spot submissions faster than a person could answer.
   * Plain forms do not send it.
   */
  elapsedMs: z.optional(z.int().check(z.nonnegative(), z.lte(365 * 86_400_000))),
});
/** A validated submission (before checking answers against the assessment). */
export type Submission = z.output<typeof SubmissionSchema>;

/**
 * Checks answers and qualifying answers against the assessment: unknown questions or options are refused,
 * so a stored response always means what the visitor saw.
 */
export function answerProblems(assessment: Assessment, answers: Answers, qualifying: QualifyingAnswers): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [questionId, optionId] of Object.entries(answers)) {
    const question = assessment.questions.find((q) => q.id === questionId);
    if (!question) {
      problems.push({
        field: `answers.${questionId}`,
        message: 'This question is not part of the assessment. Reload the page and answer again.',
      });
    } else if (optionId === NOT_SURE ? !question.allowNotSure : !question.options.some((o) => o.id === optionId)) {
      problems.push({ field: `answers.${questionId}`, message: 'Choose one of the answers offered for this question.' });
    }
  }
  for (const [questionId, value] of Object.entries(qualifying)) {
    const question = assessment.qualifying.find((q) => q.id === questionId);
    const chosen = Array.isArray(value) ? value : [value];
    if (!question) {
      problems.push({
        field: `qualifying.${questionId}`,
        message: 'This question is not part of the assessment. Reload the page and answer again.',
      });
    } else if ((!question.multiple && chosen.length > 1) || chosen.some((id) => !question.options.some((o) => o.id === id))) {
      problems.push({ field: `qualifying.${questionId}`, message: 'Choose from the answers offered for this question.' });
    } else if (new Set(chosen).size < chosen.length) {
      problems.push({ field: `qualifying.${questionId}`, message: 'Choose each answer once.' });
    }
  }
  return problems;
}
