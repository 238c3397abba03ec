import { html } from '../../quiz/html.ts';
import { resultsUrl } from '../../quiz/render-results.ts';
import { type AssessmentResult, weakestCategory } from '../../quiz/score.ts';
import type { RenderedEmail } from './contact-notification.ts';
import type { FollowUpCopy } from './copy.ts';
import { renderEmailLayout } from './layout.ts';
import { emailButton } from './parts.ts';

/** Renders the follow-up, keyed to the visitor's weakest category, with a visible unsubscribe link. */
export function renderFollowUp(options: {
  name: string;
  result: AssessmentResult;
  token: string;
  unsubscribeUrl: string;
  siteUrl: string;
  siteName: string;
  copy: FollowUpCopy;
}): RenderedEmail & { categoryId: string | null } {
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
    categoryId: weakest?.id ?? null,
  };
}
