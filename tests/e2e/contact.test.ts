import { describe, expect, inject, it } from 'vitest';
import { assessment } from '../../src/assessment.ts';
import { useChromium } from '../helpers/browser.ts';
import { waitForEmails } from '../helpers/inbox.ts';

const siteUrl = inject('siteUrl');
const inboxUrl = inject('inboxUrl');
const browser = useChromium();

describe('the contact page', () => {
  it('sends a message, shows the confirmation, and the consultancy receives it', async () => {
    // Prepare
    const context = await browser().newContext();
    const page = await context.newPage();
    const name = `Ada Browser ${Date.now()}`;
    await page.goto(`${siteUrl}/contact/`);

    // Act
    await page.getByLabel('Your name').fill(name);
    await page.getByLabel('Email').fill('ada.browser@example.com');
    await page.getByLabel('Company').fill('Analytical Engines Ltd');
    await page.getByLabel('What are you working on?').fill('We are connecting our CRM to invoicing and want a second opinion.');
    await page.getByRole('button', { name: 'Send message' }).click();

    // Assess
    const confirmation = page.getByRole('heading', { name: 'Thank you, your message is on its way' });
    await confirmation.waitFor();
    expect(page.url()).toBe(`${siteUrl}/contact/`);
    const emails = await waitForEmails(inboxUrl, (e) => e.subject.includes(name));
    expect(emails).toHaveLength(1);
    expect(emails[0]?.replyTo).toEqual(['ada.browser@example.com']);
    expect(emails[0]?.body.text).toContain('connecting our CRM to invoicing');
    await context.close();
  });

  it('carries the result a visitor writes from ("Talk to us" on their results), and the consultancy’s email links it', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    // Prepare: a stored result, opened as its "Talk to us" link opens the contact page.
    const submitted = await fetch(`${siteUrl}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ assessmentId: assessment.id, assessmentVersion: assessment.version, answers: {}, qualifying: {} }),
    });
    const { token } = (await submitted.json()) as { token: string };
    const name = `Talk From Results ${Date.now()}`;
    await page.goto(`${siteUrl}/contact/?result=${encodeURIComponent(token)}`);
    await page.getByText('Your assessment result goes with your message').waitFor();
    // Act
    await page.getByLabel('Your name').fill(name);
    await page.getByLabel('Email').fill('talk@example.com');
    await page.getByLabel('What are you working on?').fill('About my result.');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByRole('heading', { name: 'Thank you, your message is on its way' }).waitFor();
    // Assess
    const [email] = await waitForEmails(inboxUrl, (e) => e.subject.includes(name));
    expect(email?.body.text).toContain(`/results/?t=${encodeURIComponent(token)}`);
    expect(email?.body.text).toMatch(/Their assessment: lead grade [ABC] · result/);
    await context.close();
  });

  it('shows what to fix, next to the field and in a focused summary', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(`${siteUrl}/contact/`);
    await page.getByLabel('Your name').fill('Ada');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByRole('button', { name: 'Send message' }).click();
    const summary = page.locator('[data-error-summary]');
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    expect(await summary.textContent()).toContain('Enter an email address like name@example.com.');
    expect(await summary.locator('li').allTextContents()).toEqual(
      expect.arrayContaining(['Email: Enter an email address like name@example.com.', 'What are you working on? Write a message.']),
    );
    await context.close();
  });

  it('works with JavaScript turned off: the form posts and lands on the thank-you page', async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const name = `No Script ${Date.now()}`;
    await page.goto(`${siteUrl}/contact/`);
    await page.getByLabel('Your name').fill(name);
    await page.getByLabel('Email').fill('noscript@example.com');
    await page.getByLabel('What are you working on?').fill('Plain HTML still works.');
    await Promise.all([page.waitForURL(`${siteUrl}/contact/thanks/`), page.getByRole('button', { name: 'Send message' }).click()]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Thank you');
    expect(await waitForEmails(inboxUrl, (e) => e.subject.includes(name))).toHaveLength(1);
    await context.close();
  });
});
