import { html } from '../../quiz/html.ts';
import type { WeeklyReport } from '../digest/weekly-report.ts';
import { type RenderedEmail, renderEmailLayout } from './layout.ts';
import { emailFacts } from './parts.ts';
import type { DigestEmailKind } from './registry.ts';

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
];

/** `12 (+3)`, `12 (−3)` or `12 (same)`: a count with its change from the week before. */
function withChange(now: number, before: number): string {
  const change = now - before;
  return `${now} (${change === 0 ? 'same as the week before' : `${change > 0 ? '+' : '−'}${Math.abs(change)} on the week before`})`;
}

/**
 * Renders the weekly digest to the consultancy: the week's leads by grade, the funnel against the week before, the
 * question where most stop, the articles that sent the most visitors, and any email that failed.
 */
export function renderWeeklyDigest(report: WeeklyReport, siteName: string): RenderedEmail {
  const subject = `${siteName} weekly: ${report.leads.length} lead${report.leads.length === 1 ? '' : 's'}, ${report.submissions} assessment${report.submissions === 1 ? '' : 's'} (${report.firstDay} to ${report.lastDay})`;
  const funnelRows: [string, string][] = STEPS.map(([step, label]) => [
    label,
    withChange(report.funnel.thisWeek[step] ?? 0, report.funnel.weekBefore[step] ?? 0),
  ]);
  const leadLine = (lead: WeeklyReport['leads'][number]) =>
    `${lead.grade} · ${lead.name}${lead.company ? ` (${lead.company})` : ''} <${lead.email}> · ${lead.overall === null ? 'no score' : `${lead.overall}%`}`;
  const stopped = report.mostStopped
    ? `Most stopped after question ${report.mostStopped.question} (${report.mostStopped.stopped} did not go on): ${report.mostStopped.prompt}`
    : 'Nobody stopped part-way this week.';
  const section = (title: string) =>
    html`<h2 style="font-size:16px;margin:20px 0 6px;border-bottom:1px solid #e5e5e5;padding-bottom:4px">${title}</h2>`;
  const body = html`<h1 style="font-size:20px;margin:0 0 12px">The week of ${report.firstDay} to ${report.lastDay}</h1>
${section(`Leads (${report.leads.length})`)}
${report.leads.length ? html`<ul>${report.leads.map((lead) => html`<li><a href="${lead.resultsLink}">${leadLine(lead)}</a></li>`)}</ul>` : html`<p>No new leads this week.</p>`}
${section('The assessment')}
${emailFacts(funnelRows)}
<p>${stopped}</p>
${section('Articles that sent visitors')}
${report.topArticles.length ? html`<ul>${report.topArticles.map((a) => html`<li>${a.article}: ${a.views} opened the assessment, ${a.completed} finished</li>`)}</ul>` : html`<p>None this week.</p>`}
${report.failedEmails.length ? html`${section(`Emails that failed (${report.failedEmails.length})`)}<ul>${report.failedEmails.map((e) => html`<li>${e.kind} about ${e.about}: ${e.reason}</li>`)}</ul><p>See them with <code>npm run leads -- emails --failed</code>.</p>` : ''}`;
  const text = [
    `The week of ${report.firstDay} to ${report.lastDay}`,
    '',
    `Leads (${report.leads.length}):`,
    ...(report.leads.length ? report.leads.map((lead) => `- ${leadLine(lead)}: ${lead.resultsLink}`) : ['- No new leads this week.']),
    '',
    'The assessment:',
    ...funnelRows.map(([label, value]) => `- ${label}: ${value}`),
    stopped,
    '',
    'Articles that sent visitors:',
    ...(report.topArticles.length
      ? report.topArticles.map((a) => `- ${a.article}: ${a.views} opened, ${a.completed} finished`)
      : ['- None this week.']),
    ...(report.failedEmails.length
      ? [
          '',
          `Emails that failed (${report.failedEmails.length}):`,
          ...report.failedEmails.map((e) => `- ${e.kind} about ${e.about}: ${e.reason}`),
          'See them with npm run leads -- emails --failed.',
        ]
      : []),
  ].join('\n');
  return { subject, html: renderEmailLayout(subject, body, siteName).toString(), text };
}

/** The weekly digest to the consultancy, composed from the week's stored report. */
export const weeklyDigest: DigestEmailKind = {
  owner: 'week',
  audience: 'consultancy',
  wanted: () => true,
  compose: (report, context) => renderWeeklyDigest(report, context.siteName),
};
