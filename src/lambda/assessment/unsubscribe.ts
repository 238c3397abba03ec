import { html } from '../../quiz/html.ts';
import { countStep } from '../funnel/count-step.ts';
import type { Funnel } from '../funnel/funnel.ts';
import { type ApiEvent, readBody, viewerIp } from '../http/request.ts';
import { type ApiResult, htmlPage, renderPlainPage } from '../http/response.ts';
import { enforceHourlyLimit } from '../limits/hourly-limit.ts';
import type { AddressRules, RequestLimits } from '../limits/limits.ts';
import type { Clock, Log } from '../ports.ts';
import { findSubmissionByToken } from '../submissions/results-token.ts';
import type { Submissions } from '../submissions/submissions.ts';
import { queueWebhooks, type WebhookQueueing } from '../webhook/events.ts';

/** What unsubscribing needs. */
export interface Unsubscribing {
  submissions: Pick<Submissions, 'get' | 'markUnsubscribed'>;
  addresses: Pick<AddressRules, 'suppress'>;
  limits: RequestLimits;
  /** Form posts one network may send per hour (`FORM_POSTS_PER_IP_PER_HOUR`); unsubscribes get ten times it. */
  formPostsPerHour: number;
  funnel: Pick<Funnel, 'count'>;
  webhooks: WebhookQueueing;
  siteName: string;
  clock: Clock;
  log: Log;
}

/**
 * `/api/unsubscribe?t=…`. GET only shows a confirmation button, because link scanners follow links; POST (the
 * button, or a mail client's RFC 8058 one-click `List-Unsubscribe=One-Click`) unsubscribes. Both are idempotent.
 */
export async function unsubscribe(event: ApiEvent, deps: Unsubscribing): Promise<ApiResult> {
  const token = event.queryStringParameters?.t;
  const submission = await findSubmissionByToken(token, deps.submissions);
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
  // Ten times the form limit: mail providers send one-click unsubscribes for many people from a few networks, and
  // only a valid link gets this far.
  const limit = deps.formPostsPerHour * 10;
  await enforceHourlyLimit(deps, 'unsubscribes', viewerIp(event), limit, 'Too many requests from your network this hour.');
  if (submission.contact) await deps.addresses.suppress(submission.contact.email, 'unsubscribed');
  await deps.submissions.markUnsubscribed(submission.id);
  if (!submission.unsubscribedAt) await countStep(deps, 'unsubscribed', submission);
  // The CRM hears of it too (once; a repeat finds the event queued already).
  const marked = { ...submission, unsubscribedAt: submission.unsubscribedAt ?? deps.clock.now().toISOString() };
  await queueWebhooks(marked, deps.webhooks, ['person.unsubscribed']);
  deps.log.info('unsubscribed', { submissionId: submission.id });
  return page(
    'You are unsubscribed',
    html`<p>We will not send you any more emails. Thank you for reading.</p><p><a href="/">Back to the site</a></p>`,
  );
}
