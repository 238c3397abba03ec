import { describe, expect, it } from 'vitest';
import { renderResults, slugToTitle } from '../../../src/quiz/render-results.ts';
import { scoreAssessment } from '../../../src/quiz/score.ts';
import { tinyAssessment } from '../../fixtures/assessments.ts';

const meta = { title: 'Tiny', consentLabel: 'Send me <one> follow-up.' };
const tiny = tinyAssessment();

describe('renderResults', () => {
  it('shows the band, a bar per category, what cost points, the results link and the email form', () => {
    const result = scoreAssessment(tiny, { x1: 'd', x2: 'a', x3: 'c', y1: 'b' });
    const markup = renderResults(meta, result, { token: 'abc.def', siteUrl: 'https://example.com' }).toString();
    expect(markup).toContain('Getting there');
    expect(markup.match(/class="bar-fill"/g)).toHaveLength(2);
    expect(markup).toContain('width="58"');
    expect(markup).toContain('Y: not enough answers');
    expect(markup).toContain('You answered “Weak”; the strongest answer is “Strong”.');
    expect(markup).toContain('https://example.com/results/?t=abc.def');
    expect(markup).toContain('action="/api/results/abc.def/contact"');
    expect(markup).toContain('Send me &lt;one&gt; follow-up.');
    expect(markup).not.toContain('style=');
  });

  it('leaves out the email form once contact details were given', () => {
    const markup = renderResults(meta, scoreAssessment(tiny, {}), {
      token: 't.k',
      siteUrl: 'https://example.com',
      contactGiven: true,
    }).toString();
    expect(markup).not.toContain('<form');
    expect(markup).toContain('Not enough answers for a result yet');
  });

  it('says where to start as a sentence when there is one place, and as a numbered list when there are two', () => {
    const focus = (answers: Record<string, string>) =>
      /<div class="results-focus"[^>]*><h3>Where to start<\/h3>(<p>|<ol>)/.exec(
        renderResults(meta, scoreAssessment(tiny, answers), { token: 't.k', siteUrl: 'https://example.com' }).toString(),
      )?.[1];
    // Only X below 100 % (Y has too few answers to score): one place to start.
    expect(focus({ x1: 'd', x2: 'a', x3: 'c', y1: 'a' })).toBe('<p>');
    // X and Y both below 100 %, and only two categories: both, in order.
    expect(focus({ x1: 'd', x2: 'a', x3: 'c', y1: 'b', y2: 'c' })).toBe('<ol>');
  });

  it('turns article slugs into titles when no title is given', () => {
    expect(slugToTitle('the-hidden-cost-of-doing-it-manually')).toBe('The hidden cost of doing it manually');
  });
});
