import type { APIRoute } from 'astro';
import { faviconSvg } from '../site-frame.ts';

/** The favicon: the wordmark's mark (see site-frame.ts), so a rebrand needs no image editing. */
export const GET: APIRoute = () => new Response(faviconSvg(), { headers: { 'content-type': 'image/svg+xml' } });
