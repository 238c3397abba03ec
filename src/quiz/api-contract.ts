import type { Benchmark } from './benchmark.ts';
import { identifier } from './fields.ts';
import { BROWSER_STEPS } from './funnel.ts';
import { QualifyingAnswersSchema } from './lead.ts';
import type { PreviousResult } from './progress.ts';
import { AnswersSchema, AssessmentResultSchema } from './score.ts';
import * as z from './zod.ts';

/**
 * The JSON bodies the API answers, shared by the Lambda (which sends them) and the browser (which reads them
 * through type-only imports, so none of this code ships to the page).
 */

/** One problem with one field of a request, as shown to the visitor next to that field. */
export const FieldProblemSchema = z.object({
  /** The field's name as the form and JSON body spell it (`email`, `answers.q3`). */
  field: z.string(),
  /** What is wrong and what to do, in plain words. */
  message: z.string(),
});
/** One problem with one field. */
export type FieldProblem = z.output<typeof FieldProblemSchema>;

/** Every error the API answers: a code, a message safe to show, and the field problems of a 400. */
export const ApiErrorBodySchema = z.object({
  error: z.object({
    /** A stable code, e.g. `invalid_request`, `rate_limited`. */
    code: z.string(),
    /** What happened and what to do. */
    message: z.string(),
    /** For a 400: each field that needs attention. */
    problems: z.optional(z.array(FieldProblemSchema)),
  }),
});
/** An error answer. */
export type ApiErrorBody = z.output<typeof ApiErrorBodySchema>;

/** How a result compares with the others who took the assessment (see benchmark.ts). */
export const BenchmarkSchema = z.object({
  respondents: z.number(),
  overall: z.nullable(z.number()),
  categories: z.record(z.string(), z.number()),
}) satisfies z.ZodMiniType<Benchmark>;

/** The result a retake follows (see progress.ts). */
export const PreviousResultSchema = z.object({
  at: z.string(),
  overall: z.nullable(z.number()),
  categories: z.record(z.string(), z.nullable(z.number())),
}) satisfies z.ZodMiniType<PreviousResult>;

/** A stored result: what `POST /api/submissions` and `GET /api/results/{token}` answer (never contact data). */
export const ResultsBodySchema = z.object({
  /** Reopens the result: `/results/?t=<token>`. */
  token: z.string(),
  /** The result as the server scored it. */
  result: AssessmentResultSchema,
  /** When the answers were stored (ISO time). */
  takenAt: z.string(),
  /** The answers it was scored from, so "Take it again" opens the assessment filled in (never contact data). */
  answers: AnswersSchema,
  /** The answers about the project, for the same. */
  qualifying: QualifyingAnswersSchema,
  /** For a retake: the result it follows, to show the change per category. Absent for a first attempt. */
  previous: z.optional(PreviousResultSchema),
  /** Whether the visitor already left contact details (then the email form is not offered). */
  contactGiven: z.boolean(),
  /** With contact details sent along with the answers: whether the results email went out (see ContactAttachedBody). */
  emailed: z.optional(z.boolean()),
  /** How the result compares with the others who took this version; absent until enough have (`benchmarkMinimum`). */
  benchmark: z.optional(BenchmarkSchema),
  /**
   * The consultancy's booking page, offered first to this result's lead grade: its link (the results link already
   * in its note) and provider (so the page can add the name and address the visitor types). Absent: "Talk to us".
   */
  booking: z.optional(z.object({ url: z.string(), provider: z.enum(['cal.com', 'calendly', 'other']) })),
});
/** A stored result. */
export type ResultsBody = z.output<typeof ResultsBodySchema>;

/** What `POST /api/results/{token}/contact` answers. */
export const ContactAttachedBodySchema = z.object({
  /** False when results already went to this address within the hour, so no copy was sent. */
  emailed: z.boolean(),
  /** What to tell the visitor. */
  message: z.string(),
});
/** The answer to leaving contact details after the results. */
export type ContactAttachedBody = z.output<typeof ContactAttachedBodySchema>;

/** What `POST /api/contact` answers. */
export const MessageReceivedBodySchema = z.object({
  /** The message's id (the client's, or one derived from the message). */
  id: z.string(),
  status: z.literal('received'),
});
/** The answer to a contact message. */
export type MessageReceivedBody = z.output<typeof MessageReceivedBodySchema>;

/** One step of the funnel as the browser reports it to `POST /api/events` (answered 204, or 400 when invalid). */
export const FunnelEventBodySchema = z.strictObject({
  /** The step: the page opened, the first answer, a question reached, a click to talk. */
  step: z.enum(BROWSER_STEPS),
  /** The assessment version the page shows. */
  assessmentVersion: identifier(40),
  /** How the visitor entered (see `entryOf`): `direct`, `utm:<source>[/<campaign>]` or `article:<slug>`. */
  entry: z
    .string()
    .check(z.regex(/^(direct|utm:[\p{L}\p{N} ._/+-]{1,121}|article:[\p{L}\p{N} ._/+-]{1,60})$/u, 'Send the entry entryOf() gives.')),
  /** For `question`: which question (1 is the first). */
  question: z.optional(z.int().check(z.gte(1), z.lte(100))),
});
/** One funnel step reported by the browser. */
export type FunnelEventBody = z.output<typeof FunnelEventBodySchema>;
