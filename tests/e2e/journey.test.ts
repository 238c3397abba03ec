import { describe, expect, inject, it } from 'vitest';
import { assessment } from '../../src/assessment.ts';
import { useChromium } from '../helpers/browser.ts';
import { readInbox, waitForEmails } from '../helpers/inbox.ts';
import { runLeads } from '../helpers/leads.ts';

const siteUrl = inject('siteUrl');
const inboxUrl = inject('inboxUrl');
const steps = assessment.questions.length + assessment.qualifying.length;
const browser = useChromium();

const local = (path: string) => fetch(`${siteUrl}${path}`, { method: 'POST' });

describe('a prospect, from article to follow-up', () => {
  it('reads, takes the assessment, gets both emails, gets the follow-up when due, and unsubscribes in one click', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    const email = `journey-${Date.now()}@example.com`;
    const mine = (e: { destination: { to: string[] }; replyTo: string[] }) => e.destination.to.includes(email) || e.replyTo.includes(email);

    // Reads the seed article and follows its call to action.
    await page.goto(`${siteUrl}/articles/integration-is-not-a-technical-problem/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Integration is not a technical problem');
    await page.getByRole('link', { name: 'Take the Integration Readiness Assessment' }).click();
    await page.waitForURL(`${siteUrl}/assessment/?from=integration-is-not-a-technical-problem`);

    // Answers every question, mostly in the middle.
    for (let i = 0; i < steps; i += 1) {
      await page
        .locator('.step:not([hidden]) .option label')
        .nth(i % 2 === 0 ? 1 : 2)
        .click();
      await page.getByRole('button', { name: i === steps - 1 ? 'See my results' : 'Next' }).click();
    }
    const headline = await page.locator('#results-heading').textContent();
    expect(headline).toBeTruthy();

    // Leaves name, email and consent.
    await page.getByLabel('Your name').fill('Jo Journey');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Company (optional)').fill('Journey & Sons');
    await page.getByLabel(/follow-up email/).check();
    await page.getByRole('button', { name: 'Email me my results' }).click();
    await page.getByText('Your results are on their way to your inbox.').waitFor();

    const first = await waitForEmails(inboxUrl, mine, 2);
    const results = first.find((e) => e.destination.to.includes(email));
    const lead = first.find((e) => e.destination.to.includes('hello@paradigmai.co'));
    expect(results?.body.html).toContain(headline ?? '');
    expect(results?.body.text).toMatch(/\/results\/\?t=/);
    expect(lead?.subject).toMatch(/^\[[ABC]\] Lead: Jo Journey \(Journey &amp; Sons\)|^\[[ABC]\] Lead: Jo Journey \(Journey & Sons\)/);
    expect(lead?.replyTo).toEqual([email]);
    expect(lead?.body.text).toMatch(/Follow-up: Agreed to one follow-up email \(wording of \d{1,2} [A-Z][a-z]{2} \d{4}\)/);
    // The consultancy sees which article brought the lead, with no cookie involved.
    expect(lead?.body.text).toContain('Article that led here: integration-is-not-a-technical-problem');
    expect(lead?.body.text).toContain('Opened from page: /articles/integration-is-not-a-technical-problem/');

    // "Talk to us" opens the contact form carrying the result, and the click is counted.
    await page.getByRole('link', { name: 'Talk to us' }).first().click();
    await page.waitForURL(/\/contact\/\?result=/);

    // The funnel counted this visit under the article that sent it: counts only, nothing about the visitor.
    const funnel = async () => {
      const counts = (await runLeads(inject('dataDir'), 'funnel', '--json')).out
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { entry: string; step: string; count: number })
        .filter((c) => c.entry === 'article:integration-is-not-a-technical-problem');
      return (step: string) => counts.find((c) => c.step === step)?.count ?? 0;
    };
    let counted = await funnel();
    // The click's beacon is sent as the page changes: give it a moment to land.
    for (let tries = 0; counted('talk') === 0 && tries < 20; tries += 1) {
      await new Promise((r) => setTimeout(r, 100));
      counted = await funnel();
    }
    for (const step of ['view', 'start', 'question-1', `question-${steps}`, 'completed', 'contact', 'talk'])
      expect(counted(step), step).toBeGreaterThan(0);

    // Nothing more today; three days later the sweep sends the follow-up, once.
    await local('/__local/sweep');
    expect(await readInbox(inboxUrl, mine)).toHaveLength(2);
    await local(`/__local/clock?advanceMs=${3 * 86_400_000 + 60_000}`);
    await local('/__local/sweep');
    const afterSweep = await waitForEmails(inboxUrl, mine, 3);
    const followUp = afterSweep.find((e) => e.headers?.some((h) => h.name === 'List-Unsubscribe'));
    expect(followUp).toBeDefined();
    expect(followUp?.headers).toContainEqual({ name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' });
    const unsubscribeUrl = /<([^>]+)>/.exec(followUp?.headers?.find((h) => h.name === 'List-Unsubscribe')?.value ?? '')?.[1] ?? '';
    expect(followUp?.body.html).toContain(unsubscribeUrl.replace(/&/g, '&amp;'));

    // A mail client's one-click unsubscribe (RFC 8058), then no further email to that address.
    const oneClick = await fetch(`${siteUrl}${new URL(unsubscribeUrl).pathname}${new URL(unsubscribeUrl).search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    await local(`/__local/clock?advanceMs=${7 * 86_400_000}`);
    await local('/__local/sweep');
    expect(await readInbox(inboxUrl, mine)).toHaveLength(3);
    await context.close();
  });
});

describe('the manual-cost calculator', () => {
  it('recalculates as the visitor types, explains bad input, and keeps the numbers in the address', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    const path = '/articles/the-hidden-cost-of-doing-it-manually/';
    await page.goto(`${siteUrl}${path}`);
    await page.getByLabel('Minutes per task').fill('30');
    await page.getByText(/The true cost is \d/).waitFor();
    expect(page.url()).toContain('minutes=30');
    expect(await page.locator('[data-out="naiveHours"]').textContent()).toBe('920');
    // Every row of the table has its cost, and they add up to the total.
    const costs = await Promise.all(
      ['naiveCost', 'overheadCost', 'reworkCost', 'trueCost'].map(async (name) =>
        Number((await page.locator(`[data-out="${name}"]`).textContent())?.replace(/[^\d]/g, '')),
      ),
    );
    expect(Math.abs((costs[0] ?? 0) + (costs[1] ?? 0) + (costs[2] ?? 0) - (costs[3] ?? 0))).toBeLessThanOrEqual(2);
    await page.getByLabel('Error rate').fill('250');
    expect(await page.getByText('Error rate: enter a number from 0 to 100.').isVisible()).toBe(true);
    expect(await page.locator('.calculator').textContent()).not.toContain('NaN');
    // Inputs side by side stay in line and the same height, with an error shown and hints of different lengths.
    for (const width of [1280, 700]) {
      await page.setViewportSize({ width, height: 900 });
      const boxes = await page.locator('.calculator-form input').evaluateAll((inputs) =>
        inputs.map((input) => {
          const box = input.getBoundingClientRect();
          return { top: Math.round(box.top), height: Math.round(box.height) };
        }),
      );
      expect(new Set(boxes.map((b) => b.height)).size, `input heights at ${width} px`).toBe(1);
      const rows = Map.groupBy(boxes, (b) => b.top);
      expect(rows.size, `rows of inputs at ${width} px`).toBeLessThan(boxes.length);
    }
    // The shared address reopens the same numbers.
    const shared = await context.newPage();
    await shared.goto(page.url());
    expect(await shared.getByLabel('Error rate').inputValue()).toBe('250');
    expect(await shared.getByLabel('Minutes per task').inputValue()).toBe('30');
    await context.close();
  });

  it('shows the worked example as plain HTML without JavaScript', async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${siteUrl}/articles/the-hidden-cost-of-doing-it-manually/`);
    expect(await page.getByText('The true cost is 2.7 times the usual estimate.').isVisible()).toBe(true);
    expect(await page.locator('[data-calculator-form]').isVisible()).toBe(false);
    await context.close();
  });
});
