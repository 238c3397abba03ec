import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as z from '../quiz/zod.ts';

/**
 * What a running `npm start` says of itself, written here once for the stack (src/local) and the operator's tools
 * (src/cli: `npm run leads`, `seed`, `screenshots`), which import this file and nothing else of the local stack.
 */

/** The repository root (this file is src/local/running-stack.ts). */
export const repoRoot = resolve(import.meta.dirname, '../..');
/** Where dynalite keeps its data across restarts unless `LOCAL_DATA_DIR` says otherwise (`memory`: nowhere). */
export const DEFAULT_DATA_DIR = resolve(repoRoot, '.local/dynamodb');
/** The region and credentials of the stand-ins, which accept any. */
export const localRegion = 'us-east-1';
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
/** The person-index key of the local stack only (AWS generates its own in Secrets Manager). */
export const LOCAL_PERSON_KEY = 'local-person-key-for-npm-start-only-never-deployed';

/** The state file of a running local stack: how to reach its table, site, API and inbox. */
export const RunningStackSchema = z.object({
  dynamoEndpoint: z.string(),
  tableName: z.string(),
  /** The person-index key its backend hashes addresses with. */
  personKey: z.string(),
  siteUrl: z.optional(z.string()),
  apiUrl: z.optional(z.string()),
  inboxUrl: z.optional(z.string()),
  /** How far its backend's clock was moved (`POST /__local/clock`), so the tools read the same time it does. */
  clockOffsetMs: z.optional(z.number()),
});
/** What a running local stack says of itself. */
export type RunningStack = z.output<typeof RunningStackSchema>;

/** The data directory `LOCAL_DATA_DIR` names: undefined for `memory`, the default when unset. */
export const dataDirOf = (setting: string | undefined) =>
  setting === 'memory' ? undefined : setting ? resolve(setting) : DEFAULT_DATA_DIR;

/** A stack's state file: in its data directory or, kept in memory, `.local/memory-stack.json` (so the tools find it). */
export const stateFileOf = (dataDir: string | undefined) =>
  dataDir === undefined ? resolve(repoRoot, '.local/memory-stack.json') : resolve(dataDir, 'stack.json');

/** Writes a running stack's state file; returns what removes it when the stack stops. */
export function writeRunningStack(dataDir: string | undefined, stack: RunningStack): () => void {
  const file = stateFileOf(dataDir);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(stack, null, 2)}\n`);
  return () => rmSync(file, { force: true });
}

/**
 * The running stack the tools reach, as `LOCAL_DATA_DIR` names it: with a directory (or `memory`) only that one;
 * unset, the one on the default directory, else one kept in memory. Otherwise, the state files looked for.
 */
export function findRunningStack(setting: string | undefined): RunningStack | { lookedFor: string[] } {
  const candidates = setting ? [stateFileOf(dataDirOf(setting))] : [stateFileOf(DEFAULT_DATA_DIR), stateFileOf(undefined)];
  const found = candidates.find((file) => existsSync(file));
  return found ? RunningStackSchema.parse(JSON.parse(readFileSync(found, 'utf8'))) : { lookedFor: candidates };
}
