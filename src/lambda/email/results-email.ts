import resultsJson from '../../../content/emails/results.json' with { type: 'json' };
import { type Benchmark, benchmarkSentence } from '../../quiz/benchmark.ts';
import { categoryNotes } from '../../quiz/category-notes.ts';
import { firstName, singleLineText } from '../../quiz/fields.ts';
import { changeText, dayOf, overallChange, type PreviousResult } from '../../quiz/progress.ts';
import { articlePath, nextSteps, resultsUrl, slugToTitle, startingPoints, weakestFirst } from '../../quiz/render-results.ts';
import type { AssessmentResult } from '../../quiz/score.ts';
import * as z from '../../quiz/zod.ts';
import { awaitsConfirmation, confirmFollowUpUrl } from '../consent/consent.ts';
import { formatToken } from '../submissions/results-token.ts';
import { bookingFor } from '../submissions/shown-result.ts';
import type { SubmissionEmailKind } from './kind.ts';
import { type Block, type EmailFrame, type EmailModel, copyParagraph as paragraph, type RenderedEmail, renderEmail } from './layout.ts';

/** Copy of the results email to the visitor. */
export const ResultsCopySchema = z.strictObject({
  /** The subject line. */
  subject: singleLineText(120),
  /** Before the name, e.g. "Hello". */
  greeting: singleLineText(40),
  /** The opening paragraph. */
  intro: paragraph,
  /** The text of the link to the results page. */
  linkLabel: singleLineText(80),
  /** The closing paragraph. */
  outro: paragraph,
});
/** Results email copy. */
export type ResultsCopy = z.output<typeof ResultsCopySchema>;

/** The copy from `content/emails/results.json`, checked once at cold start. */
const copy = ResultsCopySchema.parse(resultsJson);

/** Builds the visitor's results email: band, a bar per category, the first steps, the results link. */
export function resultsEmailModel(options: {
  name: string;
  result: AssessmentResult;
  token: string;
  siteUrl: string;
  copy: ResultsCopy;
  /** How the result compared with the others when it was stored, if enough had answered. */
  benchmark?: Benchmark;
  /** The consultancy's booking page, filled in, when it is offered to this grade first. */
  bookingHref?: string;
  /** Where the visitor confirms the follow-up they asked for, when it must be confirmed (double opt-in). */
  confirmFollowUpHref?: string;
  /** For a retake: the result it follows, and the time zone its day is named in. */
  previous?: PreviousResult;
  timeZone?: string;
}): EmailModel {
  const { name, result, copy, siteUrl, benchmark, previous } = options;
  const comparison = benchmark ? benchmarkSentence(benchmark) : null;
  const overall = previous ? overallChange(previous, result) : null;
  const since =
    previous && overall ? `Since your result of ${dayOf(previous.at, options.timeZone ?? 'UTC')}: ${changeText(overall)}` : null;
  const blocks: Block[] = [
    { paragraph: `${copy.greeting} ${name},` },
    { paragraph: copy.intro },
    { heading: result.band?.headline ?? 'Not enough answers for a result yet' },
    ...(result.percent === null ? [] : [{ paragraph: [{ strong: `${result.percent}%` }, ' overall readiness'], tone: 'lead' as const }]),
    ...(since ? [{ paragraph: since, tone: 'strong' as const }] : []),
    ...(comparison ? [{ paragraph: comparison, tone: 'strong' as const }] : []),
    ...(result.band ? [{ paragraph: result.band.summary }] : []),
    {
      bars: weakestFirst(result.categories).map((c) => {
        const notes = categoryNotes(c, { ...(previous && { previous }), ...(benchmark && { benchmark }) });
        return {
          label: c.title,
          value: c.percent === null ? 'Not enough answers' : `${c.percent}%`,
          percent: c.percent,
          ...(notes.length && { note: notes.join(' · ') }),
        };
      }),
    },
    ...(result.band
      ? [
          {
            section: 'What to do next',
            blocks: [
              { paragraph: result.band.advice },
              ...startingPoints(result.categories).map((c) => ({ paragraph: [{ strong: `${c.title}:` }, ` ${nextSteps(c)[0] ?? ''}`] })),
            ],
          },
        ]
      : []),
    ...(options.confirmFollowUpHref
      ? [
          {
            section: 'The follow-up you asked for',
            blocks: [
              {
                paragraph:
                  'You asked for one follow-up email with practical advice for your weakest area. Please confirm that this address is yours and that you want it; until you do, we send nothing more.',
              },
              {
                button: {
                  href: options.confirmFollowUpHref,
                  label: 'Yes, send me the follow-up',
                  ...(options.bookingHref && { secondary: true as const }),
                },
              },
            ],
          },
        ]
      : []),
    ...(options.bookingHref
      ? [
          {
            section: 'Talk it through with us',
            blocks: [
              { paragraph: 'Book a call at a time that suits you: your results come with it, so we start from your answers.' },
              { button: { href: options.bookingHref, label: 'Book a call', note: 'your results come with it' } },
            ],
          },
        ]
      : []),
    // One primary action: booking a call when it is offered, then confirming the follow-up, otherwise the results.
    {
      button: {
        href: resultsUrl(siteUrl, options.token),
        label: copy.linkLabel,
        ...((options.bookingHref || options.confirmFollowUpHref) && { secondary: true as const }),
      },
    },
    ...(result.band?.articles.length
      ? [
          {
            section: 'Further reading',
            blocks: [{ list: result.band.articles.map((slug) => ({ link: `${siteUrl}${articlePath(slug)}`, text: slugToTitle(slug) })) }],
          },
        ]
      : []),
    { paragraph: copy.outro },
  ];
  return { subject: copy.subject, blocks };
}

/** Renders the visitor's results email (see resultsEmailModel). */
export function renderResultsEmail(options: Parameters<typeof resultsEmailModel>[0] & Omit<EmailFrame, 'siteUrl'>): RenderedEmail {
  return renderEmail(resultsEmailModel(options), options);
}

/** The visitor's results, sent when they leave their address (at most one per address per hour). */
export const resultsEmail: SubmissionEmailKind = {
  owner: 'submission',
  audience: 'visitor',
  wanted: (submission) => submission.contact !== undefined,
  onePerHourPer: 'address',
  compose: (submission, context) =>
    renderResultsEmail({
      // A visitor is greeted by first name only: the rest of what they typed never reaches an inbox.
      name: firstName(submission.contact?.name ?? ''),
      result: submission.result,
      token: formatToken(submission),
      siteUrl: context.siteUrl,
      siteName: context.siteName,
      ...(context.postalAddress && { postalAddress: context.postalAddress }),
      copy,
      ...(submission.benchmark && { benchmark: submission.benchmark }),
      ...(submission.previous && { previous: submission.previous }),
      timeZone: context.timeZone,
      // Never their name or address in the link: a booking page keeps what its link carries.
      bookingHref: bookingFor(submission, context.booking)?.url,
      ...(awaitsConfirmation(submission) && { confirmFollowUpHref: confirmFollowUpUrl(context.siteUrl, formatToken(submission)) }),
    }),
};
