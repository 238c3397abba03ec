import { Resvg } from '@resvg/resvg-js';
import type { APIRoute } from 'astro';
import { markSvg } from '../brand.ts';

/**
 * The mark as a PNG for the emails' wordmark (src/lambda/email/layout.ts): most email clients show no SVG. Drawn at
 * twice the 28 px it is shown at, for sharp screens; generated at build time from the brand, so a fork gets its own.
 */
export const GET: APIRoute = () =>
  new Response(new Uint8Array(new Resvg(markSvg(), { fitTo: { mode: 'width', value: 56 } }).render().asPng()), {
    headers: { 'content-type': 'image/png' },
  });
