import { mostStopped, stepTotal } from '../../quiz/funnel.ts';
import { resultsUrl } from '../../quiz/render-results.ts';
import { formatToken } from '../assessment/results-token.ts';
import { type DeliveryOutcome, deliverEmail } from '../outbox/deliver-email.ts';
import { queueEmails } from '../outbox/queue-emails.ts';
import type { BackendContext, FunnelCount } from '../ports.ts';
import { normaliseAddress, type StoredSubmission } from '../records.ts';
import { addDays, lastWeek, type Week } from './week.ts';
import type { WeeklyReport } from './weekly-report.ts';

/** How many articles the digest names. */
const TOP_ARTICLES = 5;
/** How far back a submission may be whose contact details were left this week (on its results page, later). */
const CONTACT_LATER_DAYS = 30;

/** Every funnel counter of the UTC days from `firstDay` to `lastDay`. */
async function funnelOf(firstDay: string, lastDay: string, context: BackendContext): Promise<FunnelCount[]> {
  const days: string[] = [];
  for (let day = firstDay; day <= lastDay; day = addDays(day, 1)) days.push(day);
  return (await Promise.all(days.map((day) => context.store.funnelCounts(day)))).flat();
}

/** Each step's total (questions left out: the digest names only where most stopped). */
function totals(counts: FunnelCount[]): Record<string, number> {
  const steps = [...new Set(counts.map((c) => c.step).filter((step) => !step.startsWith('question-')))];
  return Object.fromEntries(steps.map((step) => [step, stepTotal(counts, step)]));
}

/**
 * Computes a week's report from the store: the week's leads (contact details given that week, with the answers or
 * later on the results page), best grade first; the funnel against the week before; where most stopped in the
 * current assessment; the articles that sent the most visitors; and the emails still failed. The funnel is counted
 * in UTC days, the week's Monday to Sunday.
 */
export async function buildWeeklyReport(week: Week, context: BackendContext): Promise<WeeklyReport> {
  const { store, assessment, settings, clock } = context;
  const inWeek = (at: string) => at >= week.from.toISOString() && at < week.to.toISOString();
  const [recent, thisWeek, weekBefore, failed] = await Promise.all([
    store.submissionsBetween(new Date(week.from.getTime() - CONTACT_LATER_DAYS * 86_400_000), week.to),
    funnelOf(week.firstDay, week.lastDay, context),
    funnelOf(addDays(week.firstDay, -7), addDays(week.lastDay, -7), context),
    store.failedEmails(),
  ]);
  const submissions = recent.filter((submission) => inWeek(submission.createdAt));
  // One lead per person: of the week's attempts from one inbox, the latest stands, with how many there were.
  const attempts = new Map<string, StoredSubmission[]>();
  for (const submission of recent.filter((s) => s.contact && inWeek(s.contact.at))) {
    const inbox = normaliseAddress(submission.contact?.email ?? '');
    attempts.set(inbox, [...(attempts.get(inbox) ?? []), submission]);
  }
  const latest = [...attempts.values()].map((all) => ({
    ...all.reduce((a, b) => (b.createdAt > a.createdAt ? b : a)),
    attempts: all.length,
  }));
  const leads = latest
    // Best first: the grade's points, then the score.
    .sort((a, b) => b.lead.points - a.lead.points || (b.result.percent ?? -1) - (a.result.percent ?? -1))
    .flatMap(({ contact, attempts: count, ...submission }) =>
      contact
        ? [
            {
              ...(count > 1 && { attempts: count }),
              grade: submission.lead.grade,
              name: contact.name,
              ...(contact.company && { company: contact.company }),
              email: contact.email,
              overall: submission.result.percent,
              resultsLink: resultsUrl(settings.SITE_URL, formatToken(submission)),
            },
          ]
        : [],
    );
  const current = thisWeek.filter((c) => c.assessmentVersion === assessment.version);
  const stopped = mostStopped(current);
  const prompts = [...assessment.questions, ...assessment.qualifying].map((q) => q.prompt);
  const articles = [...new Set(thisWeek.filter((c) => c.entry.startsWith('article:')).map((c) => c.entry))].map((entry) => {
    const mine = thisWeek.filter((c) => c.entry === entry);
    return { article: entry.slice('article:'.length), views: stepTotal(mine, 'view'), completed: stepTotal(mine, 'completed') };
  });
  return {
    id: week.name,
    firstDay: week.firstDay,
    lastDay: week.lastDay,
    submissions: submissions.length,
    leads,
    funnel: { thisWeek: totals(thisWeek), weekBefore: totals(weekBefore) },
    mostStopped: stopped && { ...stopped, prompt: prompts[stopped.question - 1] ?? '' },
    topArticles: articles.sort((a, b) => b.views - a.views || b.completed - a.completed).slice(0, TOP_ARTICLES),
    failedEmails: failed.map((email) => ({
      kind: email.kind,
      about: `${email.owner.type} ${email.owner.id}`,
      reason: email.lastError ?? 'no reason recorded',
    })),
    createdAt: clock.now().toISOString(),
  };
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
export async function sendWeeklyDigest(context: BackendContext): Promise<DigestRun> {
  const week = lastWeek(context.clock.now(), context.timeZone);
  let report = await context.store.getReport(week.name);
  const computed = report === null;
  if (!report) {
    const built = await buildWeeklyReport(week, context);
    const saved = await context.store.saveReport(built);
    report = saved.created ? built : saved.existing;
  }
  const { sendNow } = await queueEmails({ type: 'week', record: report }, context);
  let outcome: DeliveryOutcome = 'not-claimed';
  for (const ref of sendNow) outcome = await deliverEmail(ref, context);
  context.log.info('weekly digest', { week: week.name, computed, outcome, leads: report.leads.length });
  return { week: week.name, computed, outcome };
}
