import type { APIRoute, GetStaticPaths } from 'astro';
import { publishedArticles } from '../../components/articles.ts';
import { renderOgImage } from '../../components/og-image.ts';

/** One social card per published article, generated at build time. */
export const getStaticPaths: GetStaticPaths = async () =>
  (await publishedArticles()).map((article) => ({
    params: { slug: article.id },
    props: { title: article.data.title, description: article.data.description },
  }));

export const GET: APIRoute = async ({ props }) => {
  const { title, description } = props as { title: string; description: string };
  return new Response(new Uint8Array(await renderOgImage(title, description)), { headers: { 'content-type': 'image/png' } });
};
