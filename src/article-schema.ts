import * as z from 'zod';

/** Frontmatter of an article in `content/articles/`. A bad field fails the build naming the file and the field. */
export const ArticleFrontmatterSchema = z
  .object({
    /** The headline. */
    title: z.string().min(5).max(120),
    /** One or two sentences for the index, search results and social cards. */
    description: z.string().min(50, 'Write at least 50 characters: it is the summary in search results.').max(200),
    /** Publication date (YYYY-MM-DD). */
    published: z.coerce.date({ error: 'Use a date such as 2026-11-27.' }),
    /** Date of the last meaningful change, if any. */
    updated: z.coerce.date({ error: 'Use a date such as 2026-11-27.' }).optional(),
    /** Topics, lower-case; each gets a tag page. */
    tags: z
      .array(z.string().regex(/^[a-z0-9-]+$/, 'Use lower-case words joined by dashes.'))
      .max(6)
      .default([]),
    /** A draft is built in development only and never published. */
    draft: z.boolean().default(false),
    /** An optional hero image with its alt text. */
    hero: z
      .object({ src: z.string().min(1), alt: z.string().min(1, 'Describe the image for people who cannot see it.').max(200) })
      .strict()
      .optional(),
  })
  .strict()
  .refine((a) => !a.updated || a.updated >= a.published, { message: 'updated must not be before published', path: ['updated'] });

/** Validated article frontmatter. */
export type ArticleFrontmatter = z.output<typeof ArticleFrontmatterSchema>;
