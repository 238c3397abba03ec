import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { siteStylesheet } from './stylesheet.ts';

/**
 * The Content-Security-Policy of every response, in one place: the CDK stack sends it from CloudFront, and the local
 * stack sends it when serving the production build (`npm run preview` and the browser tests), so a style or script the
 * policy would block fails locally too.
 *
 * Every page carries the site's stylesheet inline (so it paints from its HTML response alone, with no
 * render-blocking request), and the policy allows exactly that stylesheet by its SHA-256 hash, computed here from the
 * file the layout inlines. Nothing else inline is allowed: no inline script, no other style, no style attribute.
 */

/** The stylesheet every page inlines, after the brand's palette (BaseLayout.astro imports the same file as raw text). */
export const STYLESHEET_FILE = join(import.meta.dirname, 'global.css');

/** `'sha256-…'`: the CSP source that allows an inline `<style>` with exactly this text. */
export const styleHashSource = (css: string) => `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;

/** The policy, with the hash of the stylesheet as it is on disk now. */
export function contentSecurityPolicy(css: string = siteStylesheet(readFileSync(STYLESHEET_FILE, 'utf8'))): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' ${styleHashSource(css)}`,
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}
