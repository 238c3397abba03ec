import { articleTitle } from '../../articles/articles.ts';
import type { Assessment } from '../../quiz/assessment.ts';
import { mostStopped } from '../../quiz/funnel.ts';
import { resultsUrl } from '../../quiz/render-results.ts';
import type { RecordEmails } from '../email/send-emails.ts';
import type { Funnel } from '../funnel/funnel.ts';
import type { DeliveryOutcome } from '../outbox/deliver.ts';
import type { OutboxReview } from '../outbox/outbox.ts';
import { failedItems } from '../owner/failed-items.ts';
import { entryTotals, funnelBetween, stepTotals } from '../owner/funnel-report.ts';
import { leadsOfPeriod } from '../owner/leads.ts';
import { addDays, lastWeek, type Week } from '../owner/week.ts';
import type { Clock, Log } from '../ports.ts';
import type { StoredSubmission } from '../records.ts';
import type { Reports } from '../reports/reports.ts';
import type { WeeklyReport } from '../reports/weekly-report.ts';
import { formatToken } from '../submissions/results-token.ts';
import type { Submissions } from '../submissions/submissions.ts';

/** How many articles the digest names. */
const TOP_ARTICLES = 5;
/** How far back a submission may be whose contact details were left this week (on its results page, later). */
const CONTACT_LATER_DAYS = 30;

/** What computing a week's report reads. */
export interface ReportSources {
  submissions: Pick<Submissions, 'createdBetween' | 'countCreatedBetween' | 'get'>;
  funnel: Pick<Funnel, 'countsOn'>;
  outbox: Pick<OutboxReview, 'failed'>;
  /** The assessment whose questions "most stopped after" names. */
  assessment: Assessment;
  siteUrl: string;
  clock: Clock;
}

/**
 * Computes a week's report: the week's leads (one per person who left their details that week, with the answers or
 * later on the results page), best grade first; the funnel against the week before; where most stopped in the
 * current assessment; the articles that sent the most visitors; and the items still failed. The funnel is counted
 * in UTC days, the week's Monday to Sunday.
 */
export async function buildWeeklyReport(week: Week, sources: ReportSources): Promise<WeeklyReport> {
  const { assessment, siteUrl, clock } = sources;
  const since = new Date(week.from.getTime() - CONTACT_LATER_DAYS * 86_400_000);
  // Only what the report needs is read out: the answers that left details or retake another (the rest are counted
  // by DynamoDB, never read into memory), so a week of many anonymous or automated answers costs no memory.
  const [read, submissions, thisWeek, weekBefore, failed] = await Promise.all([
    sources.submissions.createdBetween(since, week.to, { leadsOnly: true }),
    sources.submissions.countCreatedBetween(week.from, week.to),
    funnelBetween(sources.funnel, week.firstDay, week.lastDay),
    funnelBetween(sources.funnel, addDays(week.firstDay, -7), addDays(week.lastDay, -7)),
    failedItems(sources.outbox),
  ]);
  const recent = [...read, ...(await firstAttempts(read, since, sources.submissions))].sort((a, b) =>
    a.createdAt.localeCompare(b.createdAt),
  );
  const leads = leadsOfPeriod([...recent].reverse(), week.from, week.to).flatMap(({ latest, contact, attempts }) =>
    contact
      ? [
          {
            ...(attempts.length > 1 && { attempts: attempts.length }),
            grade: latest.grade.grade,
            name: contact.name,
            ...(contact.company && { company: contact.company }),
            email: contact.email,
            overall: latest.result.percent,
            resultsLink: resultsUrl(siteUrl, formatToken(latest)),
          },
        ]
      : [],
  );
  const prompts = [...assessment.questions, ...assessment.qualifying].map((q) => q.prompt);
  const stopped = mostStopped(
    thisWeek.filter((c) => c.assessmentVersion === assessment.version),
    prompts.length,
  );
  // Only articles the site publishes are named, by their title: an entry counted before it was refused, or an article
  // since removed, is left out.
  const articles = entryTotals(thisWeek).flatMap(({ entry, views, completed }) => {
    const article = entry.startsWith('article:') ? entry.slice('article:'.length) : '';
    const title = articleTitle(article);
    return title === undefined ? [] : [{ article, title, views, completed }];
  });
  return {
    id: week.name,
    firstDay: week.firstDay,
    lastDay: week.lastDay,
    submissions,
    leads,
    funnel: { thisWeek: stepTotals(thisWeek), weekBefore: stepTotals(weekBefore) },
    mostStopped: stopped && { ...stopped, prompt: prompts[stopped.question - 1] ?? '' },
    topArticles: articles.sort((a, b) => b.views - a.views || b.completed - a.completed).slice(0, TOP_ARTICLES),
    failedItems: failed.map(({ kind, about, reason }) => ({ kind, about, reason })),
    createdAt: clock.now().toISOString(),
  };
}

/**
 * The first attempts of the retake chains read (an attempt without details that nobody retook is not read, but one
 * that was retaken is its person's too): read one by one, as few as there are retakes.
 */
async function firstAttempts(read: StoredSubmission[], since: Date, submissions: Pick<Submissions, 'get'>): Promise<StoredSubmission[]> {
  const ids = new Set(read.map((s) => s.id));
  const missing = new Set(
    read.flatMap((s) => (s.previous && !ids.has(s.previous.id) && s.previous.at >= since.toISOString() ? [s.previous.id] : [])),
  );
  const found = await Promise.all([...missing].map((id) => submissions.get(id)));
  return found.filter((s): s is StoredSubmission => s !== null);
}

/** What sending the digest needs besides what its report reads. */
export interface SendingDigest extends ReportSources {
  reports: Pick<Reports, 'get' | 'save'>;
  /** The digest's email, queued and sent through the outbox. */
  emails: Pick<RecordEmails, 'queue' | 'deliver'>;
  /** The consultancy's time zone, whose Monday-to-Sunday weeks the digest reports. */
  timeZone: string;
  log: Log;
}

/** What one run of the digest did. */
export interface DigestRun {
  week: string;
  /** Whether this run computed the report (a repeat finds it stored). */
  computed: boolean;
  /** What sending did: sent, or not claimed when an earlier run sent it or is sending it. */
  outcome: DeliveryOutcome;
}

/**
 * Sends the consultancy the digest of the last whole week in its time zone. Safe to run again: the week's report
 * is computed once and stored, the email queued once through the outbox, so a repeat or a retry never sends a
 * second digest, and the sweep retries a send that fails.
 */
export async function sendWeeklyDigest(deps: SendingDigest): Promise<DigestRun> {
  const week = lastWeek(deps.clock.now(), deps.timeZone);
  let report = await deps.reports.get(week.name);
  const computed = report === null;
  if (!report) {
    const built = await buildWeeklyReport(week, deps);
    const saved = await deps.reports.save(built);
    report = saved.created ? built : saved.existing;
  }
  const owned = { type: 'week' as const, record: report };
  const { sendNow } = await deps.emails.queue(owned);
  let outcome: DeliveryOutcome = 'not-claimed';
  for (const ref of sendNow) outcome = await deps.emails.deliver(ref, owned);
  deps.log.info('weekly digest', { week: week.name, computed, outcome, leads: report.leads.length });
  return { week: week.name, computed, outcome };
}
