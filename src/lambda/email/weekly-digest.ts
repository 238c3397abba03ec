import { articlePath, slugToTitle } from '../../quiz/render-results.ts';
import { FUNNEL_STEP_LABELS } from '../owner/funnel-report.ts';
import type { WeeklyReport } from '../reports/weekly-report.ts';
import type { DigestEmailKind } from './kind.ts';
import { type Block, type EmailFrame, type Line, type RenderedEmail, renderEmail } from './layout.ts';

/** `12 (week before: 9, +3)`: a count beside the week before's, with the change. */
function withWeekBefore(now: number, before: number): string {
  const change = now - before;
  return `${now} (week before: ${before}, ${change === 0 ? 'same' : change > 0 ? `+${change}` : `−${-change}`})`;
}

type Lead = WeeklyReport['leads'][number];
/** What the funnel's numbers cover. */
const FUNNEL_NOTE = 'Counts are per UTC day, Monday to Sunday; leads are those who left their details this week.';
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A lead's line: grade, name (opening their results), company, address, score. */
const leadLine = (lead: Lead): Line => [
  { strong: lead.grade },
  ' · ',
  { link: lead.resultsLink, text: lead.name },
  `${lead.company ? ` (${lead.company})` : ''} `,
  { mailto: lead.email },
  ` · ${lead.overall === null ? 'no score' : `${lead.overall}%`}${lead.attempts ? ` (latest of ${lead.attempts} attempts)` : ''}`,
];

/**
 * Renders the weekly digest to the consultancy: the week's leads by grade (each name opens their results), the
 * funnel beside the week before, the question where most stop, the articles that sent the most visitors, and any
 * email or webhook event still failed.
 */
export function renderWeeklyDigest(report: WeeklyReport, frame: EmailFrame): RenderedEmail {
  const { siteName, siteUrl } = frame;
  const subject = `${siteName} weekly: ${plural(report.leads.length, 'lead')}, ${plural(report.submissions, 'assessment')} (${report.firstDay} to ${report.lastDay})`;
  const stopped = report.mostStopped
    ? `Most stopped after question ${report.mostStopped.question} (${report.mostStopped.stopped} did not go on): ${report.mostStopped.prompt}`
    : 'Nobody stopped part-way this week.';
  const unseen = Math.max(0, (report.funnel.thisWeek.completed ?? 0) - (report.funnel.thisWeek.start ?? 0));
  const articleLine = (a: WeeklyReport['topArticles'][number]): Line => [
    { link: `${siteUrl}${articlePath(a.article)}`, text: a.title ?? slugToTitle(a.article) },
    `: ${a.views} opened the assessment, ${a.completed} finished`,
  ];
  const blocks: Block[] = [
    { heading: `The week of ${report.firstDay} to ${report.lastDay}` },
    {
      section: `Leads (${report.leads.length})`,
      blocks: report.leads.length
        ? [{ list: report.leads.map(leadLine) }, { paragraph: 'Each name opens their results.', tone: 'muted' }]
        : [{ list: ['No new leads this week.'] }],
    },
    {
      section: 'The assessment',
      blocks: [
        {
          facts: FUNNEL_STEP_LABELS.map(([step, label]) => [
            label,
            withWeekBefore(report.funnel.thisWeek[step] ?? 0, report.funnel.weekBefore[step] ?? 0),
          ]),
        },
        { paragraph: stopped },
        ...(unseen > 0
          ? [
              {
                paragraph: `${unseen} more finished than started: answers sent without the assessment page (a script or a bot), stored and counted as finished.`,
              },
            ]
          : []),
        { paragraph: FUNNEL_NOTE, tone: 'muted' },
      ],
    },
    {
      section: 'Articles that sent visitors',
      blocks: [{ list: report.topArticles.length ? report.topArticles.map(articleLine) : ['None this week.'] }],
    },
    ...(report.failedItems.length
      ? [
          {
            section: `Emails and webhook events still failed (${report.failedItems.length})`,
            blocks: [
              { list: report.failedItems.map((e) => `${e.kind} about ${e.about}: ${e.reason}`) },
              { paragraph: ['See and resend them with ', { code: 'npm run leads -- emails --failed' }, '.'] },
            ],
          },
        ]
      : []),
  ];
  return renderEmail({ subject, blocks }, frame);
}

/** The weekly digest to the consultancy, composed from the week's stored report. */
export const digest: DigestEmailKind = {
  owner: 'week',
  audience: 'consultancy',
  wanted: () => true,
  compose: (report, context) => renderWeeklyDigest(report, context),
};
