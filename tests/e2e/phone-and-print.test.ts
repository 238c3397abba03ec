import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { assessment } from '../../src/assessment.ts';
import { WORKING_WEEKS } from '../../src/calculator/manual-cost.ts';
import { useChromium } from '../helpers/browser.ts';

const siteUrl = inject('siteUrl');
const browser = useChromium();
const steps = assessment.questions.length + assessment.qualifying.length;
const phone = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

/** An element's box in page coordinates (the page scrolled to its top). */
const boxOf = (locator: Locator) =>
  locator.first().evaluate((el) => {
    const box = el.getBoundingClientRect();
    return { top: box.top + window.scrollY, bottom: box.bottom + window.scrollY, height: box.height };
  });

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Answers every step with alternating options, then sends. */
async function answerAll(page: Page) {
  for (let i = 0; i < steps; i += 1) {
    const options = page.locator('.step:not([hidden]) .option label');
    await options.nth((i % 2 === 0 ? 1 : 2) % (await options.count())).click();
    await page.locator('[data-next]').click();
  }
  await page.locator('#results-heading').waitFor();
}

/** A4 and the margins the print stylesheet's `@page` rule sets (none when it sets none), in CSS pixels. */
async function printedPage(page: Page) {
  const margins = await page.evaluate(() => {
    const rules = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules]);
    const inner = rules.flatMap((rule) => (rule instanceof CSSMediaRule ? [...rule.cssRules] : [rule]));
    const style = inner.find((rule): rule is CSSPageRule => rule instanceof CSSPageRule)?.style;
    return ['marginTop', 'marginRight', 'marginBottom', 'marginLeft'].map(
      (side) => style?.getPropertyValue(side.replace(/[A-Z]/, (c) => `-${c.toLowerCase()}`)) || '0mm',
    );
  });
  const px = (length: string) => {
    if (!/^[\d.]+mm$/.test(length) && length !== '0') throw new Error(`@page margin ${length} is not in mm`);
    return (Number.parseFloat(length) * 96) / 25.4;
  };
  const [top, right, bottom, left] = margins.map(px) as [number, number, number, number];
  return { width: px('210mm') - left - right, height: px('297mm') - top - bottom };
}

/** Where lines break inside an element's text: the index of each character that starts a new line. */
const lineStarts = (locator: Locator) =>
  locator.evaluate((el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    const starts: number[] = [];
    let text = '';
    let lastTop: number | null = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const value = node.textContent ?? '';
      for (let i = 0; i < value.length; i += 1) {
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (rect && lastTop !== null && rect.top > lastTop + 2) starts.push(text.length);
        if (rect) lastTop = rect.top;
        text += value[i];
      }
    }
    return { text, starts, overflows: el.scrollWidth > el.clientWidth + 1 };
  });

describe('question 1 on the first screen', () => {
  it('shows question 1, its first answer and Next on a phone’s first screen, Next never covering the answer', async () => {
    // Prepare
    const context = await browser().newContext(phone);
    const page = await context.newPage();

    // Act
    await page.goto(`${siteUrl}/assessment/`);

    // Assess
    const option = await boxOf(page.locator('.step:not([hidden]) .option'));
    const next = await boxOf(page.locator('[data-next]'));
    const bar = await boxOf(page.locator('.quiz-nav'));
    console.log(
      `375 × 812: first answer ${Math.round(option.top)}–${Math.round(option.bottom)}, Next ${Math.round(next.top)}–${Math.round(next.bottom)}`,
    );
    expect(await page.locator('.step:not([hidden]) .step-prompt').isVisible()).toBe(true);
    expect(option.bottom).toBeLessThanOrEqual(bar.top);
    expect(next.top).toBeGreaterThanOrEqual(0);
    expect(next.bottom).toBeLessThanOrEqual(812);
    // The bar stays at the foot of the screen as the visitor scrolls through a long question.
    await page.evaluate(() => window.scrollBy(0, 200));
    const scrolled = await page.locator('[data-next]').evaluate((el) => el.getBoundingClientRect().bottom);
    expect(scrolled).toBeLessThanOrEqual(812);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows the first answer on a phone’s first screen without JavaScript too', async () => {
    const context = await browser().newContext({ ...phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${siteUrl}/assessment/`);
    const option = await boxOf(page.locator('.step .option'));
    expect(option.bottom).toBeLessThanOrEqual(812);
    await context.close();
  });

  it('sets the question beside the introduction on a wide screen, their tops level, with Next on the first screen', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${siteUrl}/assessment/`);
    const intro = await boxOf(page.locator('.quiz-intro'));
    const card = await boxOf(page.locator('.step:not([hidden]) fieldset'));
    const next = await boxOf(page.locator('[data-next]'));
    console.log(
      `1280 × 900: introduction top ${Math.round(intro.top)}, question card top ${Math.round(card.top)}, Next bottom ${Math.round(next.bottom)}`,
    );
    expect(Math.abs(card.top - intro.top)).toBeLessThanOrEqual(2);
    expect(next.bottom).toBeLessThanOrEqual(900);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('the printed report', () => {
  it('fills its pages, shows the wordmark and the day on page 1, prints article addresses and breaks the results link only between its parts', async () => {
    // Prepare
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${siteUrl}/assessment/`);
    await answerAll(page);

    // Act: printed on A4, and laid out as it prints (the page's width, print media).
    const pdf = await page.pdf({ format: 'A4' });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    const sheet = await printedPage(page);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: Math.floor(sheet.width), height: 400 });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);

    // Assess: as few pages as the report's length needs (a quarter page of slack for what is kept together)…
    const blankShare = 1 - height / (pages * sheet.height);
    console.log(
      `Printed: ${pages} pages for ${(height / sheet.height).toFixed(2)} pages of content, ${Math.round(blankShare * 100)} % blank`,
    );
    expect(pages).toBeLessThanOrEqual(Math.ceil(height / sheet.height + 0.25));
    const forced = await page
      .locator('.results *')
      .evaluateAll(
        (els) =>
          els.filter((el) =>
            ['page', 'left', 'right'].some((v) => [getComputedStyle(el).breakBefore, getComputedStyle(el).breakAfter].includes(v)),
          ).length,
      );
    expect(forced).toBe(0);
    // …the wordmark and the result's day on the first page…
    const wordmark = page.locator('.site-header .wordmark');
    expect(await wordmark.isVisible()).toBe(true);
    expect((await boxOf(wordmark)).bottom).toBeLessThanOrEqual(sheet.height);
    const day = page.locator('.results-report-date');
    expect(await day.isVisible()).toBe(true);
    expect(await day.textContent()).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    expect((await boxOf(day)).bottom).toBeLessThanOrEqual(sheet.height);
    // …each article link followed by its address…
    const links = page.locator('.results .article-links li');
    expect(await links.count()).toBeGreaterThan(0);
    for (const item of await links.all()) {
      const href = await item.locator('a').evaluate((a) => (a as HTMLAnchorElement).href);
      expect(await item.locator('.link-target').isVisible()).toBe(true);
      expect(await item.locator('.link-target').textContent()).toBe(href);
    }
    // …and the results link broken, if at all, only after a slash or before ? and ., at the page's width and a narrow one.
    for (const width of [Math.floor(sheet.width), 360]) {
      await page.setViewportSize({ width, height: 400 });
      const { text, starts, overflows } = await lineStarts(page.locator('.results-report-link'));
      expect(text).toMatch(new RegExp(`^${siteUrl}/results/\\?t=`));
      expect(overflows).toBe(false);
      for (const at of starts) expect(`${text.slice(at - 1, at + 1)} in ${text}`).toMatch(/^(\/.|.[?.]) in /);
    }
    // On screen the addresses stay out of the way.
    await page.emulateMedia({ media: 'screen' });
    expect(await links.first().locator('.link-target').isVisible()).toBe(false);
    await context.close();
  });
});

describe('the manual-cost calculator', () => {
  it('starts its box with its heading and says how many working weeks its year has', async () => {
    const context = await browser().newContext({ viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    await page.goto(`${siteUrl}/articles/the-hidden-cost-of-doing-it-manually/`);
    const band = await page.locator('manual-cost-calculator').evaluate((el) => {
      const style = getComputedStyle(el);
      const heading = el.querySelector('h2')?.getBoundingClientRect().top ?? 0;
      return heading - el.getBoundingClientRect().top - Number.parseFloat(style.borderTopWidth) - Number.parseFloat(style.paddingTop);
    });
    expect(band).toBeLessThanOrEqual(1);
    expect(await page.getByText(`A year here is ${WORKING_WEEKS} working weeks`).isVisible()).toBe(true);
    await context.close();
  });
});
