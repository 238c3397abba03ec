import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/processes.ts';

/**
 * The shape of src/lambda, held against the code: no import circles (type-only imports count: they tie files together
 * just the same), and no upward imports. Each folder sits on a layer; a file imports only from its own layer or
 * below, so what several features share (a submission, its results token and shown result; the outbox; the funnel's
 * counters) lives below them, and the shared core imports no feature.
 */
const LAYERS: readonly (readonly string[])[] = [
  // The shared core: what everything is given and stores.
  ['ports.ts', 'records.ts', 'errors.ts', 'settings.ts', 'hour-window.ts', 'table-design.ts', 'edge-contract.ts', 'routes.ts'],
  // The outside world, and the HTTP API's plumbing.
  ['adapters', 'http'],
  // Storage and what several features share, each behind its own port.
  ['people', 'submissions', 'messages', 'limits', 'funnel', 'comparison', 'reports', 'outbox', 'consent'],
  // What is sent: emails, webhook events; and the consultancy's reads.
  ['email', 'webhook', 'owner'],
  // The routes and the scheduled work.
  ['assessment', 'contact', 'digest'],
  // The composition root and the entry files.
  ['backend.ts', 'functions', 'handlers'],
];

const lambdaRoot = join(repoRoot, 'src/lambda');

/** Every TypeScript file under src/lambda, relative to it. */
function files(dir = lambdaRoot): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [relative(lambdaRoot, join(dir, entry.name))] : [],
  );
}

/** The relative specifiers a file imports: static (value, type, side effect), re-exports, and dynamic imports. */
function specifiersOf(file: string): string[] {
  const text = readFileSync(join(lambdaRoot, file), 'utf8');
  const patterns = [/^(?:import|export)\b[^'";]*?from\s*'([^']+)'/gms, /^import\s*'([^']+)'/gm, /\bimport\(\s*'([^']+)'\s*\)/g];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[1] ?? '')).filter((s) => s.startsWith('.'));
}

/** The files of src/lambda a file imports. */
function importsOf(file: string): string[] {
  return specifiersOf(file)
    .map((s) => relative(lambdaRoot, resolve(lambdaRoot, dirname(file), s)))
    .filter((target) => !target.startsWith('..'));
}

/** The layer of a file: its folder's, or its own name's for the files at the root of src/lambda. */
function layerOf(file: string): number {
  const top = file.split('/')[0] ?? file;
  const layer = LAYERS.findIndex((names) => names.includes(top));
  if (layer < 0) throw new Error(`${file} is in no layer of this test: add its folder to LAYERS.`);
  return layer;
}

const graph = new Map(files().map((file) => [file, importsOf(file)]));

/** The import circles: strongly connected components of more than one file (Tarjan), and files importing themselves. */
function circles(): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string) => {
    indices.set(file, index);
    low.set(file, index);
    index += 1;
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(next) ?? 0));
      } else if (stack.includes(next)) low.set(file, Math.min(low.get(file) ?? 0, indices.get(next) ?? 0));
    }
    if (low.get(file) === indices.get(file)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member) component.push(member);
      } while (member && member !== file);
      if (component.length > 1 || graph.get(file)?.includes(file)) found.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!indices.has(file)) visit(file);
  return found;
}

describe('the imports of src/lambda', () => {
  it('read every file and its imports', () => {
    expect(graph.size).toBeGreaterThan(50);
    expect(graph.get('functions/events.ts')).toContain('funnel/record-event.ts');
  });

  it('name files that exist (so no import escapes the checks below)', () => {
    const unresolved = [...graph].flatMap(([file, targets]) => targets.filter((target) => !graph.has(target)).map((t) => `${file} → ${t}`));
    expect(unresolved).toEqual([]);
  });

  it('form no circle', () => {
    expect(circles()).toEqual([]);
  });

  it('never point upward: a file imports only its own layer or those below', () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => layerOf(target) > layerOf(file)).map((target) => `${file} → ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it('would catch a circle and an upward import (the checks bite)', () => {
    graph.set('records.ts', [...(graph.get('records.ts') ?? []), 'email/registry.ts']);
    try {
      expect(circles().length + [...graph].filter(([f, t]) => t.some((x) => layerOf(x) > layerOf(f))).length).toBeGreaterThan(0);
    } finally {
      graph.set('records.ts', importsOf('records.ts'));
    }
  });
});
