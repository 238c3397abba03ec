import { type Benchmark, benchmarkSentence } from './benchmark.ts';
import { talkHref } from './booking.ts';
import { html, type SafeHtml } from './html.ts';
import type { AssessmentResult, CategoryResult } from './score.ts';

/** The little of the assessment the results view shows (so the browser need not load the whole assessment). */
export interface ResultsMeta {
  /** The assessment's title. */
  title: string;
  /** The consent checkbox's label. */
  consentLabel: string;
}

/** What the results view needs besides the scored result. */
export interface ResultsViewOptions {
  /** The token of the stored result, for the results link and the email form; null when not stored. */
  token: string | null;
  /** The site's origin for the absolute results link (e.g. https://paradigmai.co). */
  siteUrl: string;
  /** Article titles by slug; a missing title falls back to the slug in words. */
  articleTitles?: Readonly<Record<string, string>>;
  /** Whether the visitor already left contact details (then the email form is not offered). */
  contactGiven?: boolean;
  /** How the result compares with the others who took the assessment, when enough have. */
  benchmark?: Benchmark;
  /** The booking page offered to this result first; without it, "Talk to us" is the action. */
  booking?: { href: string };
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

/** A horizontal bar as SVG: attributes only, no inline styles (the CSP forbids them). */
function bar(percent: number | null): SafeHtml {
  const width = percent ?? 0;
  return html`<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" width="100%" height="12" aria-hidden="true" focusable="false"><rect class="bar-track" x="0" y="0" width="100" height="10" rx="2"></rect><rect class="bar-fill" x="0" y="0" width="${width}" height="10" rx="2"></rect></svg>`;
}

function categoryRow(category: CategoryResult, benchmark: Benchmark | undefined): SafeHtml {
  const value = category.percent === null ? 'Not enough answers' : `${category.percent}%`;
  const ahead = benchmark?.categories[category.id];
  return html`<li class="category-row">
<span class="category-name">${category.title}</span>
${bar(category.percent)}
<span class="category-value">${value}</span>
${ahead === undefined ? '' : html`<span class="category-benchmark">ahead of ${ahead}% of others</span>`}
</li>`;
}

function articleLinks(slugs: string[], options: ResultsViewOptions): SafeHtml | '' {
  if (slugs.length === 0) return '';
  return html`<ul class="article-links">${slugs.map((slug) => html`<li><a href="${articlePath(slug)}">${options.articleTitles?.[slug] ?? slugToTitle(slug)}</a></li>`)}</ul>`;
}

function categoryDetail(category: CategoryResult, options: ResultsViewOptions): SafeHtml {
  if (category.percent === null || !category.band) {
    return html`<section class="category-detail"><h4>${category.title}: not enough answers</h4><p>You answered ${category.answered} of ${category.total} questions here, too few for a fair score. Answering more of them would show where you stand.</p></section>`;
  }
  const costs = category.costliest.length
    ? html`<p>What cost the most points:</p><ul>${category.costliest.map(
        (c) => html`<li>${c.prompt} You answered “${c.chosen}”; the strongest answer is “${c.best}”.</li>`,
      )}</ul>`
    : html`<p>You gave the strongest answer to every question here.</p>`;
  return html`<section class="category-detail">
<h4>${category.title}: ${category.percent}%, ${category.band.headline.charAt(0).toLowerCase()}${category.band.headline.slice(1)}</h4>
${costs}
<p><strong>Next step:</strong> ${category.band.advice}</p>
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

/**
 * Renders the results: overall band, a bar per category, what cost the most, the advice with articles,
 * the results link, a call to talk, and the email form. One renderer for the browser and the server.
 * @example renderResults({ title, consentLabel }, scoreAssessment(assessment, answers), { token, siteUrl }).toString()
 */
export function renderResults(meta: ResultsMeta, result: AssessmentResult, options: ResultsViewOptions): SafeHtml {
  const band = result.band;
  const headline = band ? band.headline : 'Not enough answers for a result yet';
  const summary = band
    ? band.summary
    : 'Too few questions were answered to say where you stand. Go back and answer a few more; "not sure" is a fair answer where it applies.';
  const link = options.token ? resultsUrl(options.siteUrl, options.token) : null;
  const comparison = options.benchmark ? benchmarkSentence(options.benchmark) : null;
  return html`<section class="results" aria-labelledby="results-heading" data-results>
<p class="results-kicker">Your result · ${meta.title}</p>
<h2 id="results-heading" tabindex="-1">${headline}</h2>
${result.percent === null ? '' : html`<p class="results-score"><strong>${result.percent}%</strong> overall readiness</p>`}
${comparison ? html`<p class="results-benchmark">${comparison}</p>` : ''}
<p>${summary}</p>
<h3>By category</h3>
<ul class="category-bars">${result.categories.map((c) => categoryRow(c, options.benchmark))}</ul>
${band ? html`<h3>What to do next</h3><p>${band.advice}</p>${articleLinks(band.articles, options)}` : ''}
<h3>Where you lost points</h3>
${result.categories.map((c) => categoryDetail(c, options))}
<aside class="results-talk">
<h3>Want a second opinion?</h3>
<p>We help businesses design their workflows before selecting or configuring any technology. If you are approaching an integration project and want a clear-headed perspective before committing, we would be glad to talk.</p>
${
  options.booking
    ? html`<p><a class="button" href="${options.booking.href}" data-book>Book a call</a> <a href="${talkHref(options.token)}" data-talk>or write to us</a></p>`
    : html`<p><a class="button" href="${talkHref(options.token)}" data-talk>Talk to us</a></p>`
}
</aside>
${link ? html`<p class="results-link">Your results link (keep it to come back later): <a href="${link}">${link}</a></p>` : ''}
${options.token && !options.contactGiven ? emailForm(meta, options.token) : ''}
</section>`;
}
