import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from './processes.ts';

export const distDir = join(repoRoot, 'dist');

/** Every HTML page of the build, as its URL path. */
export function builtPages(): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.html')) pages.push(`/${relative(distDir, path)}`.replace(/index\.html$/, ''));
    }
  };
  walk(distDir);
  return pages.sort();
}

/** The HTML of a built page. */
export function pageHtml(path: string): string {
  const file = path.endsWith('/') ? join(distDir, path, 'index.html') : join(distDir, path);
  return readFileSync(file, 'utf8');
}

/** The modules a built script imports statically, as site paths. */
function importsOf(src: string): string[] {
  const code = readFileSync(join(distDir, src), 'utf8');
  const dir = src.slice(0, src.lastIndexOf('/') + 1);
  return [...code.matchAll(/(?:from|import)\s*["'](\.\/[^"']+)["']/g)].map((m) => `${dir}${(m[1] ?? '').slice(2)}`);
}

/** A script file and every module it imports statically, each once. */
function withImports(src: string, seen: Set<string>): string[] {
  if (seen.has(src)) return [];
  seen.add(src);
  return [src, ...importsOf(src).flatMap((i) => withImports(i, seen))];
}

/** The JavaScript a page loads (with every module those scripts import) or inlines, JSON-LD excepted, with gzip sizes. */
export function pageScripts(path: string): { src: string; gzipBytes: number }[] {
  const html = pageHtml(path);
  const scripts: { src: string; gzipBytes: number }[] = [];
  const seen = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attributes = match[1] ?? '';
    if (/type="application\/ld\+json"/.test(attributes)) continue;
    const src = /src="([^"]+)"/.exec(attributes)?.[1];
    if (!src) {
      scripts.push({ src: '(inline)', gzipBytes: gzipSync(Buffer.from(match[2] ?? ''), { level: 9 }).length });
      continue;
    }
    for (const file of withImports(src.split('?')[0] ?? '', seen)) {
      scripts.push({ src: file, gzipBytes: gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length });
    }
  }
  return scripts;
}

/** Total gzip bytes of JavaScript a page ships. */
export const pageJsBytes = (path: string) => pageScripts(path).reduce((sum, s) => sum + s.gzipBytes, 0);

/**
 * How a page loads, as the browser sees its HTML: the requests that block its first paint (a stylesheet link, a
 * classic script without async or defer), and the depth of its request chain (1: the HTML alone; 2: files the HTML
 * names; 3 or more: a module the browser only discovers by reading another).
 */
export function pageLoading(path: string): { renderBlocking: string[]; chainDepth: number; requests: string[] } {
  const html = pageHtml(path);
  const head = html.slice(0, html.indexOf('</head>'));
  const renderBlocking = [
    ...[...head.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1] ?? ''),
    ...[...head.matchAll(/<script\b([^>]*)src="([^"]+)"([^>]*)>/g)]
      .filter((m) => !/type="module"|\basync\b|\bdefer\b/.test(`${m[1]} ${m[3]}`))
      .map((m) => m[2] ?? ''),
  ];
  const named = new Set([
    ...[...html.matchAll(/<link\b[^>]*rel="(?:stylesheet|modulepreload|preload)"[^>]*href="([^"]+)"/g)].map((m) => m[1] ?? ''),
    ...[...html.matchAll(/<script\b[^>]*src="([^"]+)"/g)].map((m) => m[1] ?? ''),
    ...[...html.matchAll(/<img\b[^>]*src="(\/[^"]+)"/g)].map((m) => m[1] ?? ''),
  ]);
  const depthOf = (src: string, seen = new Set<string>()): number => {
    if (seen.has(src) || !src.endsWith('.js')) return 0;
    seen.add(src);
    const imports = importsOf(src);
    // A module the HTML already names is fetched with the page's first round of requests.
    return Math.max(0, ...imports.map((i) => (named.has(i) ? 0 : 1 + depthOf(i, seen))));
  };
  const scripts = [...named].filter((src) => src.endsWith('.js'));
  const chainDepth = named.size === 0 ? 1 : 2 + Math.max(0, ...scripts.map((s) => depthOf(s)));
  return { renderBlocking, chainDepth, requests: [...named] };
}
