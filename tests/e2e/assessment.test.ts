import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { assessment } from '../../src/assessment.ts';
import { useChromium } from '../helpers/browser.ts';
import { waitForEmails } from '../helpers/inbox.ts';

const siteUrl = inject('siteUrl');
const inboxUrl = inject('inboxUrl');
const steps = assessment.questions.length + assessment.qualifying.length;
const browser = useChromium();

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Answers the visible step by clicking the option at `index` (wrapping), then moves on. */
async function answerSteps(page: Page, count: number, pick = (i: number) => i % 3) {
  for (let i = 0; i < count; i += 1) {
    const options = page.locator('.step:not([hidden]) .option label');
    await options.nth(pick(i) % (await options.count())).click();
    await page.getByRole('button', { name: i === steps - 1 ? 'See my results' : 'Next' }).click();
  }
}

describe('the Integration Readiness Assessment', () => {
  it('takes a visitor through one question at a time to a scored result, then emails it', async () => {
    // Prepare
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${siteUrl}/assessment/?utm_source=e2e`);
    expect(await page.getByText(`Question 1 of ${steps}`, { exact: true }).isVisible()).toBe(true);
    // Said once on screen, by the progress line (the legend's own count is for the page without JavaScript).
    // biome-ignore lint/performance/useDomNodeTextContent: what is on screen, hidden text excluded
    expect(await page.evaluate(() => document.body.innerText.match(/Question 1 of \d+/g)?.length)).toBe(1);
    expect(await page.locator('.step:not([hidden])').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    // Act
    await answerSteps(page, steps);

    // Assess: the results, with a bar per category and the talk call
    const heading = page.locator('#results-heading');
    await heading.waitFor();
    expect(await heading.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.locator('.category-row').count()).toBe(assessment.categories.length);
    expect(await page.getByRole('link', { name: 'Talk to us' }).last().getAttribute('href')).toMatch(/^\/contact\/\?result=[\w.%-]+$/);
    expect(await axeViolations(page)).toEqual([]);
    // Printed, it is a clean report: the wordmark but no navigation, no forms, the results themselves.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-nav').isVisible()).toBe(false);
    expect(await page.locator('.results-email').isVisible()).toBe(false);
    expect(await page.locator('.category-row').first().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // The visitor leaves their details and consent
    const email = `e2e-${Date.now()}@example.com`;
    await page.getByLabel('Your name').fill('Erin Endtoend');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel(/follow-up email/).check();
    await page.getByRole('button', { name: 'Email me my results' }).click();
    await page.getByText('Your results are on their way to your inbox.').waitFor();
    const emails = await waitForEmails(inboxUrl, (e) => e.destination.to.includes(email) || e.replyTo.includes(email), 2);
    expect(emails).toHaveLength(2);
    expect(emails.find((e) => e.destination.to.includes(email))?.subject).toBe('Your Integration Readiness results');
    expect(emails.find((e) => e.destination.to.includes('hello@paradigmai.co'))?.subject).toMatch(/^\[[ABC]\] Lead: Erin Endtoend/);
    const lead = emails.find((e) => e.subject.includes('Lead'));
    expect(lead?.body.text).toContain('utm_source: e2e');
    // Both emails fit a 375 px phone and a 600 px email column without sideways scrolling.
    for (const sent of emails) {
      for (const width of [375, 600]) {
        const view = await context.newPage();
        await view.setViewportSize({ width, height: 800 });
        await view.setContent(sent.body.html ?? '');
        expect(await view.evaluate(() => document.documentElement.scrollWidth), `${sent.subject} at ${width} px`).toBeLessThanOrEqual(
          width,
        );
        await view.close();
      }
    }

    // The results link from the email opens the same results in a fresh browser
    const link = /https?:\/\/\S+\/results\/\?t=[\w.-]+/.exec(emails.find((e) => !e.subject.includes('Lead'))?.body.text ?? '')?.[0];
    expect(link).toBeDefined();
    const fresh = await browser().newContext();
    const reopened = await fresh.newPage();
    await reopened.goto(`${siteUrl}${new URL(link ?? '').pathname}${new URL(link ?? '').search}`);
    await reopened.locator('#results-heading').waitFor();
    expect(await reopened.locator('#results-heading').textContent()).toBe(await heading.textContent());
    expect(await axeViolations(reopened)).toEqual([]);
    await fresh.close();
    await context.close();
  });

  it('names a skip a skip, and reports each question reached once and in order, skipped ones included', async () => {
    // Prepare
    const context = await browser().newContext();
    const page = await context.newPage();
    const beacons: string[] = [];
    await page.route('**/api/events', async (route) => {
      const body = JSON.parse(route.request().postDataBuffer()?.toString() ?? '{}') as { step: string; question?: number };
      beacons.push(body.question ? `${body.step}-${body.question}` : body.step);
      await route.continue();
    });
    await page.goto(`${siteUrl}/assessment/`);
    const forward = page.locator('[data-next]');
    // Act: question 1 skipped, question 2 answered, on to question 3
    expect(await forward.textContent()).toBe('Skip');
    await forward.click();
    await page.getByText(`Question 2 of ${steps}`, { exact: true }).waitFor();
    expect(await forward.textContent()).toBe('Skip');
    await page.locator('.step:not([hidden]) .option label').first().click();
    expect(await forward.textContent()).toBe('Next');
    await forward.click();
    await page.getByText(`Question 3 of ${steps}`, { exact: true }).waitFor();
    // Back and forward again reports nothing twice.
    await page.getByRole('button', { name: 'Back' }).click();
    expect(await forward.textContent()).toBe('Next');
    await forward.click();
    await page.getByText(`Question 3 of ${steps}`, { exact: true }).waitFor();
    // Assess
    await expect.poll(() => beacons.length).toBeGreaterThanOrEqual(5);
    expect(beacons).toEqual(['view', 'start', 'question-1', 'question-2', 'question-3']);
    await context.close();
  });

  it('works end to end with JavaScript turned off', async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${siteUrl}/assessment/`);
    expect(await page.locator('fieldset').count()).toBe(steps);
    for (const question of assessment.questions) {
      await page.locator(`input[name="answers.${question.id}"]`).nth(2).check();
    }
    await page.getByRole('button', { name: 'See my results' }).click();
    await page.locator('#results-heading').waitFor();
    expect(page.url()).toContain('/api/results/');
    expect(await page.locator('.category-row').count()).toBe(assessment.categories.length);
    const resultsPageUrl = page.url();
    const email = `nojs-${Date.now()}@example.com`;
    await page.getByLabel('Your name').fill('Nora Noscript');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByRole('button', { name: 'Email me my results' }).click();
    await page.getByText('Your results are on their way to your inbox.').waitFor();
    expect(await waitForEmails(inboxUrl, (e) => e.destination.to.includes(email))).toHaveLength(1);
    // The pages the API renders (results, unsubscribe) are accessible too; axe itself needs JavaScript to run.
    const token = decodeURIComponent(new URL(resultsPageUrl).pathname.split('/').at(-1) ?? '');
    const unsubscribeUrl = `${siteUrl}/api/unsubscribe?t=${encodeURIComponent(token)}`;
    const checker = await browser().newContext();
    const checked = await checker.newPage();
    for (const url of [resultsPageUrl, unsubscribeUrl]) {
      await checked.goto(url);
      expect(await axeViolations(checked), url).toEqual([]);
    }
    await checker.close();
    await page.goto(unsubscribeUrl);
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
    await context.close();
  });

  it('resumes where the visitor was after a reload', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${siteUrl}/assessment/`);
    await answerSteps(page, 5, () => 1);
    await page.reload();
    await page.getByText(`Question 6 of ${steps}`, { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Back' }).click();
    const checked = page.locator('.step:not([hidden]) input:checked');
    expect(await checked.count()).toBe(1);
    expect(await checked.getAttribute('value')).toBe(assessment.questions[4]?.options[1]?.id);
    await context.close();
  });

  it('can be completed with the keyboard alone, focus moving to each new question', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${siteUrl}/assessment/`);
    await page.locator('.step:not([hidden]) input').first().focus();
    for (let i = 0; i < steps; i += 1) {
      // Arrow keys choose an option; Enter moves on (and on the last step, submits).
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      if (i < steps - 1) {
        await page.getByText(`Question ${i + 2} of ${steps}`, { exact: true }).waitFor();
        expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('FIELDSET');
        await page.keyboard.press('Tab');
      }
    }
    await page.locator('#results-heading').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results-heading');
    await context.close();
  });

  it.each([320, 360])('fits a %i px wide phone screen without sideways scrolling', async (width) => {
    const context = await browser().newContext({ viewport: { width, height: 640 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${siteUrl}/assessment/`);
    await answerSteps(page, steps);
    await page.locator('#results-heading').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await context.close();
  });
});
