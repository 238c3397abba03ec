import { type CollectionEntry, getCollection } from 'astro:content';

/** An article entry of the content collection. */
export type Article = CollectionEntry<'articles'>;

/** Published articles, newest first (drafts only in development). */
export async function publishedArticles(): Promise<Article[]> {
  const all = await getCollection('articles', (entry) => import.meta.env.DEV || !entry.data.draft);
  return all.sort((a, b) => b.data.published.getTime() - a.data.published.getTime());
}

/** Article titles by slug, for links rendered from assessment content. */
export async function articleTitles(): Promise<Record<string, string>> {
  return Object.fromEntries((await publishedArticles()).map((a) => [a.id, a.data.title]));
}

/** Minutes to read, at 220 words a minute (MDX imports and components not counted). */
export function readingMinutes(article: Article): number {
  const prose = (article.body ?? '').replace(/^import .*$/gm, '').replace(/<[^>]+>/g, ' ');
  const words = prose.split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round(words / 220));
}

/** The article's address. */
export const articleHref = (article: Article) => `/articles/${article.id}/`;

/** Up to `count` other articles, those sharing the most tags first, then the newest. */
export function relatedArticles(article: Article, all: Article[], count = 2): Article[] {
  const shared = (other: Article) => other.data.tags.filter((t) => article.data.tags.includes(t)).length;
  return all
    .filter((other) => other.id !== article.id)
    .sort((a, b) => shared(b) - shared(a) || b.data.published.getTime() - a.data.published.getTime())
    .slice(0, count);
}

/** A date as readers of this site expect it (27 November 2026). */
export const formatDate = (date: Date, locale: string) =>
  date.toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
