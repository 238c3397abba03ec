import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { describe, expect, inject, it } from 'vitest';
import { contentSecurityPolicy, styleHashSource } from '../../src/styles/content-security-policy.ts';
import { useChromium } from '../helpers/browser.ts';
import { runTogether } from '../helpers/run-together.ts';
import { builtPages, distDir, pageHtml, pageJsBytes, pageLoading, pageScripts } from '../helpers/site.ts';

const siteUrl = inject('siteUrl');
const browser = useChromium();

const sitemapPaths = () =>
  [...readFileSync(join(distDir, 'sitemap-0.xml'), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '').pathname);
const articlePaths = () => builtPages().filter((p) => /^\/articles\/[^/]+\/$/.test(p));

describe('the built site', () => {
  it('lists every public page in the sitemap, and no personal or transient page', () => {
    const expected = builtPages().filter((p) => !['/404.html', '/results/', '/contact/thanks/'].includes(p));
    expect(sitemapPaths().sort()).toEqual(expected.sort());
  });

  it('never runs words together across inline elements, on any built page', () => {
    const found = builtPages().flatMap((path) => runTogether(pageHtml(path)).map((place) => `${path}: ${place}`));
    expect(found).toEqual([]);
  });

  it('says how we work from the article’s framework, and shows on About nothing the owner has not filled in', () => {
    const how = pageHtml('/how-we-work/');
    expect(how).toContain('Design first, build second');
    expect(how.match(/<h2[^>]*>[^<]+<\/h2>/g)?.map((h) => h.replace(/<[^>]+>/g, ''))).toEqual(
      expect.arrayContaining([
        'The three ways rollouts fail',
        'What good integration design looks like',
        'The four questions',
        'The parallel run',
        'Ownership after go-live',
        'What an engagement looks like',
      ]),
    );
    const about = pageHtml('/about/');
    expect(about).toContain('mailto:hello@paradigmai.co');
    // content/pages/about.mdx leaves people, testimonials, location and registration empty: none of them is built.
    expect(about).not.toMatch(/Who we are<\/h2>|What clients say|class="pull-quote"/);
  });

  it('invites the reader to the assessment once per article, and never claims a framework the article lacks', () => {
    for (const path of articlePaths()) {
      const html = pageHtml(path);
      expect(html.match(/href="\/assessment\/\?from=/g) ?? [], path).toHaveLength(1);
      expect(html, path).not.toContain('against this framework');
    }
  });

  it('has one RSS item per published article, and publishes no draft', () => {
    const rss = readFileSync(join(distDir, 'rss.xml'), 'utf8');
    const links = [...rss.matchAll(/<item>[\s\S]*?<link>([^<]+)<\/link>/g)].map((m) => new URL(m[1] ?? '').pathname);
    expect(links.sort()).toEqual(articlePaths().sort());
    expect(articlePaths()).toHaveLength(3);
    expect(builtPages().some((p) => p.includes('parallel-run'))).toBe(false);
    expect(rss).not.toContain('parallel run');
  });

  it('ships no JavaScript on article pages except the calculator (≤ 5 KB gzip) and JSON-LD', () => {
    for (const path of articlePaths()) {
      const bytes = pageJsBytes(path);
      console.log(`JS on ${path}: ${bytes} B gzip`);
      if (path.includes('hidden-cost')) expect(bytes).toBeLessThanOrEqual(5 * 1024);
      else expect(pageScripts(path)).toEqual([]);
      expect(pageHtml(path)).toContain('"@type":"Article"');
    }
  });

  it('gives every article its own 1200 × 630 PNG social card, named in its Open Graph and Twitter tags', () => {
    for (const path of articlePaths()) {
      const slug = path.split('/').at(-2);
      const png = readFileSync(join(distDir, 'og', `${slug}.png`));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
      expect(pageHtml(path)).toContain(`<meta property="og:image" content="https://paradigmai.co/og/${slug}.png"`);
      expect(pageHtml(path)).toContain('<meta name="twitter:card" content="summary_large_image"');
    }
  });

  it('keeps the assessment page within 10 KB gzip of JavaScript', () => {
    const bytes = pageJsBytes('/assessment/');
    console.log(`JS on /assessment/: ${bytes} B gzip`);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(10 * 1024);
  });

  it('keeps every page within 100 KB transferred (HTML with its inline CSS, and JavaScript, gzip; images excluded)', () => {
    for (const path of builtPages()) {
      const total = gzipSync(pageHtml(path)).length + pageJsBytes(path);
      if (['/', '/assessment/', '/articles/the-hidden-cost-of-doing-it-manually/'].includes(path))
        console.log(`weight ${path}: ${total} B`);
      expect(total, path).toBeLessThanOrEqual(100 * 1024);
    }
  });

  it('keeps an article within 25 KB gzip and 4 requests, and paints every page from its HTML alone', () => {
    for (const path of builtPages()) {
      const loading = pageLoading(path);
      // Nothing blocks the first paint, and no module is found only by reading another.
      expect(loading.renderBlocking, path).toEqual([]);
      expect(loading.chainDepth, path).toBeLessThanOrEqual(2);
      if (!articlePaths().includes(path)) continue;
      const images = loading.requests.filter((r) => !r.endsWith('.js')).map((r) => statSync(join(distDir, r)).size);
      const total = gzipSync(pageHtml(path)).length + pageJsBytes(path) + images.reduce((a, b) => a + b, 0);
      console.log(`article ${path}: ${total} B in ${1 + loading.requests.length} requests`);
      expect(total, path).toBeLessThanOrEqual(25 * 1024);
      expect(1 + loading.requests.length, path).toBeLessThanOrEqual(4);
    }
  });

  it('inlines only the stylesheet the Content-Security-Policy allows by its hash, and no script', () => {
    const policy = contentSecurityPolicy();
    expect(policy).not.toContain('unsafe-inline');
    for (const path of builtPages()) {
      const html = pageHtml(path);
      const styles = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '');
      expect(styles, path).toHaveLength(1);
      for (const css of styles) expect(policy, path).toContain(styleHashSource(css));
      expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)(?![^>]*application\/ld\+json)[^>]*>/);
      expect(html, path).not.toMatch(/\sstyle="/);
    }
  });

  it('gives every page a title, a description and a canonical URL', () => {
    for (const path of builtPages().filter((p) => p !== '/404.html')) {
      const html = pageHtml(path);
      expect(html, path).toMatch(/<title>[^<]+<\/title>/);
      expect(html, path).toMatch(/<meta name="description" content="[^"]{20,}"/);
      expect(html, path).toMatch(/<link rel="canonical" href="https:\/\/[^"]+"/);
    }
  });

  it('resolves every internal link on every page', async () => {
    const links = new Set<string>();
    for (const path of builtPages()) {
      for (const m of pageHtml(path).matchAll(/<a\b[^>]*href="(\/[^"#]*)/g)) links.add(m[1] ?? '');
    }
    const broken: string[] = [];
    for (const link of links) {
      const response = await fetch(`${siteUrl}${link}`, { redirect: 'manual' });
      if (response.status !== 200) broken.push(`${link} → ${response.status}`);
    }
    expect(broken).toEqual([]);
    expect(links.size).toBeGreaterThan(10);
  });

  it('has no WCAG 2.2 A/AA violations (axe) on any page in the sitemap', { timeout: 240_000 }, async () => {
    const context = await browser().newContext();
    const violations: string[] = [];
    for (const path of sitemapPaths()) {
      const page = await context.newPage();
      await page.goto(`${siteUrl}${path}`);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      violations.push(...results.violations.map((v) => `${path}: ${v.id} (${v.nodes.length})`));
      await page.close();
    }
    await context.close();
    expect(violations).toEqual([]);
  });

  it('keeps WCAG AA contrast in dark mode too', { timeout: 240_000 }, async () => {
    const context = await browser().newContext({ colorScheme: 'dark' });
    const violations: string[] = [];
    for (const path of ['/', '/articles/the-hidden-cost-of-doing-it-manually/', '/assessment/', '/contact/']) {
      const page = await context.newPage();
      await page.goto(`${siteUrl}${path}`);
      const results = await new AxeBuilder({ page }).withTags(['wcag2aa']).analyze();
      violations.push(...results.violations.map((v) => `${path}: ${v.id} (${v.nodes.length})`));
      await page.close();
    }
    await context.close();
    expect(violations).toEqual([]);
  });

  it('answers an unknown address with the helpful 404 page', async () => {
    const response = await fetch(`${siteUrl}/no-such-page/`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('We could not find that page');
  });
});
