import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { assessment } from '../../src/assessment.ts';
import { useChromium } from '../helpers/browser.ts';

const siteUrl = inject('siteUrl');
const browser = useChromium();
const steps = assessment.questions.length + assessment.qualifying.length;
const ARTICLE = '/articles/integration-is-not-a-technical-problem/';

/** Answers every step with the second option and sends. */
async function answerAll(page: Page) {
  for (let i = 0; i < steps; i += 1) {
    await page.locator('.step:not([hidden]) .option label').nth(1).click();
    await page.getByRole('button', { name: i === steps - 1 ? 'See my results' : 'Next' }).click();
  }
  await page.locator('#results-heading').waitFor();
}

describe('a result is never lost', () => {
  it('puts the result’s own link in the address bar: Reload shows it again, Back leaves for the page before, /assessment/ offers it back', async () => {
    // Prepare: a visitor on a phone comes from an article.
    const context = await browser().newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${siteUrl}${ARTICLE}`);
    await page.goto(`${siteUrl}/assessment/`);
    // Act: finishes the assessment.
    await answerAll(page);
    const score = await page.locator('.results-score strong').textContent();
    // Assess: the address is the result's link, and the title says so.
    expect(page.url()).toMatch(new RegExp(`^${siteUrl}/results/\\?t=[\\w.%-]+$`));
    expect(await page.title()).toMatch(/^Your results · /);
    const resultUrl = page.url();

    // Reload: the same result, not a blank "Question 1 of 24".
    await page.reload();
    await page.locator('#results-heading').waitFor();
    expect(await page.locator('.results-score strong').textContent()).toBe(score);
    expect(page.url()).toBe(resultUrl);

    // Back: to the article the visitor came from; Forward: the result again.
    await page.goBack();
    await page.waitForURL(`${siteUrl}${ARTICLE}`);
    await page.goForward();
    await page.locator('#results-heading').waitFor();
    expect(await page.locator('.results-score strong').textContent()).toBe(score);

    // Coming back later to /assessment/: the last result is offered, and opens.
    await page.goto(`${siteUrl}/assessment/`);
    const offer = page.locator('[data-last-result]');
    await offer.waitFor();
    expect(await offer.textContent()).toMatch(
      /^You took this assessment on \d{1,2} [A-Z][a-z]+ \d{4}\. See your last result, or answer again below\.$/,
    );
    expect(await page.locator('[data-progress-text]', { hasText: `Question 1 of ${steps}` }).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'See your last result' }).click();
    await page.locator('#results-heading').waitFor();
    expect(page.url()).toBe(resultUrl);
    expect(await page.locator('.results-score strong').textContent()).toBe(score);
    await context.close();
  });

  it('offers nothing to a visitor who never finished on this device, and forgets a result whose link no longer opens', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${siteUrl}/assessment/`);
    await page.locator('[data-progress-text]', { hasText: `Question 1 of ${steps}` }).waitFor();
    expect(await page.locator('[data-last-result]').isVisible()).toBe(false);
    // A kept result that has since been erased.
    await page.evaluate((id) => {
      localStorage.setItem(`assessment:${id}:last-result`, JSON.stringify({ token: 'gone.x', takenAt: new Date().toISOString() }));
    }, assessment.id);
    await page.reload();
    await page.getByRole('link', { name: 'See your last result' }).click();
    await page.getByText('These results have expired or the link is not complete.').waitFor();
    await page.goto(`${siteUrl}/assessment/`);
    await page.locator('[data-progress-text]', { hasText: `Question 1 of ${steps}` }).waitFor();
    expect(await page.locator('[data-last-result]').isVisible()).toBe(false);
    await context.close();
  });
});

describe('every link on a result works without JavaScript', () => {
  it('links the page rendered without JavaScript to itself, and that link opens the result without JavaScript', async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${siteUrl}/assessment/`);
    for (const question of assessment.questions) await page.locator(`input[name="answers.${question.id}"]`).nth(1).check();
    await page.getByRole('button', { name: 'See my results' }).click();
    await page.locator('#results-heading').waitFor();
    const score = await page.locator('.results-score strong').textContent();
    const link = page.getByRole('link', { name: 'Link to these results' });
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toBe(page.url());
    // Opened afresh (a new tab, a bookmark): the result, not a page that needs JavaScript.
    const other = await context.newPage();
    await other.goto(href);
    await other.locator('#results-heading').waitFor();
    expect(await other.locator('.results-score strong').textContent()).toBe(score);
    // biome-ignore lint/performance/useDomNodeTextContent: what is on screen
    expect(await other.locator('body').innerText()).not.toMatch(/JavaScript/);
    // Every other link on the page opens a page that answers.
    const hrefs = await page.locator('main a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    for (const target of new Set(hrefs.filter((h) => h.startsWith(siteUrl)).map((h) => h.split('#')[0] ?? h))) {
      expect((await other.goto(target))?.status(), target).toBe(200);
    }
    await context.close();
  });

  it('says on the results page without JavaScript what to do, and never that an email was sent', async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${siteUrl}/results/?t=anything`);
    // biome-ignore lint/performance/useDomNodeTextContent: what is on screen
    const text = await page.locator('main').innerText();
    expect(text).toContain('Turn it on and reload this page');
    expect(text).not.toMatch(/email we sent/i);
    await context.close();
  });
});
