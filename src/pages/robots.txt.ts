import type { APIRoute } from 'astro';
import { siteConfig } from '../site-config.ts';

/** Lets search engines in, keeps them out of the API and personal results, and points at the sitemap. */
export const GET: APIRoute = () =>
  new Response(`User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /results/\n\nSitemap: ${siteConfig.url}/sitemap-index.xml\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
