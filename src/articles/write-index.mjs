// Writes the index of published articles (slug and title, from each file's frontmatter) that the backend reads:
// the funnel accepts `article:<slug>` only for an article that exists, and the digest names articles by their title.
// Run by every npm script (through preflight.mjs), so a change in content/articles/ reaches the backend on the next
// `npm start`, `npm test` or `npm run deploy`. Plain JavaScript, like preflight.mjs, so it runs before anything is built.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const articlesDir = join(root, 'content', 'articles');
const indexFile = join(dirname(fileURLToPath(import.meta.url)), 'index.generated.json');

/**
 * The published articles (drafts left out), by slug: the file's name without its extension, as the site's pages use it.
 * @returns {{ slug: string, title: string }[]}
 */
export function readArticleIndex(dir = articlesDir) {
  return readdirSync(dir)
    .filter((file) => /\.mdx?$/.test(file))
    .sort()
    .flatMap((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1];
      const data = frontmatter === undefined ? {} : (parse(frontmatter) ?? {});
      // The site's build refuses an article without a title (article-schema.ts); here it is simply not indexed.
      if (typeof data.title !== 'string' || data.draft === true) return [];
      return [{ slug: file.replace(/\.mdx?$/, '').toLowerCase(), title: data.title }];
    });
}

/** Writes the index when it changed (so a watcher sees no change when there is none). */
export function writeArticleIndex() {
  const text = `${JSON.stringify(readArticleIndex(), null, 2)}\n`;
  let current = '';
  try {
    current = readFileSync(indexFile, 'utf8');
  } catch {
    // Not written yet.
  }
  if (current !== text) writeFileSync(indexFile, text);
}
