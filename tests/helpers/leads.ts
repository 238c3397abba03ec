import { spawn } from 'node:child_process';
import { repoRoot } from './processes.ts';

/** Runs `npm run leads -- <args>` as an operator would, against the local stack whose data directory is given. */
export const runLeads = (localDataDir: string, ...args: string[]) => runCli('src/cli/leads.ts', localDataDir, ...args);

/** Runs `npm run seed -- <args>` against the local stack whose data directory is given. */
export const runSeed = (localDataDir: string, ...args: string[]) => runCli('src/cli/seed.ts', localDataDir, ...args);

/** Runs one of the project's command-line tools against a local stack, collecting what it prints. */
function runCli(script: string, localDataDir: string, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: repoRoot,
      env: { ...process.env, LOCAL_DATA_DIR: localDataDir },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}
