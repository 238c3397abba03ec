import { html, type SafeHtml } from '../../quiz/html.ts';
import type { ConsentConfirmations } from '../consent/confirmations.ts';
import type { QueuedEmails } from '../email/send-emails.ts';
import { type ApiEvent, readBody, viewerIp } from '../http/request.ts';
import { type ApiResult, htmlPage, renderPlainPage } from '../http/response.ts';
import { enforceHourlyLimit } from '../limits/hourly-limit.ts';
import type { RequestLimits } from '../limits/limits.ts';
import type { Clock, Log } from '../ports.ts';
import type { StoredSubmission } from '../records.ts';
import { findSubmissionByToken } from '../submissions/results-token.ts';
import type { Submissions } from '../submissions/submissions.ts';

/** What confirming the follow-up needs. */
export interface ConfirmingFollowUp {
  submissions: Pick<Submissions, 'get'>;
  confirmations: ConsentConfirmations;
  /** Queues the follow-up of a submission whose consent is now confirmed (idempotent). */
  queueFollowUp(submission: StoredSubmission): Promise<QueuedEmails>;
  limits: RequestLimits;
  /** Form posts one network may send per hour (`FORM_POSTS_PER_IP_PER_HOUR`). */
  formPostsPerHour: number;
  /** Days after confirming when the follow-up is sent. */
  followUpDelayDays: number;
  siteName: string;
  clock: Clock;
  log: Log;
}

/** How a confirmation is recorded: where the visitor pressed the button. */
export const CONFIRMED_HOW = 'the "Yes, send me the follow-up" button of the results email';

/**
 * `/api/follow-up?t=…`, for double opt-in. GET shows what the visitor is confirming and a button (link scanners follow
 * links, and must confirm nothing); POST records when and how it was confirmed, then queues the follow-up. A repeat
 * changes nothing and answers as the first did.
 */
export async function confirmFollowUp(event: ApiEvent, deps: ConfirmingFollowUp): Promise<ApiResult> {
  const token = event.queryStringParameters?.t ?? '';
  const submission = await findSubmissionByToken(token, deps.submissions);
  const page = (title: string, body: SafeHtml) => htmlPage(200, renderPlainPage(title, html`<h1>${title}</h1>${body}`, deps.siteName));
  const consent = submission.contact?.consent;
  const home = html`<p><a href="/">Back to the site</a></p>`;
  if (!consent?.given) {
    return page(
      'No follow-up was asked for',
      html`<p>These results did not ask for a follow-up email, so there is nothing to confirm and we will not send one.</p>${home}`,
    );
  }
  if (submission.unsubscribedAt) {
    return page('You are unsubscribed', html`<p>This address asked us to stop emailing it, so we will not send the follow-up.</p>${home}`);
  }
  const days = deps.followUpDelayDays;
  const onItsWay = (at: string) =>
    page(
      'Your follow-up is on its way',
      html`<p>You confirmed on ${new Date(at).toUTCString().slice(5, 16)}. We will send one email with practical advice for your weakest area about ${days} ${days === 1 ? 'day' : 'days'} after that, and nothing more unless you write to us.</p>${home}`,
    );
  if (event.requestContext.http.method === 'GET') {
    if (consent.confirmed) return onItsWay(consent.confirmed.at);
    return page(
      'Send you the follow-up?',
      html`<p>You asked for one follow-up email with practical advice for your weakest area. Confirm that this address is yours and that you want it.</p>
<form method="post" action="/api/follow-up?t=${encodeURIComponent(token)}"><button class="button" type="submit">Yes, send me the follow-up</button></form>
<p>If you did not ask for it, close this page: we will send nothing.</p>`,
    );
  }
  if (event.body) readBody(event); // the button's body is read (and size-checked) but carries nothing
  await enforceHourlyLimit(
    deps,
    'follow-up-confirmations',
    viewerIp(event),
    deps.formPostsPerHour,
    'Too many requests from your network this hour.',
  );
  const confirmed = consent.confirmed ?? { at: deps.clock.now().toISOString(), how: CONFIRMED_HOW };
  if (!consent.confirmed && (await deps.confirmations.confirm(submission.id, confirmed))) {
    deps.log.info('follow-up confirmed', { submissionId: submission.id });
  }
  // Queued on every confirmation, a repeat included: it finishes what an interrupted first attempt left undone.
  const contact = submission.contact;
  if (contact) await deps.queueFollowUp({ ...submission, contact: { ...contact, consent: { ...consent, confirmed } } });
  return onItsWay(confirmed.at);
}
