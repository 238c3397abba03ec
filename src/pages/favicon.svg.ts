import type { APIRoute } from 'astro';
import { siteConfig } from '../site-config.ts';

/** A favicon made from the site name's first letter, so a rebrand needs no image editing. */
export const GET: APIRoute = () => {
  const letter = (siteConfig.name.trim()[0] ?? '?').toUpperCase().replace(/[<>&"']/g, '');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#0b5cad"/><text x="32" y="44" font-family="system-ui,sans-serif" font-size="36" font-weight="700" text-anchor="middle" fill="#fff">${letter}</text></svg>`;
  return new Response(svg, { headers: { 'content-type': 'image/svg+xml' } });
};
