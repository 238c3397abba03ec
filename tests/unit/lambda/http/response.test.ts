import { describe, expect, it } from 'vitest';
import { ConflictError, RateLimitedError, ServiceUnavailableError } from '../../../../src/lambda/errors.ts';
import { describeError, errorResponse } from '../../../../src/lambda/http/response.ts';
import { apiEvent } from '../../../helpers/events.ts';

describe('describeError', () => {
  it.each([
    [new ConflictError('x'), 409, {}],
    [new RateLimitedError('slow down', 30), 429, { 'retry-after': '30' }],
    [new ServiceUnavailableError('busy', 5), 503, { 'retry-after': '5' }],
  ])('maps %s to its status and headers', (error, status, headers) => {
    expect(describeError(error)).toMatchObject({ status, headers });
  });

  it('hides the detail of an unexpected error behind a generic 500', () => {
    const result = errorResponse(apiEvent({ path: '/x', contentType: 'application/json' }), new Error('table arn:aws:... exploded'));
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('exploded');
    expect(JSON.parse(result.body ?? '').error.message).toMatch(/try again/);
  });
});

describe('renderPlainPage', () => {
  it('frames every page the API renders exactly as the site does: language, head, header with the wordmark, footer', async () => {
    const { renderPlainPage } = await import('../../../../src/lambda/http/response.ts');
    const { headEssentials, siteFooter, siteHeader } = await import('../../../../src/site-frame.ts');
    const { html } = await import('../../../../src/quiz/html.ts');
    const { siteConfig } = await import('../../../../src/site-config.ts');
    const page = renderPlainPage('Your results', html`<p>Body</p>`, 'Paradigm AI', '/assessment/').toString();
    expect(page).toContain(`<html lang="${siteConfig.locale}">`);
    expect(page).toContain(siteHeader('/assessment/').toString());
    expect(page).toContain(siteFooter().toString());
    expect(page).toContain(headEssentials('/styles/site.css').toString());
    expect(page).toContain('<a href="/assessment/" aria-current="page">Assessment</a>');
    expect(page).toContain('<title>Your results · Paradigm AI</title>');
  });
});
