import { html } from '../../quiz/html.ts';
import { countStep } from '../funnel/count-step.ts';
import { enforceHourlyLimit } from '../http/rate-limit.ts';
import { type ApiEvent, readBody, viewerIp } from '../http/request.ts';
import { type ApiResult, htmlPage, renderPlainPage } from '../http/response.ts';
import type { BackendContext } from '../ports.ts';
import { queueWebhooks } from '../webhook/events.ts';
import { findSubmissionByToken } from './results-token.ts';

/**
 * `/api/unsubscribe?t=…`. GET only shows a confirmation button, because link scanners follow links; POST (the
 * button, or a mail client's RFC 8058 one-click `List-Unsubscribe=One-Click`) unsubscribes. Both are idempotent.
 */
export async function unsubscribe(event: ApiEvent, context: BackendContext): Promise<ApiResult> {
  const token = event.queryStringParameters?.t;
  const submission = await findSubmissionByToken(token, context.store);
  const page = (title: string, body: ReturnType<typeof html>) =>
    htmlPage(200, renderPlainPage(title, html`<h1>${title}</h1>${body}`, context.siteName));
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
  // Ten times the form limit: mail providers send one-click unsubscribes for many people from a few networks, and
  // only a valid link gets this far.
  const limit = context.settings.FORM_POSTS_PER_IP_PER_HOUR * 10;
  await enforceHourlyLimit(context, 'unsubscribes', viewerIp(event), limit, 'Too many requests from your network this hour.');
  if (submission.contact) await context.store.suppress(submission.contact.email, 'unsubscribed');
  await context.store.markUnsubscribed(submission.id);
  if (!submission.unsubscribedAt) await countStep(context, 'unsubscribed', submission);
  // The CRM hears of it too (once; a repeat finds the event queued already).
  const marked = { ...submission, unsubscribedAt: submission.unsubscribedAt ?? context.clock.now().toISOString() };
  await queueWebhooks(marked, context, ['person.unsubscribed']);
  context.log.info('unsubscribed', { submissionId: submission.id });
  return page(
    'You are unsubscribed',
    html`<p>We will not send you any more emails. Thank you for reading.</p><p><a href="/">Back to the site</a></p>`,
  );
}
