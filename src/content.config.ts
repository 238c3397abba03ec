import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { ArticleFrontmatterSchema } from './article-schema.ts';

/** The articles: MDX in content/articles/, validated by the frontmatter schema at build. */
const articles = defineCollection({
  loader: glob({ pattern: '**/*.{md,mdx}', base: './content/articles' }),
  schema: ArticleFrontmatterSchema,
});

export const collections = { articles };
