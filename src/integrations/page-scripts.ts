import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** The relative modules a built script imports statically (`import{x}from"./show-results.abc.js"`). */
const importsOf = (code: string) => [...code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.\/[^"']+\.js)["']/g)].map((m) => m[1] ?? '');

/**
 * Flattens each page's module chain: after the build, every `<script type="module" src>` gets a
 * `<link rel="modulepreload">` for each module it imports, directly or not, so the browser fetches them all at once
 * instead of one level after another (page → entry → shared chunk).
 */
export function modulePreload(): AstroIntegration {
  return {
    name: 'module-preload',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const root = fileURLToPath(dir);
        const imported = new Map<string, string[]>();
        const importsDeep = async (src: string, seen = new Set<string>()): Promise<string[]> => {
          if (seen.has(src)) return [];
          seen.add(src);
          if (!imported.has(src)) imported.set(src, importsOf(await readFile(join(root, src), 'utf8')));
          const folder = src.slice(0, src.lastIndexOf('/') + 1);
          const direct = (imported.get(src) ?? []).map((i) => `${folder}${i.slice(2)}`);
          const deeper = await Promise.all(direct.map((d) => importsDeep(d, seen)));
          return [...direct, ...deeper.flat()];
        };
        const pages = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.html'));
        for (const page of pages) {
          const file = join(root, page);
          const html = await readFile(file, 'utf8');
          const scripts = [...html.matchAll(/<script type="module" src="(\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
          if (scripts.length === 0) continue;
          const modules = [...new Set((await Promise.all(scripts.map((s) => importsDeep(s)))).flat())].filter((m) => !scripts.includes(m));
          if (modules.length === 0) continue;
          const links = modules.map((m) => `<link rel="modulepreload" href="${m}">`).join('');
          await writeFile(file, html.replace('</head>', `${links}</head>`));
        }
      },
    },
  };
}
