import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/processes.ts';

/**
 * Each import rule of biome.jsonc, proven to bite: a probe file with a wrong import in each folder must fail
 * `biome lint` on noRestrictedImports, and the same folder's allowed import must pass. The probes live for the
 * length of one `biome lint` run and are removed even when it fails.
 */
const cases: { folder: string; ext?: 'ts' | 'astro'; wrong: string[]; right: string }[] = [
  { folder: 'src/quiz', wrong: ['node:crypto', '@aws-sdk/client-dynamodb', 'astro:content', '../site-config.ts'], right: 'zod' },
  { folder: 'src/calculator', wrong: ['node:fs', '../quiz/score.ts'], right: 'zod' },
  {
    folder: 'src/browser',
    wrong: ['zod', '../site-config.ts', 'astro:content', '../assessment.ts', '../lambda/http/request.ts', '../local/stack.ts', 'node:fs'],
    right: '../quiz/render-results.ts',
  },
  {
    folder: 'src/components',
    ext: 'astro',
    wrong: ['../lambda/backend.ts', '../local/stack.ts', '@aws-sdk/client-sesv2'],
    right: '../quiz/html.ts',
  },
  { folder: 'src/pages', ext: 'astro', wrong: ['../lambda/records.ts'], right: '../site-config.ts' },
  { folder: 'src/layouts', ext: 'astro', wrong: ['../local/api-server.ts'], right: '../components/articles.ts' },
  {
    folder: 'src',
    wrong: ['./lambda/backend.ts', './browser/api.ts', 'node:fs', '@aws-sdk/client-dynamodb'],
    right: './quiz/assessment.ts',
  },
  {
    folder: 'src/lambda',
    wrong: ['@aws-sdk/client-dynamodb', '../local/stack.ts', '../browser/api.ts', 'astro:content'],
    right: './adapters/table.ts',
  },
  { folder: 'src/lambda/outbox', wrong: ['@aws-sdk/lib-dynamodb'], right: '../records.ts' },
  { folder: 'src/lambda/adapters', wrong: ['../../local/stack.ts'], right: '@aws-sdk/client-dynamodb' },
  { folder: 'src/local', wrong: ['../browser/api.ts', '../components/articles.ts'], right: '../lambda/backend.ts' },
  {
    folder: 'src/cli',
    wrong: ['../local/stack.ts', '../local/stand-ins.ts', '../browser/api.ts', 'astro:content'],
    right: '../local/running-stack.ts',
  },
  { folder: 'infra', wrong: ['../src/lambda/backend.ts', '../src/lambda/adapters/table.ts'], right: '../src/lambda/routes.ts' },
];

/** One probe file per import: its path and whether the rules should refuse it. */
const probes = cases.flatMap(({ folder, ext = 'ts', wrong, right }) =>
  [...wrong.map((from) => ({ from, refused: true })), { from: right, refused: false }].map((probe, i) => ({
    ...probe,
    folder,
    path: join(folder, `__import-probe-${i}__.${ext}`),
    text:
      ext === 'astro'
        ? `---\nimport * as probe from '${probe.from}';\n---\n<p>{String(probe)}</p>\n`
        : `import * as probe from '${probe.from}';\n\nexport { probe };\n`,
  })),
);

let refusedPaths = new Set<string>();

beforeAll(() => {
  try {
    for (const probe of probes) {
      mkdirSync(dirname(join(repoRoot, probe.path)), { recursive: true });
      writeFileSync(join(repoRoot, probe.path), probe.text);
    }
    const result = spawnSync(join(repoRoot, 'node_modules/.bin/biome'), ['lint', '--reporter=json', ...probes.map((p) => p.path)], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    const report = JSON.parse(result.stdout) as { diagnostics: { category: string; location: { path: string } }[] };
    refusedPaths = new Set(report.diagnostics.filter((d) => d.category === 'lint/style/noRestrictedImports').map((d) => d.location.path));
  } finally {
    for (const probe of probes) rmSync(join(repoRoot, probe.path), { force: true });
  }
}, 60_000);
afterAll(() => {
  for (const probe of probes) rmSync(join(repoRoot, probe.path), { force: true });
});

describe('the import rules in biome.jsonc', () => {
  it.each(probes.map((p) => [p.folder, p.refused ? 'refuses' : 'allows', p.from, p]))('%s %s an import of %s', (_f, _v, _i, probe) => {
    expect(refusedPaths.has(probe.path)).toBe(probe.refused);
  });
});

/** Every .astro file under src/. */
function astroFiles(dir = join(repoRoot, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? astroFiles(join(dir, entry.name)) : entry.name.endsWith('.astro') ? [join(dir, entry.name)] : [],
  );
}

describe('client scripts in .astro files', () => {
  // Biome applies a folder's rule to a whole .astro file, frontmatter (build time) and <script> (the page) alike;
  // so the page's code stays in src/browser, where the browser rule holds, and a <script> only imports it.
  it.each(astroFiles().map((file) => [relative(repoRoot, file), file]))('%s imports only src/browser in its <script>', (_name, file) => {
    const scripts = [
      ...readFileSync(file, 'utf8').matchAll(/<script(?![^>]*(?:is:inline|application\/ld\+json))[^>]*>([\s\S]*?)<\/script>/g),
    ];
    const imports = scripts.flatMap((m) => [...(m[1] ?? '').matchAll(/(?:from|import)\s*['"]([^'"]+)['"]/g)].map((i) => i[1] ?? ''));
    for (const specifier of imports) {
      expect(relative(repoRoot, resolve(dirname(file), specifier)), specifier).toMatch(/^src\/browser\//);
    }
  });
});
