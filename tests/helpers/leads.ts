import { runScript } from './processes.ts';

/** Runs `npm run leads -- <args>` as an operator would, against the local stack whose data directory is given. */
export const runLeads = (localDataDir: string, ...args: string[]) => runCli('src/cli/leads.ts', localDataDir, ...args);

/** Runs `npm run seed -- <args>` against the local stack whose data directory is given. */
export const runSeed = (localDataDir: string, ...args: string[]) => runCli('src/cli/seed.ts', localDataDir, ...args);

/** Runs one of the project's command-line tools against a local stack, collecting what it prints. */
const runCli = (script: string, localDataDir: string, ...args: string[]) =>
  runScript(script, args, { ...process.env, LOCAL_DATA_DIR: localDataDir });
