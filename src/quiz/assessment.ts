import * as z from './zod.ts';

/** A lower-case slug: letters, digits and dashes. */
const slug = z.string().check(z.regex(/^[a-z0-9]+(?:[-+][a-z0-9]+)*\+?$/, 'Use lower-case letters, digits and dashes.'));

/** A score range [min, max) in percent; the last band of a list includes 100. */
const range = {
  /** Lowest percent in the band (inclusive). */
  min: z.number().check(z.gte(0), z.lte(100)),
  /** Highest percent of the band (exclusive, except 100). */
  max: z.number().check(z.gte(0), z.lte(100)),
};

/** Advice for a score range of one category. */
export const CategoryBandSchema = z.strictObject({
  ...range,
  /** A short verdict for this range. */
  headline: z.string().check(z.minLength(1), z.maxLength(120)),
  /** What to do next, in one or two sentences. */
  advice: z.string().check(z.minLength(1), z.maxLength(600)),
  /** Slugs of articles that help here. */
  articles: z.array(slug),
});

/** One area of the framework, scored separately. */
export const CategorySchema = z.strictObject({
  /** Stable id, used in answers and stored results. */
  id: slug,
  /** The name shown on the results. */
  title: z.string().check(z.minLength(1), z.maxLength(60)),
  /** One line saying what the category measures. */
  description: z.string().check(z.minLength(1), z.maxLength(300)),
  /** How much the category counts in the overall score, relative to the others. */
  weight: z.number().check(z.positive(), z.lte(10)),
  /** Advice by score range, covering 0–100 without gaps. */
  bands: z.array(CategoryBandSchema).check(z.minLength(1)),
});

/** One answer option of a scored question. */
export const OptionSchema = z.strictObject({
  /** Stable id, sent by the form. */
  id: slug,
  /** What the visitor reads. */
  label: z.string().check(z.minLength(1), z.maxLength(200)),
  /** Points for this answer; the question's maximum is its best option. */
  points: z.number().check(z.gte(0), z.lte(10)),
});

/** A scored question. */
export const QuestionSchema = z.strictObject({
  /** Stable id, used in answers and stored results. */
  id: slug,
  /** The category it counts towards. */
  category: slug,
  /** The question. */
  prompt: z.string().check(z.minLength(1), z.maxLength(300)),
  /**
   * The first thing to do when the answer given is not the strongest: shown as the category's next step, so advice
   * only ever names what the visitor said they do not have yet.
   */
  step: z.string().check(z.minLength(1), z.maxLength(300)),
  /** A hint shown under the question. */
  help: z.optional(z.string().check(z.maxLength(400))),
  /** The framework elements (from the article) the question comes from. */
  sources: z.array(slug).check(z.minLength(1)),
  /** Answer options, from weakest to strongest. */
  options: z.array(OptionSchema).check(z.minLength(2), z.maxLength(6)),
  /** Whether "not sure / doesn't apply" is offered; such answers drop out of the score. */
  allowNotSure: z.boolean(),
  /** How much the question counts within its category (default 1). */
  weight: z._default(z.number().check(z.positive(), z.lte(10)), 1),
});

/** A question that does not score but helps the consultancy grade the lead. */
export const QualifyingQuestionSchema = z.strictObject({
  /** Stable id. */
  id: slug,
  /** The question. */
  prompt: z.string().check(z.minLength(1), z.maxLength(300)),
  /** Whether several options may be chosen. */
  multiple: z.boolean(),
  /** Options, each with points towards the lead grade. */
  options: z
    .array(
      z.strictObject({
        id: slug,
        label: z.string().check(z.minLength(1), z.maxLength(200)),
        leadPoints: z.number().check(z.gte(0), z.lte(10)),
      }),
    )
    .check(z.minLength(2), z.maxLength(12)),
});

/** An overall result band. */
export const BandSchema = z.strictObject({
  /** Stable id (`not-ready`, `getting-there`, `ready`). */
  id: slug,
  ...range,
  /** The verdict shown first. */
  headline: z.string().check(z.minLength(1), z.maxLength(120)),
  /** What the verdict means. */
  summary: z.string().check(z.minLength(1), z.maxLength(600)),
  /** What to do next. */
  advice: z.string().check(z.minLength(1), z.maxLength(800)),
  /** Slugs of recommended articles. */
  articles: z.array(slug),
  /** Points towards the lead grade for landing in this band. */
  leadPoints: z.number().check(z.gte(0), z.lte(10)),
});

/** One element of the article's framework (a failure pattern, a trait, or one of the four questions). */
export const FrameworkElementSchema = z.strictObject({
  id: slug,
  kind: z.enum(['pattern', 'trait', 'question']),
  /** The element in the article's words. */
  label: z.string().check(z.minLength(1), z.maxLength(300)),
});

/** The whole assessment, as edited in `content/assessments/`. */
export const AssessmentSchema = z
  .strictObject({
    /** Stable id of the assessment. */
    id: slug,
    /** Changes whenever questions, options or points change; recorded with every scored response. */
    version: z.string().check(z.minLength(1), z.maxLength(40)),
    /** The title of the page, its name in full: "Integration Readiness Assessment". */
    title: z.string().check(z.minLength(1), z.maxLength(120)),
    /** What a result of it is called: "Integration Readiness" ("Your Integration Readiness results"). */
    resultName: z.string().check(z.minLength(1), z.maxLength(80)),
    /** The paragraph above the questions. */
    intro: z.string().check(z.minLength(1), z.maxLength(800)),
    /** A category with fewer answered questions shows "not enough answers" instead of a number. */
    minAnsweredPerCategory: z.int().check(z.gte(1)),
    /** The label of the "not sure / doesn't apply" option. */
    notSureLabel: z.string().check(z.minLength(1), z.maxLength(80)),
    /** The elements of the article's framework that questions trace back to. */
    framework: z.array(FrameworkElementSchema).check(z.minLength(1)),
    /** 5–7 scored areas. */
    categories: z.array(CategorySchema).check(z.minLength(1), z.maxLength(12)),
    /** The scored questions. */
    questions: z.array(QuestionSchema).check(z.minLength(1), z.maxLength(60)),
    /** Questions that grade the lead without scoring. */
    qualifying: z.array(QualifyingQuestionSchema),
    /** Overall bands, covering 0–100 without gaps. */
    bands: z.array(BandSchema).check(z.minLength(1)),
    /** Lead grades by points, highest first; the last must start at 0. */
    leadGrades: z
      .array(
        z.strictObject({
          grade: z.string().check(z.regex(/^[A-Z]$/)),
          minPoints: z.number().check(z.gte(0)),
          label: z.string().check(z.minLength(1), z.maxLength(120)),
        }),
      )
      .check(z.minLength(1)),
    /** The consent checkbox for the follow-up email, and the version of its wording (stored with each consent). */
    consent: z.strictObject({
      version: z.string().check(z.minLength(1), z.maxLength(40)),
      label: z.string().check(z.minLength(1), z.maxLength(400)),
    }),
  })
  .check(
    z.superRefine((a, ctx) => {
      const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
      const categories = new Set(a.categories.map((c) => c.id));
      const elements = new Set(a.framework.map((f) => f.id));
      const duplicates = (ids: string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);
      for (const id of duplicates(a.questions.map((q) => q.id))) issue(['questions'], `Question id "${id}" is used twice.`);
      for (const id of duplicates(a.categories.map((c) => c.id))) issue(['categories'], `Category id "${id}" is used twice.`);
      a.questions.forEach((q, i) => {
        if (!categories.has(q.category))
          issue(['questions', i, 'category'], `Question "${q.id}" points at category "${q.category}", which does not exist.`);
        for (const source of q.sources) {
          if (!elements.has(source))
            issue(['questions', i, 'sources'], `Question "${q.id}" cites framework element "${source}", which does not exist.`);
        }
        for (const id of duplicates(q.options.map((o) => o.id)))
          issue(['questions', i, 'options'], `Question "${q.id}" has option id "${id}" twice.`);
      });
      for (const category of a.categories) {
        if (!a.questions.some((q) => q.category === category.id)) issue(['categories'], `Category "${category.id}" has no questions.`);
      }
      const checkBands = (bands: { min: number; max: number }[], path: (string | number)[], what: string) => {
        const sorted = [...bands].sort((x, y) => x.min - y.min);
        if (sorted[0]?.min !== 0) issue(path, `${what} must start at 0; the lowest band starts at ${sorted[0]?.min}.`);
        if (sorted.at(-1)?.max !== 100) issue(path, `${what} must end at 100; the highest band ends at ${sorted.at(-1)?.max}.`);
        sorted.forEach((band, i) => {
          if (band.min >= band.max) issue(path, `${what}: the band ${band.min}–${band.max} is empty.`);
          const next = sorted[i + 1];
          if (next && next.min !== band.max) {
            issue(path, `${what} have a ${next.min > band.max ? 'gap' : 'overlap'} between ${band.max} and ${next.min}.`);
          }
        });
      };
      checkBands(a.bands, ['bands'], 'Overall bands');
      a.categories.forEach((c, i) => {
        checkBands(c.bands, ['categories', i, 'bands'], `Bands of category "${c.id}"`);
      });
      if (a.leadGrades.at(-1)?.minPoints !== 0)
        issue(['leadGrades'], 'The last lead grade must start at 0 points so every lead gets a grade.');
    }),
  );

/** A validated assessment. */
export type Assessment = z.output<typeof AssessmentSchema>;
/** One category. */
export type Category = Assessment['categories'][number];
/** One scored question. */
export type Question = Assessment['questions'][number];
/** One overall band. */
export type Band = Assessment['bands'][number];

/** Raised when an assessment file is not valid; the message names every bad field. */
export class AssessmentContentError extends Error {
  override readonly name = 'AssessmentContentError';
}

/**
 * Validates assessment content; with `articleSlugs`, also checks that every recommended article exists.
 * @example parseAssessment(json, { source: 'content/assessments/integration-readiness.json', articleSlugs: ['intro'] })
 */
export function parseAssessment(raw: unknown, options: { source?: string; articleSlugs?: readonly string[] } = {}): Assessment {
  const result = AssessmentSchema.safeParse(raw);
  const problems = result.success ? [] : result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
  if (result.success && options.articleSlugs) {
    const known = new Set(options.articleSlugs);
    const check = (slugs: string[], where: string) => {
      for (const s of slugs)
        if (!known.has(s)) problems.push(`  - ${where}: recommends article "${s}", which does not exist in content/articles.`);
    };
    for (const [i, band] of result.data.bands.entries()) check(band.articles, `bands.${i}.articles`);
    for (const [i, category] of result.data.categories.entries()) {
      for (const [j, band] of category.bands.entries()) check(band.articles, `categories.${i}.bands.${j}.articles`);
    }
  }
  if (problems.length || !result.success) {
    throw new AssessmentContentError(
      `${options.source ?? 'The assessment'} is not valid:\n${problems.join('\n')}\nFix these fields and build again.`,
    );
  }
  return result.data;
}

/** The band whose range holds `percent` (the last band includes 100). */
export function bandFor<B extends { min: number; max: number }>(bands: readonly B[], percent: number): B {
  const sorted = [...bands].sort((x, y) => x.min - y.min);
  return sorted.find((b) => percent >= b.min && percent < b.max) ?? (sorted.at(-1) as B);
}
