import { describe, expect, inject, it } from 'vitest';
import { assessment } from '../../src/assessment.ts';
import { useChromium } from '../helpers/browser.ts';
import { runSeed } from '../helpers/leads.ts';

const siteUrl = inject('siteUrl');
const browser = useChromium();

describe('a result compared with other respondents', () => {
  it('appears once `npm run seed` has filled the local stack, on the page the API renders without JavaScript', async () => {
    // Prepare: thirty sample respondents through the real API, from their own loopback addresses.
    const seeded = await runSeed(inject('dataDir'), '--count', '30');
    expect(seeded.out).toContain('Stored 30 sample assessments');
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    // Act: a visitor without JavaScript answers every question.
    await page.goto(`${siteUrl}/assessment/`);
    for (const question of assessment.questions) await page.locator(`input[name="answers.${question.id}"]`).nth(2).check();
    await page.getByRole('button', { name: 'See my results' }).click();
    await page.locator('#results-heading').waitFor();
    // Assess
    const sentence = await page.locator('.results-benchmark').textContent();
    expect(sentence).toMatch(/^You are ahead of \d{1,3}% of the \d+ organisations that took this assessment\.$/);
    expect(await page.locator('.category-note', { hasText: 'ahead of' }).count()).toBe(assessment.categories.length);
    const token = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
    const api = (await (await fetch(`${siteUrl}/api/results/${encodeURIComponent(token)}`)).json()) as {
      benchmark?: { respondents: number };
    };
    expect(api.benchmark?.respondents).toBeGreaterThanOrEqual(30);
    await context.close();
  });
});
