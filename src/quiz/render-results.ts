import { type Benchmark, benchmarkSentence } from './benchmark.ts';
import { talkHref } from './booking.ts';
import { basedOn, categoryNotes } from './category-notes.ts';
import { html, type SafeHtml } from './html.ts';
import { changeText, dayOf, overallChange, type PreviousResult, retakeHref } from './progress.ts';
import type { AssessmentResult, CategoryResult } from './score.ts';

/** The little of the assessment the results view shows (so the browser need not load the whole assessment). */
export interface ResultsMeta {
  /** The assessment's title. */
  title: string;
  /** The consent checkbox's label. */
  consentLabel: string;
  /** The site's name and address, for the printed report's heading. */
  siteName?: string;
  contactAddress?: string;
}

/** What the results view needs besides the scored result. */
export interface ResultsViewOptions {
  /** The token of the stored result, for the results link and the email form; null when not stored. */
  token: string | null;
  /** The site's origin for the absolute results link (e.g. https://paradigmai.co). */
  siteUrl: string;
  /**
   * The link that reopens this result, when not the site's results page (which opens results with JavaScript): the
   * page rendered without JavaScript links to itself.
   */
  resultsLink?: string;
  /** Article titles by slug; a missing title falls back to the slug in words. */
  articleTitles?: Readonly<Record<string, string>>;
  /** Whether the visitor already left contact details (then the email form is not offered). */
  contactGiven?: boolean;
  /** How the result compares with the others who took the assessment, when enough have. */
  benchmark?: Benchmark;
  /** The booking page offered to this result first; without it, "Talk to us" is the action. */
  booking?: { href: string };
  /** For a retake: the result it follows, to show the change per category. */
  previous?: PreviousResult;
  /** When the result was stored (ISO time), and the time zone its day is named in (default UTC). */
  takenAt?: string;
  timeZone?: string;
}

/** `the-hidden-cost` → `The hidden cost`. */
export function slugToTitle(slug: string): string {
  const words = slug.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The path of an article. */
export const articlePath = (slug: string) => `/articles/${slug}/`;

/** The absolute link that reopens a stored result. */
export const resultsUrl = (siteUrl: string, token: string) => `${siteUrl}/results/?t=${encodeURIComponent(token)}`;

/** Categories weakest first; those without a score last, in the assessment's order. */
export function weakestFirst(categories: CategoryResult[]): CategoryResult[] {
  const rank = (c: CategoryResult) => c.percent ?? Number.POSITIVE_INFINITY;
  return categories
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
    .map(({ c }) => c);
}

/**
 * Where to start: the weakest scored category below 100%, and the next one only when it too stands out (tied with
 * the weakest, or below every other), so a pick among equals never looks arbitrary.
 */
export function startingPoints(categories: CategoryResult[]): CategoryResult[] {
  const open = weakestFirst(categories).filter((c) => c.percent !== null && c.percent < 100);
  const [first, second, third] = open;
  if (!first) return [];
  const secondStandsOut = second && (second.percent === first.percent || !third || (second.percent ?? 0) < (third.percent ?? 0));
  return secondStandsOut ? [first, second] : [first];
}

/** Whether every question of the category was answered, each with its strongest option. */
export const allStrongest = (category: CategoryResult) => category.answered === category.total && category.costliest.length === 0;

/** The step for a category whose answers all got their strongest option, but not every question was answered. */
export const FIND_OUT_STEP = 'Find out the answers you skipped or were not sure of: that is where the unknowns are.';

/**
 * What to do next in a category: the steps of the answers that cost the most (so never something the visitor said
 * they have); with nothing lost, finding out what was skipped or "not sure", or, with every question at its strongest
 * answer, the band's advice for a strong result.
 */
export function nextSteps(category: CategoryResult): string[] {
  if (category.costliest.length) return category.costliest.map((c) => c.step ?? `Work towards: “${c.best}”.`);
  if (category.answered < category.total) return [FIND_OUT_STEP];
  return category.band ? [category.band.advice] : [];
}

/** A horizontal bar as SVG: attributes only, no inline styles (the CSP forbids them). */
function bar(percent: number | null): SafeHtml {
  const width = percent ?? 0;
  return html`<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" width="100%" height="12" aria-hidden="true" focusable="false"><rect class="bar-track" x="0" y="0" width="100" height="10" rx="2"></rect><rect class="bar-fill" x="0" y="0" width="${width}" height="10" rx="2"></rect></svg>`;
}

/** What is said beside a category's score (see category-notes.ts). */
function notesOf(category: CategoryResult, options: ResultsViewOptions): SafeHtml {
  const notes = categoryNotes(category, options);
  return notes.length ? html`<span class="category-note">${notes.join(' · ')}</span>` : html``;
}

function categoryRow(category: CategoryResult, options: ResultsViewOptions, weakest: boolean): SafeHtml {
  const value = category.percent === null ? 'Not enough answers' : `${category.percent}%`;
  return html`<li class="category-row">
<span class="category-name">${category.title}${weakest ? html` <span class="tag">start here</span>` : ''}</span>
${bar(category.percent)}
<span class="category-value">${value}</span>
${notesOf(category, options)}
</li>`;
}

function articleLinks(slugs: string[], options: ResultsViewOptions): SafeHtml | '' {
  if (slugs.length === 0) return '';
  return html`<ul class="article-links">${slugs.map((slug) => html`<li><a href="${articlePath(slug)}">${options.articleTitles?.[slug] ?? slugToTitle(slug)}</a> <span class="link-target">${options.siteUrl}${articlePath(slug)}</span></li>`)}</ul>`;
}

function categoryDetail(category: CategoryResult, options: ResultsViewOptions): SafeHtml {
  if (category.percent === null || !category.band) {
    return html`<section class="category-detail"><h4>${category.title}: not enough answers</h4><p>You answered ${category.answered} of ${category.total} questions here, too few for a fair score. Answering more of them would show where you stand.</p></section>`;
  }
  const costs = category.costliest.length
    ? html`<p>What cost the most points:</p><ul>${category.costliest.map(
        (c) => html`<li>${c.prompt} You answered “${c.chosen}”; the strongest answer is “${c.best}”.</li>`,
      )}</ul>`
    : allStrongest(category)
      ? html`<p>You gave the strongest answer to every question here.</p>`
      : html`<p>Every question you answered here got its strongest answer; the others were skipped or “not sure”.</p>`;
  const steps = nextSteps(category);
  const headline = `${category.band.headline.charAt(0).toLowerCase()}${category.band.headline.slice(1)}`;
  return html`<section class="category-detail">
<h4>${category.title}: ${category.percent}%, ${headline}</h4>
${category.answered < category.total ? html`<p class="category-note">This score is ${basedOn(category)}.</p>` : ''}
${costs}
${steps.length ? html`<p><strong>${steps.length > 1 ? 'Next steps' : 'Next step'}:</strong> ${steps.join(' ')}</p>` : ''}
${articleLinks(category.band.articles, options)}
</section>`;
}

/** The form that sends the results by email, after the results (the consent box starts unticked). */
function emailForm(meta: ResultsMeta, token: string): SafeHtml {
  const action = `/api/results/${encodeURIComponent(token)}/contact`;
  return html`<section class="results-email" aria-labelledby="results-email-heading">
<h3 id="results-email-heading">Get your results by email</h3>
<p>We will email you this report and a link back to it. Your details are sent to us too, so we can reply if you want to talk.</p>
<div class="error-summary" data-error-summary tabindex="-1" hidden><h4>Please check the form</h4><ul data-error-list></ul></div>
<form class="form" method="post" action="${action}" data-results-email novalidate>
<div class="field"><label for="results-name">Your name</label><input id="results-name" name="name" type="text" autocomplete="name" required maxlength="100" aria-describedby="results-name-error"><p class="field-error" id="results-name-error" data-error-for="name"></p></div>
<div class="field"><label for="results-email">Email</label><input id="results-email" name="email" type="email" autocomplete="email" required maxlength="254" aria-describedby="results-email-error"><p class="field-error" id="results-email-error" data-error-for="email"></p></div>
<div class="field"><label for="results-company">Company (optional)</label><input id="results-company" name="company" type="text" autocomplete="organization" maxlength="120" aria-describedby="results-company-error"><p class="field-error" id="results-company-error" data-error-for="company"></p></div>
<div class="field checkbox"><input id="results-consent" name="consent" type="checkbox" value="on"><label for="results-consent">${meta.consentLabel}</label></div>
<div class="honeypot" aria-hidden="true"><label for="results-website">Leave this empty</label><input id="results-website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
<div><button class="button" type="submit">Email me my results</button></div>
<p data-status role="status" aria-live="polite"></p>
</form>
</section>`;
}

/** The primary action: booking for the lead grades offered it, otherwise talking to us (the contact form with the result). */
function primaryAction(options: ResultsViewOptions): SafeHtml {
  return options.booking
    ? html`<a class="button" href="${options.booking.href}" data-book>Book a call</a> <a href="${talkHref(options.token)}" data-talk>or write to us</a>`
    : html`<a class="button" href="${talkHref(options.token)}" data-talk>Talk to us</a>`;
}

/** The one or two weakest categories, each with the first thing to do: what a visitor reads before anything else. */
function startHere(weakest: CategoryResult[]): SafeHtml | '' {
  if (weakest.length === 0) return '';
  const item = (c: CategoryResult) => {
    const [step] = nextSteps(c);
    return html`<strong>${c.title}</strong> (${c.percent}%)${step ? html`: ${step}` : ''}`;
  };
  // One place to start is a sentence; two are a numbered list, in the order to take them.
  const [only] = weakest;
  return html`<div class="results-focus" data-start-here><h3>Where to start</h3>${
    weakest.length === 1 && only ? html`<p>${item(only)}</p>` : html`<ol>${weakest.map((c) => html`<li>${item(c)}</li>`)}</ol>`
  }</div>`;
}

/** "Taken on 27 Nov 2026": the day a result was stored, in the time zone given. */
const takenOn = (at: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(new Date(at));

/**
 * Renders the results. First, what fits a phone's first screen: the band, the overall score, the comparison and the
 * change since last time, the weakest one or two categories with the first thing to do, and the primary action. Then
 * each category weakest first, the email form, the detail per category and a call to talk. Printed, it is a
 * branded report, one section per page. One renderer for the browser and the server.
 * @example renderResults({ title, consentLabel }, scoreAssessment(assessment, answers), { token, siteUrl }).toString()
 */
export function renderResults(meta: ResultsMeta, result: AssessmentResult, options: ResultsViewOptions): SafeHtml {
  const band = result.band;
  const headline = band ? band.headline : 'Not enough answers for a result yet';
  const summary = band
    ? band.summary
    : 'Too few questions were answered to say where you stand. Go back and answer a few more; "not sure" is a fair answer where it applies.';
  const link = options.token ? (options.resultsLink ?? resultsUrl(options.siteUrl, options.token)) : null;
  const comparison = options.benchmark ? benchmarkSentence(options.benchmark) : null;
  const timeZone = options.timeZone ?? 'UTC';
  const overall = options.previous ? overallChange(options.previous, result) : null;
  const ordered = weakestFirst(result.categories);
  const weakest = startingPoints(result.categories);
  const emailOffered = Boolean(options.token && !options.contactGiven);
  return html`<section class="results" aria-labelledby="results-heading" data-results>
<div class="results-report-head" aria-hidden="true"><p class="results-report-title"><strong>${meta.title} report</strong>${options.takenAt ? html` · <span class="results-report-date">${takenOn(options.takenAt, timeZone)}</span>` : ''}</p>${link ? html`<p class="results-report-link">${link.split(/(?<=\/)|(?=[?.])/).map((part, i) => html`${i ? html`<wbr>` : ''}<span>${part}</span>`)}</p>` : ''}<p>${meta.siteName ?? ''}${meta.siteName && meta.contactAddress ? ' · ' : ''}${meta.contactAddress ?? ''}</p></div>
<div class="results-summary">
<p class="results-kicker">Your result · ${meta.title}${options.takenAt ? html` · <time datetime="${options.takenAt}">${takenOn(options.takenAt, timeZone)}</time>` : ''}</p>
<h2 id="results-heading" tabindex="-1">${headline}</h2>
${result.percent === null ? '' : html`<p class="results-score"><strong>${result.percent}%</strong> overall readiness</p>`}
${overall && options.previous ? html`<p class="results-change">Since your result of ${dayOf(options.previous.at, timeZone)}: ${changeText(overall)}</p>` : ''}
${comparison ? html`<p class="results-benchmark">${comparison}</p>` : ''}
${startHere(weakest)}
<p class="results-actions">${primaryAction(options)}${emailOffered ? html` <a href="#results-email-heading">Email me my results</a>` : ''}</p>
</div>
${
  link && options.token
    ? html`<p class="results-tools"><a href="${link}" data-results-link>Link to these results</a> <button type="button" class="button secondary" data-copy-link hidden>Copy link</button> <button type="button" class="button secondary" data-print hidden>Print or save as PDF</button> <a href="${retakeHref(options.token)}" data-retake>Take it again</a></p><p class="results-tools-status" data-tools-status role="status" aria-live="polite"></p>`
    : ''
}
<section class="results-section" aria-labelledby="results-categories-heading">
<p>${summary}</p>
<h3 id="results-categories-heading">By category, weakest first</h3>
<ul class="category-bars">${ordered.map((c) => categoryRow(c, options, weakest[0] === c))}</ul>
${band ? html`<h3>What to do next</h3><p>${band.advice}</p>${articleLinks(band.articles, options)}` : ''}
</section>
${emailOffered && options.token ? emailForm(meta, options.token) : ''}
<section class="results-section" aria-labelledby="results-detail-heading">
<h3 id="results-detail-heading">Category by category</h3>
${ordered.map((c) => categoryDetail(c, options))}
</section>
<aside class="results-talk">
<h3>Want a second opinion?</h3>
<p>We help businesses design their workflows before selecting or configuring any technology. If you are approaching an integration project and want a clear-headed perspective before committing, we would be glad to talk.</p>
<p>${primaryAction(options)}</p>
</aside>
</section>`;
}
