import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { exited, repoRoot, spawnLocalStack, waitForOutput } from '../helpers/processes.ts';

declare module 'vitest' {
  interface ProvidedContext {
    /** The preview stack's site (the production build with the local API on the same origin). */
    siteUrl: string;
    /** Its SES inbox. */
    inboxUrl: string;
    /** Its data directory, where `npm run leads` finds it. */
    dataDir: string;
  }
}

/** Starts `npm run preview`'s stack (dist/ + local API + stand-ins) as its own process, on free ports. */
export default async function setup(project: TestProject) {
  if (!existsSync(join(repoRoot, 'dist/index.html'))) {
    throw new Error('dist/ has no build. Run `npm run build` first (npm test does it for you).');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'e2e-'));
  const child = spawnLocalStack(['--preview'], {
    LOCAL_DATA_DIR: dataDir,
    SWEEP_INTERVAL_MS: '1000',
    MIN_COMPLETION_SECONDS: '0',
    SUBMISSIONS_PER_IP_PER_HOUR: '1000',
    FORM_POSTS_PER_IP_PER_HOUR: '1000',
  });
  const [, siteUrl] = await waitForOutput(child, /Site\s+(http:\/\/127\.0\.0\.1:\d+)/);
  const [, inboxUrl] = await waitForOutput(child, /Email inbox\s+(http:\/\/127\.0\.0\.1:\d+)/);
  project.provide('siteUrl', String(siteUrl));
  project.provide('inboxUrl', String(inboxUrl));
  project.provide('dataDir', dataDir);
  return async () => {
    process.kill(-(child.pid ?? 0), 'SIGINT');
    await exited(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
