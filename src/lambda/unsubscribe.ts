import { html } from '../quiz/html.ts';
import { createApiHandler } from './api-handler.ts';
import { type ApiEvent, type ApiResult, htmlPage, readBody, renderPlainPage } from './http.ts';
import type { LeadDeps } from './lead-emails.ts';
import { submissionForToken } from './results.ts';
import { emailKey } from './tokens.ts';

/**
 * Handles `/api/unsubscribe?t=…`. GET only shows a confirmation button, because link scanners follow links;
 * POST (the button, or a mail client's RFC 8058 one-click `List-Unsubscribe=One-Click`) unsubscribes.
 * Both are idempotent.
 */
export async function handleUnsubscribe(event: ApiEvent, deps: LeadDeps): Promise<ApiResult> {
  const token = event.queryStringParameters?.t;
  const submission = await submissionForToken(token, deps);
  const page = (title: string, body: ReturnType<typeof html>) =>
    htmlPage(200, renderPlainPage(title, html`<h1>${title}</h1>${body}`, deps.siteName));
  if (event.requestContext.http.method === 'GET') {
    if (submission.unsubscribedAt) {
      return page('You are unsubscribed', html`<p>We will not send you any more emails. You can close this page.</p>`);
    }
    return page(
      'Unsubscribe from our emails?',
      html`<p>We will not send any more follow-up emails to the address you gave with your assessment.</p>
<form method="post" action="/api/unsubscribe?t=${encodeURIComponent(token ?? '')}"><button class="button" type="submit">Unsubscribe</button></form>`,
    );
  }
  if (event.body) readBody(event); // the one-click body is read (and size-checked) but needs nothing from it
  const now = deps.clock.now();
  if (submission.contact) await deps.store.suppress(emailKey(submission.contact.email), now, 'unsubscribed');
  await deps.store.markUnsubscribed(submission.id, now);
  deps.log.info('unsubscribed', { submissionId: submission.id });
  return page(
    'You are unsubscribed',
    html`<p>We will not send you any more emails. Thank you for reading.</p><p><a href="/">Back to the site</a></p>`,
  );
}

/** Builds the Lambda handler of `/api/unsubscribe`. */
export function createUnsubscribeHandler(deps: LeadDeps, options: { originSecret?: string } = {}) {
  return createApiHandler((event) => handleUnsubscribe(event, deps), {
    methods: ['GET', 'POST'],
    log: deps.log,
    originSecret: options.originSecret,
  });
}
