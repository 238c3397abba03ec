import { html } from '../../quiz/html.ts';
import { resultsUrl } from '../../quiz/render-results.ts';
import { type AssessmentResult, weakestCategory } from '../../quiz/score.ts';
import { formatToken, unsubscribeUrl } from '../assessment/results-token.ts';
import { emailCopy, type FollowUpCopy } from './copy.ts';
import { type RenderedEmail, renderEmailLayout } from './layout.ts';
import { emailButton } from './parts.ts';
import type { EmailKindDefinition } from './registry.ts';

/** Renders the follow-up, keyed to the visitor's weakest category, with a visible unsubscribe link. */
export function renderFollowUp(options: {
  name: string;
  result: AssessmentResult;
  token: string;
  unsubscribeUrl: string;
  siteUrl: string;
  siteName: string;
  copy: FollowUpCopy;
}): RenderedEmail {
  const { copy } = options;
  const weakest = weakestCategory(options.result);
  const content = (weakest && copy.byCategory[weakest.id]) || copy.fallback;
  const link = resultsUrl(options.siteUrl, options.token);
  const footer = html`<a href="${options.unsubscribeUrl}" style="color:#666">${copy.unsubscribeLabel}</a>`;
  const body = html`<p>${copy.greeting} ${options.name},</p>
${content.paragraphs.map((p) => html`<p>${p}</p>`)}
${emailButton(link, 'Review your results')}
<p>${copy.signOff}</p>`;
  const text = [
    `${copy.greeting} ${options.name},`,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    `Review your results: ${link}`,
    '',
    copy.signOff,
    '',
    `${copy.unsubscribeLabel}: ${options.unsubscribeUrl}`,
  ].join('\n');
  return {
    subject: content.subject,
    html: renderEmailLayout(content.subject, body, options.siteName, footer).toString(),
    text,
  };
}

/** One follow-up about the weakest category, days later, only with consent, never after an unsubscribe. */
export const followUp: EmailKindDefinition = {
  owner: 'submission',
  audience: 'visitor',
  wanted: (submission) => submission.contact?.consent.given === true,
  honoursUnsubscribe: true,
  delayMs: (settings) => settings.FOLLOW_UP_DELAY_DAYS * 86_400_000,
  compose: (submission, backend) => {
    const token = formatToken(submission);
    const unsubscribe = unsubscribeUrl(backend.settings.SITE_URL, token);
    return {
      ...renderFollowUp({
        name: submission.contact?.name ?? '',
        result: submission.result,
        token,
        unsubscribeUrl: unsubscribe,
        siteUrl: backend.settings.SITE_URL,
        siteName: backend.siteName,
        copy: emailCopy.followUp,
      }),
      // RFC 8058 one-click unsubscribe, which mail clients show as their own button.
      headers: [
        { name: 'List-Unsubscribe', value: `<${unsubscribe}>` },
        { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
      ],
    };
  },
};
