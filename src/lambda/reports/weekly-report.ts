import * as z from '../../quiz/zod.ts';

/**
 * What the weekly digest tells the consultancy, computed once when the week has ended and stored, so the email is
 * composed from the same numbers however often it is retried.
 */
export const WeeklyReportSchema = z.object({
  /** The ISO week, e.g. `2026-W48`; also the report's id. */
  id: z.string(),
  /** Its Monday and Sunday in the consultancy's time zone. */
  firstDay: z.string(),
  lastDay: z.string(),
  /** How many assessments were submitted that week, with or without contact details. */
  submissions: z.number(),
  /** The leads of the week (contact details given that week, with the answers or later), best grade first. */
  leads: z.array(
    z.object({
      /** How many attempts this person made that week, when more than one (the latest is the lead shown). */
      attempts: z.optional(z.number()),
      grade: z.string(),
      name: z.string(),
      company: z.optional(z.string()),
      email: z.string(),
      overall: z.nullable(z.number()),
      resultsLink: z.string(),
    }),
  ),
  /** The funnel's totals per step, this week and the week before. */
  funnel: z.object({ thisWeek: z.record(z.string(), z.number()), weekBefore: z.record(z.string(), z.number()) }),
  /** The question after which most visitors stopped, if any did. */
  mostStopped: z.nullable(z.object({ question: z.number(), prompt: z.string(), stopped: z.number() })),
  /** The published articles that sent the most visitors to the assessment, by slug and title (absent in older reports). */
  topArticles: z.array(z.object({ article: z.string(), title: z.optional(z.string()), views: z.number(), completed: z.number() })),
  /** Emails and webhook events still failed (until retried), whenever they failed. */
  failedItems: z.array(z.object({ kind: z.string(), about: z.string(), reason: z.string() })),
  /** When it was computed (ISO time). */
  createdAt: z.string(),
});
/** A weekly report. */
export type WeeklyReport = z.output<typeof WeeklyReportSchema>;
