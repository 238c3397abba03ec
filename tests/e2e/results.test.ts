import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { assessment } from '../../src/assessment.ts';
import { useChromium } from '../helpers/browser.ts';

const siteUrl = inject('siteUrl');
const browser = useChromium();
const steps = assessment.questions.length + assessment.qualifying.length;

/** Answers every step with the option `pick` chooses, then sends. */
async function answerAll(page: Page, pick: (i: number) => number) {
  for (let i = 0; i < steps; i += 1) {
    const options = page.locator('.step:not([hidden]) .option label');
    await options.nth(pick(i) % (await options.count())).click();
    await page.getByRole('button', { name: i === steps - 1 ? 'See my results' : 'Next' }).click();
  }
  await page.locator('#results-heading').waitFor();
}

/** Whether an element lies wholly inside the first screen (the page scrolled to its top). */
const onFirstScreen = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const box = el.getBoundingClientRect();
      return box.height > 0 && box.top >= 0 && box.bottom + window.scrollY <= window.innerHeight;
    });

describe('the results page', () => {
  it('shows the band, the weakest category with its first step and the primary action on a phone’s first screen', async () => {
    const context = await browser().newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${siteUrl}/assessment/`);
    await answerAll(page, (i) => (i % 2 === 0 ? 1 : 2));
    await page.evaluate(() => window.scrollTo(0, 0));

    const categories = await page.locator('.category-row .category-value').allTextContents();
    const scores = categories.map((v) => Number.parseInt(v, 10)).filter((n) => !Number.isNaN(n));
    // Weakest first.
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const weakest = (await page.locator('.category-row .category-name').first().textContent())?.replace('start here', '').trim();
    expect(await page.locator('.results-focus :is(li, p)').first().textContent()).toContain(weakest);
    expect(await onFirstScreen(page, '#results-heading')).toBe(true);
    expect(await onFirstScreen(page, '.results-score')).toBe(true);
    expect(await onFirstScreen(page, '.results-focus :is(li, p)')).toBe(true);
    expect(await onFirstScreen(page, '.results-actions a.button')).toBe(true);
    // No raw token on screen: a link with words, and a button that copies it.
    // biome-ignore lint/performance/useDomNodeTextContent: what is on screen, not the printed report's heading
    expect(await page.locator('.results').innerText()).not.toMatch(/\/results\/\?t=/);
    await context.close();
  });

  it('copies the results link, prints as a report, and retakes with the previous answers to show the change', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: siteUrl });
    const page = await context.newPage();
    await page.goto(`${siteUrl}/assessment/`);
    await answerAll(page, () => 1);
    const firstScore = await page.locator('.results-score strong').textContent();

    await page.getByRole('button', { name: 'Copy link' }).click();
    await page.getByText('Link copied.').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(new RegExp(`^${siteUrl}/results/\\?t=[\\w.%-]+$`));

    // Printed: the report heading with site, date, results link and contact; no buttons or forms.
    await page.emulateMedia({ media: 'print' });
    const head = (await page.locator('.results-report-head').textContent()) ?? '';
    expect(head).toContain('Paradigm AI');
    expect(head).toContain(copied);
    expect(head).toMatch(/\d{1,2} [A-Z][a-z]{2} \d{4}/);
    expect(head).toContain('hello@paradigmai.co');
    expect(await page.getByRole('button', { name: 'Copy link' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });

    // Take it again: the same answers come back filled in.
    await page.getByRole('link', { name: 'Take it again' }).click();
    await page.getByText('Your previous answers are filled in.').waitFor();
    const firstQuestion = assessment.questions[0];
    const second = firstQuestion?.options[1]?.id ?? '';
    expect(await page.locator(`input[name="answers.${firstQuestion?.id}"][value="${second}"]`).isChecked()).toBe(true);
    // This time every answer is the strongest.
    await answerAll(page, (i) => (assessment.questions[i]?.options.length ?? 2) - 1);
    expect(await page.locator('.results-score strong').textContent()).not.toBe(firstScore);
    expect(await page.locator('.results-change').textContent()).toMatch(
      new RegExp(`^Since your result of \\d{1,2} [A-Z][a-z]{2}: ${firstScore} → \\d+%, \\+\\d+$`),
    );
    expect(await page.locator('.category-note', { hasText: 'since last time' }).count()).toBe(assessment.categories.length);
    await context.close();
  });
});
