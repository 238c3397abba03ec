import type { APIRoute } from 'astro';
import css from '../../styles/global.css?inline';
import { siteStylesheet } from '../../styles/stylesheet.ts';

/**
 * The site's one stylesheet at a stable address, so pages rendered by the API (results without JavaScript)
 * use exactly the same styles as the static pages. Pages link it with a content hash for caching.
 */
export const GET: APIRoute = () => new Response(siteStylesheet(css), { headers: { 'content-type': 'text/css; charset=utf-8' } });
