import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/processes.ts';

/** Every .astro file under a folder. */
function astroFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return astroFiles(path);
    return entry.name.endsWith('.astro') ? [path] : [];
  });
}

/**
 * Lines of markup where a line of text ends and the next begins with an expression: Astro drops that line break,
 * so the page reads "about3 days" or "OnlyParadigm AI". Frontmatter, scripts and styles are not markup.
 */
function wordsRunTogether(source: string): string[] {
  const lines = source.split('\n');
  const found: string[] = [];
  let fences = 0;
  let inCode = false;
  lines.forEach((line, i) => {
    if (line.trim() === '---') fences += 1;
    if (fences < 2 || line.trim() === '---') return;
    if (/<(script|style)\b/.test(line)) inCode = true;
    if (/<\/(script|style)>/.test(line)) inCode = false;
    const before = lines[i - 1] ?? '';
    if (!inCode && /^\s*\{/.test(line) && /[\p{L}\p{N},.;:!?)]$/u.test(before))
      found.push(`line ${i + 1}: …${before.trim().slice(-30)} ⏎ ${line.trim().slice(0, 30)}…`);
  });
  return found;
}

describe('the words of every page', () => {
  it('never run into a value on the next line of an .astro file', () => {
    const problems = astroFiles(join(repoRoot, 'src')).flatMap((file) =>
      wordsRunTogether(readFileSync(file, 'utf8')).map((problem) => `${relative(repoRoot, file)} ${problem}`),
    );
    expect(problems).toEqual([]);
  });

  it('catches the slip it guards against', () => {
    expect(wordsRunTogether('---\n---\n<p>\n  Only\n  {name} can access it.\n</p>')).toEqual(['line 5: …Only ⏎ {name} can access it.…']);
    expect(wordsRunTogether('---\n---\n<p>\n  Only {name}\n  can access it.\n</p>')).toEqual([]);
  });
});
