import resultsJson from '../../../content/emails/results.json' with { type: 'json' };
import { type Benchmark, benchmarkSentence } from '../../quiz/benchmark.ts';
import { firstName, singleLineText } from '../../quiz/fields.ts';
import { html } from '../../quiz/html.ts';
import { categoryChange, changeText, dayOf, overallChange, type PreviousResult } from '../../quiz/progress.ts';
import { articlePath, basedOn, nextSteps, resultsUrl, slugToTitle, startingPoints, weakestFirst } from '../../quiz/render-results.ts';
import type { AssessmentResult } from '../../quiz/score.ts';
import * as z from '../../quiz/zod.ts';
import { formatToken } from '../submissions/results-token.ts';
import { bookingFor } from '../submissions/shown-result.ts';
import type { SubmissionEmailKind } from './kind.ts';
import { copyParagraph as paragraph, type RenderedEmail, renderEmailLayout } from './layout.ts';
import { emailBar, emailButton } from './parts.ts';

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

/** Renders the visitor's results email: band, a bar per category, the top advice, the results link. */
export function renderResultsEmail(options: {
  name: string;
  result: AssessmentResult;
  token: string;
  siteUrl: string;
  siteName: string;
  copy: ResultsCopy;
  /** How the result compared with the others when it was stored, if enough had answered. */
  benchmark?: Benchmark;
  /** The consultancy's booking page, filled in, when it is offered to this lead first. */
  bookingHref?: string;
  /** For a retake: the result it follows, and the time zone its day is named in. */
  previous?: PreviousResult;
  timeZone?: string;
}): RenderedEmail {
  const { name, result, copy, siteUrl, benchmark } = options;
  const comparison = benchmark ? benchmarkSentence(benchmark) : null;
  const ahead = (c: AssessmentResult['categories'][number]) => benchmark?.categories[c.id];
  const link = resultsUrl(siteUrl, options.token);
  const headline = result.band?.headline ?? 'Not enough answers for a result yet';
  const ordered = weakestFirst(result.categories);
  const weakest = startingPoints(result.categories);
  const { previous } = options;
  const overall = previous ? overallChange(previous, result) : null;
  const since =
    previous && overall ? `Since your result of ${dayOf(previous.at, options.timeZone ?? 'UTC')}: ${changeText(overall)}` : null;
  /** What is said beside a category's score: the change since last time, how it compares, how many answers it rests on. */
  const notes = (c: AssessmentResult['categories'][number]) => {
    const change = previous && categoryChange(previous, c);
    return [
      ...(change ? [`${changeText(change)} since last time`] : []),
      ...(ahead(c) === undefined ? [] : [`ahead of ${ahead(c)}% of others`]),
      ...(c.percent !== null && c.answered < c.total ? [basedOn(c)] : []),
    ].join(' · ');
  };
  const booking = options.bookingHref
    ? html`<h2 style="font-size:17px;margin:16px 0 4px">Talk it through with us</h2><p>Book a call at a time that suits you: your results come with it, so we start from your answers.</p>${emailButton(options.bookingHref, 'Book a call')}`
    : '';
  const body = html`<p>${copy.greeting} ${name},</p>
<p>${copy.intro}</p>
<h1 style="font-size:22px;margin:16px 0 4px">${headline}</h1>
${result.percent === null ? '' : html`<p style="margin:0 0 12px;font-size:17px"><strong>${result.percent}%</strong> overall readiness</p>`}
${since ? html`<p style="margin:0 0 12px"><strong>${since}</strong></p>` : ''}
${comparison ? html`<p style="margin:0 0 12px"><strong>${comparison}</strong></p>` : ''}
${result.band ? html`<p>${result.band.summary}</p>` : ''}
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:8px 0 16px">
${ordered.map(
  (c) =>
    html`<tr><td style="padding:6px 0 2px;font-weight:600">${c.title}</td><td align="right" style="padding:6px 0 2px;white-space:nowrap">${c.percent === null ? 'Not enough answers' : `${c.percent}%`}</td></tr><tr><td colspan="2" style="padding:0 0 4px">${emailBar(c.percent)}${notes(c) ? html`<span style="color:#555;font-size:13px">${notes(c)}</span>` : ''}</td></tr>`,
)}
</table>
${result.band ? html`<h2 style="font-size:17px;margin:16px 0 4px">What to do next</h2><p>${result.band.advice}</p>` : ''}
${weakest.map((c) => html`<p><strong>${c.title}:</strong> ${nextSteps(c)[0] ?? ''}</p>`)}
${booking}
${emailButton(link, copy.linkLabel)}
${result.band?.articles.length ? html`<p>Further reading:</p><ul>${result.band.articles.map((slug) => html`<li><a href="${siteUrl}${articlePath(slug)}">${slugToTitle(slug)}</a></li>`)}</ul>` : ''}
<p>${copy.outro}</p>`;
  const text = [
    `${copy.greeting} ${name},`,
    '',
    copy.intro,
    '',
    headline + (result.percent === null ? '' : ` (${result.percent}% overall readiness)`),
    ...(since ? [since] : []),
    ...(comparison ? [comparison] : []),
    result.band?.summary ?? '',
    '',
    ...ordered.map(
      (c) => `- ${c.title}: ${c.percent === null ? 'not enough answers' : `${c.percent}%`}${notes(c) ? ` (${notes(c)})` : ''}`,
    ),
    '',
    result.band ? `What to do next: ${result.band.advice}` : '',
    ...weakest.map((c) => `${c.title}: ${nextSteps(c)[0] ?? ''}`),
    '',
    ...(options.bookingHref ? [`Book a call (your results come with it): ${options.bookingHref}`, ''] : []),
    `${copy.linkLabel}: ${link}`,
    '',
    copy.outro,
  ].join('\n');
  return { subject: copy.subject, html: renderEmailLayout(copy.subject, body, options.siteName).toString(), text };
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
      copy,
      ...(submission.benchmark && { benchmark: submission.benchmark }),
      ...(submission.previous && { previous: submission.previous }),
      timeZone: context.timeZone,
      // The email knows who it goes to, so the booking page gets their name and address too.
      bookingHref: bookingFor(submission, context.booking, context.siteUrl, submission.contact)?.url,
    }),
};
