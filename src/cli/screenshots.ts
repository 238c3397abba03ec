/**
 * `npm run screenshots`: full-page pictures of every page in the sitemap, a results page (first attempt and retake,
 * with and without JavaScript) and every email the site sends, at 375 and 1280 px wide, into `screenshots/`
 * (git-ignored), so anyone can review the whole site and its emails at a glance. Runs against the local stack
 * started with `npm run preview` (or `npm start`), which it fills with one sample visitor.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { assessment } from '../assessment.ts';
import { repoRoot } from '../local/running-stack.ts';
import { launchChromium } from './chromium.ts';
import { runningSite, UsageError } from './connect.ts';
import { complain, say } from './format.ts';

const WIDTHS = [375, 1280] as const;
const OUT = resolve(repoRoot, 'screenshots');

/** One email as the local SES inbox (aws-ses-v2-local) keeps it. */
interface InboxEmail {
  subject: string;
  destination: { to: string[] };
  body: { html?: string };
  at: number;
}

/** `/articles/the-hidden-cost/` → `articles-the-hidden-cost`; `/` → `home`. */
const fileName = (path: string) => path.replace(/^\/|\/$/g, '').replace(/[^a-z0-9]+/gi, '-') || 'home';

async function post(url: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json().catch(() => ({}))) as Record<string, unknown>;
}

/** Answers in the middle of every question, weaker on ownership: a result with something to say in each category. */
function sampleAnswers(better = false): Record<string, string> {
  return Object.fromEntries(
    assessment.questions.map((q) => {
      const index = q.category === 'ownership' && !better ? 0 : Math.min(q.options.length - 1, better ? q.options.length - 1 : 2);
      return [q.id, q.options[index]?.id ?? ''];
    }),
  );
}

async function shoot(browser: Browser, name: string, open: (page: import('playwright-core').Page) => Promise<void>, javaScript = true) {
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: javaScript });
    const page = await context.newPage();
    await open(page);
    // Under `npm start`, hide the development toolbar.
    if (javaScript) await page.addStyleTag({ content: 'astro-dev-toolbar { display: none !important; }' }).catch(() => undefined);
    await page.screenshot({ path: resolve(OUT, `${name}-${width}.png`), fullPage: true });
    await context.close();
  }
  say(`  ${name}`);
}

async function main() {
  const stack = runningSite();
  const sitemap = await fetch(`${stack.siteUrl}/sitemap-0.xml`);
  if (!sitemap.ok) {
    throw new UsageError('The running stack serves no sitemap: start it with `npm run preview` (the built site), then run this again.');
  }
  const paths = [...(await sitemap.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] ?? '/').pathname);

  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const started = Date.now();
  const browser = await launchChromium();
  try {
    say(`Pages (${paths.length}):`);
    for (const path of paths) await shoot(browser, fileName(path), (page) => page.goto(`${stack.siteUrl}${path}`).then(() => undefined));

    // One sample visitor: a result with contact details and consent, then a retake of it, and a message from it.
    const email = `sam.sample.${Date.now()}@example.com`;
    const contact = { name: 'Sam Sample', email, company: 'Sample Ltd', consent: true };
    const base = {
      assessmentId: assessment.id,
      assessmentVersion: assessment.version,
      qualifying: { role: 'leads', 'company-size': '11-50', timeline: 'quarter' },
    };
    const control = (name: string) => post(new URL(`/__local/${name}`, stack.apiUrl).href);
    const first = await post(`${stack.siteUrl}/api/submissions`, { ...base, answers: sampleAnswers(), contact });
    // Two hours on, so the retake's results email is not held back by the one-an-hour limit.
    await control(`clock?advanceMs=${2 * 3_600_000}`);
    const retake = await post(`${stack.siteUrl}/api/submissions`, {
      ...base,
      answers: sampleAnswers(true),
      contact,
      retakeOf: first.token,
    });
    await post(`${stack.siteUrl}/api/contact`, {
      name: 'Sam Sample',
      email,
      message: 'We are planning to connect our CRM to invoicing.',
      result: first.token,
    });
    say('A results page:');
    for (const [name, token] of [
      ['results', first.token],
      ['results-retake', retake.token],
    ] as const) {
      const t = encodeURIComponent(String(token));
      await shoot(browser, name, (page) =>
        page.goto(`${stack.siteUrl}/results/?t=${t}`).then(() => page.locator('#results-heading').waitFor()),
      );
      await shoot(
        browser,
        `${name}-without-javascript`,
        (page) => page.goto(`${stack.siteUrl}/api/results/${t}`).then(() => undefined),
        false,
      );
    }

    // The follow-up (days later) and the weekly digest, through the local controls.
    await control(`clock?advanceMs=${4 * 86_400_000}`);
    await control('sweep');
    await control('digest');
    const { emails } = (await (await fetch(`${stack.inboxUrl}/store`)).json()) as { emails: InboxEmail[] };
    const ours = emails.filter((e) => e.at * (e.at < 1e12 ? 1000 : 1) >= started - 60_000 && e.body.html);
    say(`Emails (${ours.length}):`);
    for (const [i, message] of ours.entries()) {
      const name = `email-${String(i + 1).padStart(2, '0')}-${fileName(message.subject.toLowerCase()).slice(0, 60)}`;
      await shoot(browser, name, (page) => page.setContent(message.body.html ?? ''));
    }
  } finally {
    await browser.close();
  }
  say(`\nSaved to ${OUT}/ (${WIDTHS.join(' and ')} px wide).`);
}

main().catch((error: unknown) => {
  complain(error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
