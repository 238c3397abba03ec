import { describe, expect, it } from 'vitest';
import { ArticleFrontmatterSchema } from '../../src/article-schema.ts';

const good = {
  title: 'A proper title',
  description: 'A description long enough to be a useful summary in search results and on cards.',
  published: '2026-11-02',
  tags: ['integration'],
};
const problems = (value: unknown) =>
  ArticleFrontmatterSchema.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('article frontmatter', () => {
  it('accepts a complete article and fills the defaults', () => {
    expect(ArticleFrontmatterSchema.parse(good)).toMatchObject({ draft: false, published: new Date('2026-11-02') });
  });

  it.each([
    [{ ...good, description: 'Too short.' }, 'description: Write at least 50 characters: it is the summary in search results.'],
    [{ ...good, published: 'last Tuesday' }, 'published: Use a date such as 2026-11-27.'],
    [{ ...good, tags: ['Workflow Design'] }, 'tags.0: Use lower-case words joined by dashes.'],
    [{ ...good, updated: '2026-10-01' }, 'updated: updated must not be before published'],
    [{ ...good, hero: { src: '/a.png', alt: '' } }, 'hero.alt: Describe the image for people who cannot see it.'],
    [{ ...good, author: 'Someone' }, ': Unrecognized key: "author"'],
  ])('rejects %o, naming the field', (frontmatter, message) => {
    expect(problems(frontmatter)).toContain(message);
  });
});
