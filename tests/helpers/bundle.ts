import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { LAMBDA_BANNER, LAMBDA_EXTERNALS } from '../../infra/constructs/site-function.ts';
import { apiRoutes, scheduledFunctions } from '../../src/lambda/routes.ts';
import { repoRoot } from './processes.ts';

/** Every Lambda entry, by function name. */
export const lambdaEntries = [...apiRoutes, ...scheduledFunctions].map((r) => ({ name: r.functionName, entry: r.entry }));

/** Bundles one function the way the CDK stack does (esbuild, ESM, node24, minified, @aws-sdk external). */
export async function bundleFunction(
  entry: string,
  outDir = join(repoRoot, '.local/bundles'),
): Promise<{ file: string; bytes: number; inputs: string[]; externals: string[] }> {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${entry.split('/').at(-1)?.replace(/\.ts$/, '')}.mjs`);
  const result = await build({
    entryPoints: [resolve(repoRoot, entry)],
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    minify: true,
    external: LAMBDA_EXTERNALS,
    banner: { js: LAMBDA_BANNER },
    outfile: file,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = Object.values(result.metafile.outputs);
  const bytes = outputs.reduce((sum, o) => sum + o.bytes, 0);
  // What the bundle holds (files that contribute code) and the modules it leaves to the runtime.
  const inputs = outputs.flatMap((o) => Object.entries(o.inputs).flatMap(([path, input]) => (input.bytesInOutput > 0 ? [path] : [])));
  const externals = outputs.flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  return { file, bytes, inputs, externals: [...new Set(externals)] };
}
