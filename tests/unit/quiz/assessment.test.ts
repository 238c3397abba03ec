import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import raw from '../../../content/assessments/integration-readiness.json' with { type: 'json' };
import { parseAssessment } from '../../../src/quiz/assessment.ts';

const articleSlugs = readdirSync(new URL('../../../content/articles/', import.meta.url)).map((f) => f.replace(/\.mdx?$/, ''));
const clone = () => structuredClone(raw) as typeof raw;

describe('the Integration Readiness Assessment content', () => {
  it('validates, with every recommended article present', () => {
    const assessment = parseAssessment(raw, { articleSlugs });
    expect(assessment.categories.length).toBeGreaterThanOrEqual(5);
    expect(assessment.categories.length).toBeLessThanOrEqual(7);
    expect(assessment.questions.length).toBeGreaterThanOrEqual(15);
    expect(assessment.questions.length).toBeLessThanOrEqual(25);
    expect(assessment.bands.map((b) => b.id)).toEqual(['not-ready', 'getting-there', 'ready']);
  });

  it('traces every element of the article framework to at least one question', () => {
    const assessment = parseAssessment(raw);
    const cited = new Set(assessment.questions.flatMap((q) => q.sources));
    expect(assessment.framework.filter((f) => !cited.has(f.id)).map((f) => f.id)).toEqual([]);
    expect(assessment.framework.map((f) => f.kind).sort()).toEqual(
      [...Array(4).fill('question'), ...Array(3).fill('pattern'), ...Array(6).fill('trait')].sort(),
    );
  });

  it('rejects a question that points at a missing category, naming it', () => {
    const bad = clone();
    (bad.questions[0] as { category: string }).category = 'budget';
    expect(() => parseAssessment(bad, { source: 'test.json' })).toThrowError(
      /questions\.0\.category: Question "outcome-written" points at category "budget", which does not exist\./,
    );
  });

  it('rejects bands that leave a gap in 0–100', () => {
    const bad = clone();
    (bad.bands[1] as { min: number }).min = 50;
    expect(() => parseAssessment(bad)).toThrowError(/bands: Overall bands have a gap between 45 and 50\./);
  });

  it('rejects category bands that do not reach 100', () => {
    const bad = clone();
    (bad.categories[2]?.bands[2] as { max: number }).max = 90;
    expect(() => parseAssessment(bad)).toThrowError(/Bands of category "data" must end at 100/);
  });

  it('rejects an unknown article slug, naming it', () => {
    const bad = clone();
    bad.bands[0]?.articles.push('no-such-article');
    expect(() => parseAssessment(bad, { articleSlugs })).toThrowError(
      /bands\.0\.articles: recommends article "no-such-article", which does not exist/,
    );
  });
});
