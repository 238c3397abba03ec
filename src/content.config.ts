import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { ArticleFrontmatterSchema } from './article-schema.ts';
import { PageFrontmatterSchema } from './page-schema.ts';

/** The articles: MDX in content/articles/, validated by the frontmatter schema at build. */
const articles = defineCollection({
  loader: glob({ pattern: '**/*.{md,mdx}', base: './content/articles' }),
  schema: ArticleFrontmatterSchema,
});

/** The site's own pages ("How we work", "About"): MDX in content/pages/. */
const pages = defineCollection({
  loader: glob({ pattern: '**/*.{md,mdx}', base: './content/pages' }),
  schema: PageFrontmatterSchema,
});

export const collections = { articles, pages };
