import { html } from '../../quiz/html.ts';
import { articlePath, slugToTitle } from '../../quiz/render-results.ts';
import type { WeeklyReport } from '../reports/weekly-report.ts';
import type { DigestEmailKind } from './kind.ts';
import { type RenderedEmail, renderEmailLayout } from './layout.ts';
import { emailFacts } from './parts.ts';

/** The funnel's steps the digest shows, with their labels. */
const STEPS: [string, string][] = [
  ['view', 'Opened the assessment'],
  ['start', 'Started'],
  ['completed', 'Finished'],
  ['contact', 'Left their details'],
  ['results', 'Opened their results again'],
  ['follow-up-sent', 'Follow-ups sent'],
  ['unsubscribed', 'Unsubscribed'],
  ['talk', 'Clicked to talk'],
  ['book', 'Clicked to book a call'],
];

/** `12 (week before: 9, +3)`: a count beside the week before's, with the change. */
function withWeekBefore(now: number, before: number): string {
  const change = now - before;
  return `${now} (week before: ${before}, ${change === 0 ? 'same' : change > 0 ? `+${change}` : `−${-change}`})`;
}

type Lead = WeeklyReport['leads'][number];
/** What the funnel's numbers cover. */
const FUNNEL_NOTE = 'Counts are per UTC day, Monday to Sunday; leads are those who left their details this week.';
const score = (lead: Lead) =>
  `${lead.overall === null ? 'no score' : `${lead.overall}%`}${lead.attempts ? ` (latest of ${lead.attempts} attempts)` : ''}`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Renders the weekly digest to the consultancy: the week's leads by grade (each name opens their results), the
 * funnel beside the week before, the question where most stop, the articles that sent the most visitors, and any
 * email still failed.
 */
export function renderWeeklyDigest(report: WeeklyReport, siteName: string, siteUrl: string): RenderedEmail {
  const subject = `${siteName} weekly: ${plural(report.leads.length, 'lead')}, ${plural(report.submissions, 'assessment')} (${report.firstDay} to ${report.lastDay})`;
  const funnelRows: [string, string][] = STEPS.map(([step, label]) => [
    label,
    withWeekBefore(report.funnel.thisWeek[step] ?? 0, report.funnel.weekBefore[step] ?? 0),
  ]);
  const stopped = report.mostStopped
    ? `Most stopped after question ${report.mostStopped.question} (${report.mostStopped.stopped} did not go on): ${report.mostStopped.prompt}`
    : 'Nobody stopped part-way this week.';
  const articleLink = (slug: string) => `${siteUrl}${articlePath(slug)}`;
  const company = (lead: Lead) => (lead.company ? ` (${lead.company})` : '');
  const section = (title: string) =>
    html`<h2 style="font-size:16px;margin:20px 0 6px;border-bottom:1px solid #e5e5e5;padding-bottom:4px">${title}</h2>`;
  const leadItem = (lead: Lead) =>
    html`<li><strong>${lead.grade}</strong> · <a href="${lead.resultsLink}">${lead.name}</a>${company(lead)} · ${score(lead)} · <a href="mailto:${lead.email}">${lead.email}</a></li>`;
  const articleItem = (a: WeeklyReport['topArticles'][number]) =>
    html`<li><a href="${articleLink(a.article)}">${slugToTitle(a.article)}</a>: ${a.views} opened the assessment, ${a.completed} finished</li>`;
  const failedItem = (e: WeeklyReport['failedEmails'][number]) => html`<li>${e.kind} about ${e.about}: ${e.reason}</li>`;
  const body = html`<h1 style="font-size:20px;margin:0 0 12px">The week of ${report.firstDay} to ${report.lastDay}</h1>
${section(`Leads (${report.leads.length})`)}
${report.leads.length ? html`<ul>${report.leads.map(leadItem)}</ul><p style="color:#555">Each name opens their results.</p>` : html`<p>No new leads this week.</p>`}
${section('The assessment')}
${emailFacts(funnelRows)}
<p>${stopped}</p>
<p style="color:#555">${FUNNEL_NOTE}</p>
${section('Articles that sent visitors')}
${report.topArticles.length ? html`<ul>${report.topArticles.map(articleItem)}</ul>` : html`<p>None this week.</p>`}
${report.failedEmails.length ? html`${section(`Emails still failed (${report.failedEmails.length})`)}<ul>${report.failedEmails.map(failedItem)}</ul><p>See and resend them with <code>npm run leads -- emails --failed</code>.</p>` : ''}`;
  const text = [
    `The week of ${report.firstDay} to ${report.lastDay}`,
    '',
    `Leads (${report.leads.length}):`,
    ...(report.leads.length
      ? report.leads.map((lead) => `- ${lead.grade} · ${lead.name}${company(lead)} <${lead.email}> · ${score(lead)}: ${lead.resultsLink}`)
      : ['- No new leads this week.']),
    '',
    'The assessment:',
    ...funnelRows.map(([label, value]) => `- ${label}: ${value}`),
    stopped,
    FUNNEL_NOTE,
    '',
    'Articles that sent visitors:',
    ...(report.topArticles.length
      ? report.topArticles.map(
          (a) => `- ${slugToTitle(a.article)}: ${a.views} opened the assessment, ${a.completed} finished (${articleLink(a.article)})`,
        )
      : ['- None this week.']),
    ...(report.failedEmails.length
      ? [
          '',
          `Emails still failed (${report.failedEmails.length}):`,
          ...report.failedEmails.map((e) => `- ${e.kind} about ${e.about}: ${e.reason}`),
          'See and resend them with npm run leads -- emails --failed.',
        ]
      : []),
  ].join('\n');
  return { subject, html: renderEmailLayout(subject, body, siteName).toString(), text };
}

/** The weekly digest to the consultancy, composed from the week's stored report. */
export const digest: DigestEmailKind = {
  owner: 'week',
  audience: 'consultancy',
  wanted: () => true,
  compose: (report, context) => renderWeeklyDigest(report, context.siteName, context.siteUrl),
};
