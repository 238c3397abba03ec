import * as z from 'zod';

/**
 * The frontmatter of the site's own pages (content/pages/): "How we work" and "About". Fields the owner supplies
 * (people, testimonials, location, registration) start empty and are left out of the built page until filled in, so
 * nothing is ever invented.
 */
export const PageFrontmatterSchema = z
  .object({
    title: z.string().min(1).max(80),
    description: z.string().min(1).max(200),
    /** The people of the consultancy, as the owner describes them. */
    people: z.array(z.object({ name: z.string().min(1), role: z.string().min(1), bio: z.string().min(1).optional() }).strict()).default([]),
    /** What clients said, each with their permission. */
    testimonials: z
      .array(
        z
          .object({ quote: z.string().min(1), name: z.string().min(1), role: z.string().optional(), company: z.string().optional() })
          .strict(),
      )
      .default([]),
    /** Where the consultancy is based. */
    location: z.string().default(''),
    /** Registered company details. */
    registration: z.string().default(''),
  })
  .strict();
