import leadNotificationJson from '../../../content/emails/lead-notification.json' with { type: 'json' };
import type { Assessment } from '../../quiz/assessment.ts';
import { categoryNotes } from '../../quiz/category-notes.ts';
import { categoryChanges, changeText, dayOf, overallChange } from '../../quiz/progress.ts';
import { resultsUrl, startingPoints } from '../../quiz/render-results.ts';
import { NOT_SURE } from '../../quiz/score.ts';
import type * as z from '../../quiz/zod.ts';
import type { StoredContact, StoredSubmission } from '../records.ts';
import { formatToken } from '../submissions/results-token.ts';
import { ContactNotificationCopySchema } from './contact-notification.ts';
import { dayInWords, whenInWords } from './in-words.ts';
import type { SubmissionEmailKind } from './kind.ts';
import { type EmailModel, type Line, type RenderedEmail, renderEmail } from './layout.ts';

/** Copy of the lead email to the consultancy: a subject prefix, a heading and how to reply, as for a message. */
export const LeadNotificationCopySchema = ContactNotificationCopySchema;
/** Lead email copy. */
export type LeadNotificationCopy = z.output<typeof LeadNotificationCopySchema>;

/** The copy from `content/emails/lead-notification.json`, checked once at cold start. */
const copy = LeadNotificationCopySchema.parse(leadNotificationJson);

/** Turns stored answers into question / answer pairs in the words the visitor saw. */
function answerRows(assessment: Assessment, submission: StoredSubmission): [string, string][] {
  return assessment.questions.map((q) => {
    const id = submission.answers[q.id];
    const label =
      id === undefined ? '(skipped)' : id === NOT_SURE ? assessment.notSureLabel : (q.options.find((o) => o.id === id)?.label ?? id);
    return [q.prompt, label];
  });
}

function qualifyingRows(assessment: Assessment, submission: StoredSubmission): [string, string][] {
  return assessment.qualifying.map((q) => {
    const raw = submission.qualifying[q.id];
    const ids = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    const labels = ids.map((id) => q.options.find((o) => o.id === id)?.label ?? id);
    return [q.prompt, labels.length ? labels.join(', ') : '(not answered)'];
  });
}

/** How long the answers took, and a warning when that was faster than a person could read the questions. */
function timeToAnswer(elapsedMs: number | undefined, minSeconds: number): string {
  if (elapsedMs === undefined) return 'not measured (sent without JavaScript)';
  const seconds = Math.round(elapsedMs / 1000);
  const took = seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return seconds < minSeconds
    ? `${took}: faster than the ${minSeconds} s a person needs to read the questions, so possibly automated`
    : took;
}

/**
 * Renders the consultancy's lead email: the grade first in the subject, then contact, qualifying answers,
 * scores, every answer, source and consent, so a consultant can qualify and reply in one read.
 */
export function renderLeadNotification(options: {
  assessment: Assessment;
  submission: StoredSubmission;
  contact: StoredContact;
  siteUrl: string;
  siteName: string;
  postalAddress?: string;
  copy: LeadNotificationCopy;
  /** Answers sent faster than this are marked as possibly automated. */
  minCompletionSeconds: number;
  /** The consultancy's time zone, for the day a retaken result was taken. */
  timeZone?: string;
}): RenderedEmail {
  const { assessment, submission, contact, copy } = options;
  const { result, grade } = submission;
  const who = contact.company ? `${contact.name} (${contact.company})` : contact.name;
  const score = result.percent === null ? 'no score' : `${result.percent}% ${(result.band?.id ?? '').replace(/-/g, ' ')}`.trim();
  const { previous } = submission;
  const overall = previous ? overallChange(previous, result) : null;
  // A retake is the same person's lead again, said as such: "Retake of the 27 Nov result: 46% → 58%".
  const retake = previous
    ? `Retake of the ${dayOf(previous.at, options.timeZone ?? 'UTC')} result${overall ? `: ${overall.before}% → ${overall.after}%` : ''}`
    : null;
  const changes = previous ? categoryChanges(previous, result) : [];
  const timeZone = options.timeZone ?? 'UTC';
  const weakest = startingPoints(result.categories);
  // A no-break space keeps the grade with its word on a phone.
  const heading = `${retake ? 'A retake of an earlier result' : copy.heading}: grade\u00a0${grade.grade}`;
  const subject = retake ? `[${grade.grade}] ${retake} · ${who}` : `[${grade.grade}] ${copy.subjectPrefix}: ${who} · ${score}`;
  const contactRows: [string, Line][] = [
    ['Grade', `${grade.grade} · ${grade.label} (${grade.points} points)`],
    ['Name', contact.name],
    ['Email', { mailto: contact.email }],
    ['Company', contact.company ?? '—'],
    ...(retake ? [['Retake of', retake.replace('Retake of the', 'the')] as [string, string]] : []),
    ['Result', result.band ? `${result.band.headline} (${result.percent}%)` : 'Not enough answers'],
    ...(submission.benchmark?.overall != null
      ? [['Compared', `ahead of ${submission.benchmark.overall}% of ${submission.benchmark.respondents} respondents`] as [string, string]]
      : []),
    ['Weakest', weakest.length ? weakest.map((c) => `${c.title} (${c.percent}%)`).join(', ') : '—'],
    [
      'Follow-up',
      contact.consent.given
        ? `Agreed to one follow-up email (wording of ${dayInWords(contact.consent.textVersion)})${
            contact.consent.needsConfirmation ? '; it goes once they confirm from their inbox (double opt-in)' : ''
          }`
        : 'Did not ask for a follow-up email',
    ],
    ['Submitted', whenInWords(submission.createdAt, timeZone)],
    // A retake is flagged like a first attempt: a bot can send every later answer as a retake of its own.
    ['Time to answer', timeToAnswer(submission.elapsedMs, options.minCompletionSeconds)],
    ['Assessment version', submission.assessmentVersion],
  ];
  const source = Object.entries(submission.source);
  const sourceLabels: Record<string, string> = { article: 'Article that led here', entry: 'Opened from page' };
  const sourceRows: [string, string][] = source.length
    ? source.map(([k, v]) => [sourceLabels[k] ?? k, v])
    : [['Source', 'direct (no UTM, referrer or article)']];
  // Beside each score: how it compares, and what it rests on (the change since last time has its own section above).
  const context = submission.benchmark ? { benchmark: submission.benchmark } : {};
  const model: EmailModel = {
    subject,
    blocks: [
      { heading },
      { facts: contactRows },
      ...(changes.length
        ? [
            {
              section: 'Changes since the last result',
              blocks: [{ facts: changes.map((c) => [c.title, changeText(c)] as [string, string]) }],
            },
          ]
        : []),
      { section: 'Why this grade', blocks: [{ list: grade.reasons }] },
      { section: 'About the project', blocks: [{ answers: qualifyingRows(assessment, submission) }] },
      {
        section: 'Scores',
        blocks: [
          {
            bars: result.categories.map((c) => {
              const notes = categoryNotes(c, context);
              return {
                label: c.title,
                value: c.percent === null ? `n/a (${c.answered}/${c.total} answered)` : `${c.percent}%`,
                percent: c.percent,
                ...(notes.length && { note: notes.join(' · ') }),
              };
            }),
          },
        ],
      },
      { section: 'Every answer', blocks: [{ answers: answerRows(assessment, submission) }] },
      { section: 'Source', blocks: [{ facts: sourceRows }] },
      { paragraph: { link: resultsUrl(options.siteUrl, formatToken(submission)), text: "The prospect's results page" } },
      { paragraph: copy.replyHint, tone: 'muted' },
    ],
  };
  return renderEmail(model, options);
}

/** The consultancy's lead: graded, with everything needed to qualify and reply (Reply-To the visitor). */
export const leadNotification: SubmissionEmailKind = {
  owner: 'submission',
  audience: 'consultancy',
  wanted: (submission) => submission.contact !== undefined,
  // A form sent twice (a double click without JavaScript stores two records) is still one lead.
  onePerHourPer: 'identical request',
  compose: (submission, context) => {
    const { contact } = submission;
    const { assessment } = context;
    if (!contact) throw new Error(`Submission ${submission.id} has no contact details to compose a lead from.`);
    if (!assessment) throw new Error('The lead email needs the assessment: give it to this function (src/lambda/functions/).');
    return renderLeadNotification({
      assessment,
      submission,
      contact,
      siteUrl: context.siteUrl,
      siteName: context.siteName,
      ...(context.postalAddress && { postalAddress: context.postalAddress }),
      copy,
      minCompletionSeconds: context.minCompletionSeconds,
      timeZone: context.timeZone,
    });
  },
};
