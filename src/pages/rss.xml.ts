import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { articleHref, publishedArticles } from '../components/articles.ts';
import { siteConfig } from '../site-config.ts';

/** The articles feed: one item per published article, newest first. */
export const GET: APIRoute = async () =>
  rss({
    title: `${siteConfig.name} articles`,
    description: siteConfig.description,
    site: siteConfig.url,
    items: (await publishedArticles()).map((article) => ({
      title: article.data.title,
      description: article.data.description,
      pubDate: article.data.published,
      link: articleHref(article),
      categories: article.data.tags,
    })),
    customData: `<language>${siteConfig.locale}</language>`,
  });
