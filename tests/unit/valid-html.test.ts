import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../../src/lambda/http/response.ts';
import { strongestAnswers, submissionBody } from '../fixtures/answers.ts';
import { fakeBackend } from '../helpers/backend.ts';
import { apiEvent, formPost, jsonPost } from '../helpers/events.ts';
import { everyEmail } from '../helpers/every-email.ts';
import { distDir } from '../helpers/site.ts';
import { validateHtml } from '../helpers/vnu.ts';

/** One JVM start is most of a run: give the checker time for its batch. */
const CHECKER_TIMEOUT = 120_000;
const asHtml = { accept: 'text/html' };

/** Every page the API renders for a browser: the results without JavaScript, its notices, confirmations and errors. */
async function pagesTheApiRenders(): Promise<{ name: string; html: string }[]> {
  const { backend } = fakeBackend({
    site: { booking: { url: 'https://cal.com/paradigm/intro', provider: 'cal.com', grades: ['A'] }, followUpConsent: 'confirmed' },
  });
  const pages: { name: string; html: string; response: ApiResult }[] = [];
  const keep = (name: string, response: ApiResult) => pages.push({ name, html: String(response.body ?? ''), response });
  const stored = async (body: Record<string, unknown>) =>
    (JSON.parse((await backend.submissions(jsonPost('/api/submissions', submissionBody(body)))).body ?? '{}') as { token: string }).token;
  const anonymous = await stored({});
  const consenting = await stored({ answers: strongestAnswers, contact: { name: 'Ada', email: 'ada@example.com', consent: true } });
  const results = (token: string, query?: Record<string, string>) =>
    backend.results({
      ...apiEvent({ method: 'GET', path: `/api/results/${token}`, headers: asHtml, ...(query && { query }) }),
      pathParameters: { token },
    });
  keep('results without JavaScript', await results(anonymous));
  for (const sent of ['yes', 'limited', 'unsubscribed']) keep(`results, notice ${sent}`, await results(anonymous, { sent }));
  keep('results with details left and a booking offered', await results(consenting));
  keep('results: unknown link', await results(`${'0'.repeat(32)}.${'A'.repeat(32)}`));
  keep(
    'assessment form with errors',
    await backend.submissions(formPost('/api/submissions', { assessmentId: 'integration-readiness', assessmentVersion: 'x' })),
  );
  keep('contact form with errors', await backend.contact(formPost('/api/contact', { name: '', email: 'x', message: '' })));
  keep(
    'results contact form with errors',
    await backend['results-contact']({
      ...formPost(`/api/results/${anonymous}/contact`, { name: '', email: 'not an address' }),
      pathParameters: { token: anonymous },
    }),
  );
  const unsubscribe = (method: string) =>
    backend.unsubscribe(apiEvent({ method, path: '/api/unsubscribe', query: { t: consenting }, headers: asHtml }));
  keep('unsubscribe: the button', await unsubscribe('GET'));
  keep('unsubscribe: done', await unsubscribe('POST'));
  keep(
    'unsubscribe: unknown link',
    await backend.unsubscribe(apiEvent({ method: 'GET', path: '/api/unsubscribe', query: { t: 'nope' }, headers: asHtml })),
  );
  const confirm = (method: string, token: string) =>
    backend['follow-up-consent'](
      apiEvent({
        method,
        path: '/api/follow-up',
        query: { t: token },
        ...(method === 'POST' && { body: '', contentType: 'application/x-www-form-urlencoded' }),
      }),
    );
  const confirming = await stored({ contact: { name: 'Bo', email: 'bo@example.com', consent: true } });
  keep('follow-up: the button', await confirm('GET', confirming));
  keep('follow-up: confirmed', await confirm('POST', confirming));
  keep('follow-up: none asked for', await confirm('GET', anonymous));
  for (const page of pages) expect(page.response.headers?.['content-type'], page.name).toMatch(/^text\/html/);
  return pages.map(({ name, html }) => ({ name, html }));
}

describe('the Nu Html Checker', () => {
  it('finds no error on any built page', { timeout: CHECKER_TIMEOUT }, () => {
    if (!existsSync(join(distDir, 'index.html')))
      throw new Error('dist/ has no build. Run `npm run build` first (npm test does it for you).');
    const pages = readdirSync(distDir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.html'))
      .map((f) => join(distDir, f));
    expect(pages.length).toBeGreaterThan(10);
    expect(validateHtml(pages)).toEqual([]);
  });

  it('finds no error on any page the API renders', { timeout: CHECKER_TIMEOUT }, async () => {
    const pages = await pagesTheApiRenders();
    expect(validateHtml(pages)).toEqual([]);
  });

  it('finds no error in any email', { timeout: CHECKER_TIMEOUT }, async () => {
    const sent = [...(await everyEmail()), ...(await everyEmail({ followUpConsent: 'confirmed' }))];
    expect(sent.length).toBeGreaterThanOrEqual(8);
    expect(validateHtml(sent.map((email, i) => ({ name: `${email.subject} (${i})`, html: email.html })))).toEqual([]);
  });

  it('reports a stray script after </html>, as the assessment page once had', { timeout: CHECKER_TIMEOUT }, () => {
    const page = '<!doctype html><html lang="en"><head><title>t</title></head><body><p>x</p></body></html><script src="/a.js"></script>';
    expect(validateHtml([{ name: 'page', html: page }])).toEqual([
      'page:1: Stray start tag “script”.',
      'page:1: fatal: Cannot recover after last error. Any further errors will be ignored.',
    ]);
  });
});
