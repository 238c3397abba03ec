import index from './index.generated.json' with { type: 'json' };

/**
 * The site's published articles as the backend knows them: written from content/articles/ by every npm script
 * (write-index.mjs), so a fork that changes its articles changes this with them.
 */
export interface ArticleRef {
  slug: string;
  title: string;
}

/** Every published article. */
export const articles: readonly ArticleRef[] = index;

const titles = new Map(articles.map((a) => [a.slug, a.title]));

/**
 * The title of a published article, or undefined for a slug that names none (a draft, a removed article, or words
 * someone typed into a link).
 * @example articleTitle('integration-is-not-a-technical-problem') // 'Integration is not a technical problem'
 */
export const articleTitle = (slug: string): string | undefined => titles.get(slug);
