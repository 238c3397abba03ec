import { type CollectionEntry, getCollection } from 'astro:content';

/** Published articles, newest first (drafts only in development). */
export async function publishedArticles(): Promise<CollectionEntry<'articles'>[]> {
  const all = await getCollection('articles', (entry) => import.meta.env.DEV || !entry.data.draft);
  return all.sort((a, b) => b.data.published.getTime() - a.data.published.getTime());
}

/** Article titles by slug, for links rendered from assessment content. */
export async function articleTitles(): Promise<Record<string, string>> {
  return Object.fromEntries((await publishedArticles()).map((a) => [a.id, a.data.title]));
}
