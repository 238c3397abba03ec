import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');

/** The environment without vitest's own variables (Astro's dev server serves no pages when VITEST is set). */
function cleanEnv(): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_ENV' && name !== 'TEST'),
  );
}

/**
 * Starts `npm start`'s entry (or `--preview`) as a child process on free ports; with `viaNpm`, `npm start` itself,
 * as a developer types it.
 */
export function spawnLocalStack(args: string[], env: Record<string, string>, viaNpm = false): ChildProcess & { output: () => string } {
  const [command, ...rest] = viaNpm
    ? ['npm', 'start', '--', ...args]
    : [process.execPath, '--import', 'tsx', 'src/local/start.ts', ...args];
  const child = spawn(command ?? 'npm', rest, {
    cwd: repoRoot,
    env: { ...cleanEnv(), PORT: '0', API_PORT: '0', INBOX_PORT: '0', SWEEP_INTERVAL_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return Object.assign(child, { output: () => output });
}

/** Waits until the child prints `pattern`, or fails with what it printed. */
export async function waitForOutput(
  child: ReturnType<typeof spawnLocalStack>,
  pattern: RegExp,
  timeoutMs = 60_000,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = child.output().match(pattern);
    if (match) return match;
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`The local stack did not print ${pattern} (exit ${child.exitCode}). It printed:\n${child.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Resolves with the exit code once the child has exited. */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((r) => child.once('exit', (code) => r(code)));
}

/** Whether something accepts connections on this loopback port. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((r) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      r(true);
    });
    socket.once('error', () => r(false));
  });
}

/** Runs one of the project's TypeScript scripts in its own Node process (through tsx), collecting what it prints. */
export function runScript(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: repoRoot, env });
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}
