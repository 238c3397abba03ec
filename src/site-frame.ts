import { mark, markSvg } from './brand.ts';
import { html, type SafeHtml } from './quiz/html.ts';
import { type SiteConfig, siteConfig } from './site-config.ts';

/**
 * The frame of every page, whoever renders it: the static site's layout (BaseLayout.astro) and the pages the API
 * renders for plain HTML forms (results without JavaScript, unsubscribe, errors) both build their header, footer and
 * essential head tags here, so there is one look and one place to change it.
 */

/** The main navigation, in order. */
export const NAV = [
  { href: '/how-we-work/', label: 'How we work' },
  { href: '/articles/', label: 'Articles' },
  { href: '/assessment/', label: 'Assessment' },
  { href: '/about/', label: 'About' },
  { href: '/contact/', label: 'Contact' },
] as const;

/** The mark beside the name (src/brand.ts), its colours from the stylesheet so it follows light and dark. */
const MARK = html`<rect width="${mark.tile.width}" height="${mark.tile.height}" rx="${mark.tile.rx}" class="wordmark-tile"></rect><path d="${mark.flow}" class="wordmark-flow"></path>${mark.dots.map((d) => html`<circle cx="${d.cx}" cy="${d.cy}" r="${d.r}" class="wordmark-dot"></circle>`)}`;

/**
 * The wordmark: the mark and the site's name, as one SVG (its text in the site's heading font), so a fork gets its
 * own from `content/site.json` without drawing anything.
 * @example wordmark({ name: 'Paradigm AI' }).toString() // '<svg … aria-label="Paradigm AI">…Paradigm AI</text></svg>'
 */
export function wordmark(site: Pick<SiteConfig, 'name'> = siteConfig): SafeHtml {
  // About 0.6 em a letter at 21 px in the heading font; the text is drawn to exactly that width.
  const textWidth = Math.round(site.name.length * 11.4);
  const width = 42 + textWidth;
  return html`<svg class="wordmark" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 32" width="${width}" height="32" role="img" aria-label="${site.name}">${MARK}<text x="42" y="23" textLength="${textWidth}" lengthAdjust="spacing" class="wordmark-name">${site.name}</text></svg>`;
}

/** The favicon: the mark alone, in the brand's colours (see markSvg). */
export const faviconSvg = (): string => markSvg();

/** Whether a navigation entry is the page shown (or its section). */
const isCurrent = (href: string, current: string) => current === href || (href !== '/' && current.startsWith(href));

/** The skip link and the header: wordmark and navigation, the current page marked. */
export function siteHeader(current: string, site: SiteConfig = siteConfig): SafeHtml {
  return html`<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><div class="wrap"><a class="brand" href="/" aria-label="${site.name}, home">${wordmark(site)}</a><nav class="site-nav" aria-label="Main"><ul>${NAV.map(
    (item) => html`<li><a href="${item.href}"${isCurrent(item.href, current) ? html` aria-current="page"` : ''}>${item.label}</a></li>`,
  )}</ul></nav></div></header>`;
}

/** The footer: name and tagline, how to reach us, privacy, RSS and the consultancy's profiles. */
export function siteFooter(site: SiteConfig = siteConfig): SafeHtml {
  return html`<footer class="site-footer"><div class="wrap"><div class="footer-brand"><p class="footer-name">${site.name}</p><p>${site.tagline}</p></div><ul class="footer-links"><li><a href="mailto:${site.contactAddress}">${site.contactAddress}</a></li><li><a href="/contact/">Contact</a></li><li><a href="/privacy/">Privacy</a></li><li><a href="/rss.xml">RSS</a></li>${site.social.map(
    (s) => html`<li><a href="${s.url}" rel="me">${s.label}</a></li>`,
  )}</ul></div></footer>`;
}

/**
 * The head tags every page has: charset, viewport, the colour schemes and the favicon, and the stylesheet when it is
 * linked (the static pages inline it instead; see styles/content-security-policy.ts).
 */
export function headEssentials(stylesheet?: string): SafeHtml {
  return html`<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark">${stylesheet ? html`<link rel="stylesheet" href="${stylesheet}">` : ''}<link rel="icon" href="/favicon.svg" type="image/svg+xml">`;
}
