import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { palette } from '../../src/brand.ts';
import { EMAIL_MARK_PATH } from '../../src/lambda/email/layout.ts';
import type { OutgoingEmail } from '../../src/lambda/ports.ts';
import { useChromium } from '../helpers/browser.ts';
import { everyEmail } from '../helpers/every-email.ts';
import { repoRoot } from '../helpers/processes.ts';

const browser = useChromium();
const POSTAL = 'Paradigm AI Ltd, 1 Example Street, London EC1A 1AA, United Kingdom';

/** Opens an email's HTML as a mail client's reading pane would, `width` px wide; the mark comes from the built site. */
async function open(email: OutgoingEmail, width: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await browser().newPage({ viewport: { width, height: 800 }, colorScheme });
  await page.route(`**${EMAIL_MARK_PATH}`, (route) =>
    route.fulfill({ contentType: 'image/png', body: readFileSync(join(repoRoot, 'dist', EMAIL_MARK_PATH)) }),
  );
  await page.setContent(email.html, { waitUntil: 'load' });
  return page;
}

/** Words the layout broke across two lines between two letters or digits (not at a space, `@`, `.` or hyphen). */
const brokenWords = (page: Page) =>
  page.evaluate(() => {
    const broken: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      let lastTop: number | null = null;
      for (let i = 0; i < text.length; i += 1) {
        if (/\s/.test(text[i] ?? '')) {
          lastTop = null;
          continue;
        }
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const top = range.getClientRects()[0]?.top;
        if (top === undefined) continue;
        if (lastTop !== null && top > lastTop + 2 && /\w/.test(text[i - 1] ?? '') && /\w/.test(text[i] ?? '')) {
          broken.push(text.slice(Math.max(0, i - 12), i + 12));
        }
        lastTop = top;
      }
    }
    return broken;
  });

/** Text whose contrast with what is behind it is under WCAG AA (4.5:1), with the two colours. */
const lowContrast = (page: Page) =>
  page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const behind = (el: Element | null): string => {
      for (let e = el; e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor;
        if (bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
      }
      return 'rgb(255, 255, 255)';
    };
    const low: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim());
      if (!own) continue;
      const fg = luminance(rgb(getComputedStyle(el).color));
      const bg = luminance(rgb(behind(el)));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < 4.5) low.push(`${(el.textContent ?? '').trim().slice(0, 30)} (${ratio.toFixed(2)})`);
    }
    return low;
  });

describe('every email, as its recipient reads it', () => {
  it('fits a 375 px and a 600 px reading pane with no sideways scroll and no word broken mid-word, light and dark', {
    timeout: 120_000,
  }, async () => {
    // Every email, and the results emails as they are where the owner asks for double opt-in (a button more).
    const confirming = (await everyEmail({ postalAddress: POSTAL, followUpConsent: 'confirmed' })).filter((e) =>
      /^Your .* results$/.test(e.subject),
    );
    expect(confirming.every((e) => e.text.includes('Yes, send me the follow-up'))).toBe(true);
    const emails = [...(await everyEmail({ postalAddress: POSTAL })), ...confirming];
    expect(emails.length).toBeGreaterThanOrEqual(13);
    const problems: string[] = [];
    for (const email of emails) {
      for (const width of [375, 600]) {
        for (const scheme of ['light', 'dark'] as const) {
          const page = await open(email, width, scheme);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          if (overflow > 0) problems.push(`${email.subject} at ${width} px: scrolls ${overflow} px sideways`);
          for (const word of await brokenWords(page)) problems.push(`${email.subject} at ${width} px: "${word}" broken mid-word`);
          for (const text of await lowContrast(page)) problems.push(`${email.subject} at ${width} px, ${scheme}: low contrast ${text}`);
          await page.close();
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('finds a word broken mid-word, as a narrow column with overflow-wrap:anywhere breaks an address', async () => {
    const page = await browser().newPage({ viewport: { width: 375, height: 400 } });
    await page.setContent('<p style="width:120px;overflow-wrap:anywhere">maximilian.montgomery@example.com</p>');
    expect((await brokenWords(page)).length).toBeGreaterThan(0);
    await page.close();
  });

  it('carries the brand: the mark and name, the site’s colours, one primary action, the site and the postal address at the foot', async () => {
    const emails = [
      ...(await everyEmail({ postalAddress: POSTAL })),
      ...(await everyEmail({ postalAddress: POSTAL, followUpConsent: 'confirmed' })),
    ];
    for (const email of emails) {
      const page = await open(email, 600);
      const mark = page.locator(`img[src$="${EMAIL_MARK_PATH}"]`);
      expect(await mark.evaluate((img: HTMLImageElement) => img.naturalWidth), email.subject).toBeGreaterThan(0);
      // Links in the site's accent, never the browser's default blue.
      const linkColours = await page.locator('a:not(.em-button)').evaluateAll((links) => links.map((a) => getComputedStyle(a).color));
      const accent = palette.light.accent
        .match(/\w\w/g)
        ?.map((h) => Number.parseInt(h, 16))
        .join(', ');
      for (const colour of linkColours) expect(colour, email.subject).toMatch(accent === undefined ? /$^/ : `rgb(${accent})`);
      expect(await page.locator('a.em-button').count(), email.subject).toBeLessThanOrEqual(1);
      const foot = (await page.locator('.em-footer').textContent()) ?? '';
      expect(foot, email.subject).toContain('paradigmai.co');
      expect(foot, email.subject).toContain(POSTAL);
      expect(email.text, email.subject).toContain(POSTAL);
      await page.close();
    }
  });

  it('links the prospect’s address in the lead email, and gives the follow-up a subject that says who and what it is about', async () => {
    const emails = await everyEmail();
    const lead = emails.find((e) => e.subject.includes('Maximilian'));
    expect(lead?.html).toContain('href="mailto:maximilian.montgomery-worthington@procurement.example-holdings.co.uk"');
    const followUp = emails.find((e) => e.headers?.some((h) => h.name === 'List-Unsubscribe'));
    expect(followUp?.subject).toMatch(/\(your Integration Readiness result, Paradigm AI\)$/);
  });
});
