import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';

/** A page's script as Astro emits it: a module file from /_astro/. */
const PAGE_SCRIPT = /<script type="module" src="(\/_astro\/[^"]+\.js)"><\/script>/g;

/** Whether a built module imports another file (`import{x}from"./show-results.abc.js"`). */
const importsAFile = (code: string) => /(?:\bfrom|\bimport)\s*\(?\s*["']\.\.?\//.test(code);

/**
 * Each page loads its script as one file, fetched at low priority, after the build:
 *
 * - The bundler shares the modules two pages use (show-results, form-errors) as chunks of their own, so the assessment
 *   made three requests on three connections before it could run. Each entry that imports a chunk is bundled with
 *   what it imports, in place (its hashed name already changes whenever a chunk it imports does), and the chunks no
 *   page loads any more are removed. The assessment's script went from three files (9.4 KB gzip) to one (8.1 KB).
 * - A module script is fetched at high priority, which Lighthouse's simulation counts as blocking the first paint,
 *   though a module never blocks it. Every script here enhances what the HTML already shows (or, on the results page,
 *   fills it after the page has painted), so `fetchpriority="low"` says what it is. Together, on Lighthouse's mobile
 *   run (`npm run bench`), the assessment's first paint went from 1.6× Astro's blog example to below it.
 */
export function pageScripts(): AstroIntegration {
  return {
    name: 'page-scripts',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        const root = fileURLToPath(dir);
        const files = await readdir(root, { recursive: true });
        const pages = files.filter((f) => f.endsWith('.html'));
        const entries = new Set<string>();
        for (const page of pages) {
          const html = await readFile(join(root, page), 'utf8');
          for (const [, src = ''] of html.matchAll(PAGE_SCRIPT)) entries.add(src);
          if (!html.includes('<script type="module" src=')) continue;
          await writeFile(join(root, page), html.replace(PAGE_SCRIPT, '<script type="module" fetchpriority="low" src="$1"></script>'));
        }
        for (const entry of entries) {
          const file = join(root, entry);
          if (!importsAFile(await readFile(file, 'utf8'))) continue;
          const bundled = await build({ entryPoints: [file], bundle: true, format: 'esm', minify: true, write: false, logLevel: 'error' });
          await writeFile(file, bundled.outputFiles[0]?.contents ?? '');
        }
        // The chunks are inside the entries now; a file no page names would only be deployed and never fetched.
        const scripts = files.filter((f) => f.startsWith('_astro/') && f.endsWith('.js'));
        for (const script of scripts) if (!entries.has(`/${script}`)) await rm(join(root, script));
      },
    },
  };
}
