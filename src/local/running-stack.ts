import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from '../quiz/zod.ts';

/**
 * What a running `npm start` says of itself, for the operator's tools (`npm run leads`, `npm run seed`,
 * `npm run screenshots`): written once here, read by src/local and src/cli alike. Plain Node: the tools import this
 * file and nothing else of the local stack.
 */

/** The repository root (this file is src/local/running-stack.ts). */
export const repoRoot = resolve(import.meta.dirname, '../..');

/** Where DynamoDB's data is kept across restarts unless `LOCAL_DATA_DIR` says otherwise (`memory`: nowhere). */
export const DEFAULT_DATA_DIR = resolve(repoRoot, '.local/dynamodb');

/** The region and credentials of the stand-ins, which accept any. */
export const localRegion = 'us-east-1';
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** The person-index key of the local stack only (AWS generates its own in Secrets Manager). */
export const LOCAL_PERSON_KEY = 'local-person-key-for-npm-start-only-never-deployed';

/** The state file of a running local stack. */
export const RunningStackSchema = z.object({
  /** dynalite's endpoint. */
  dynamoEndpoint: z.string(),
  /** The table's name (it changes with the table's design). */
  tableName: z.string(),
  /** The person-index key the stack's backend hashes addresses with. */
  personKey: z.string(),
  /** The site, the API and the email inbox. */
  siteUrl: z.optional(z.string()),
  apiUrl: z.optional(z.string()),
  inboxUrl: z.optional(z.string()),
});
/** What a running local stack says of itself. */
export type RunningStack = z.output<typeof RunningStackSchema>;

/**
 * Where a stack keeps its state file: in its data directory, or, kept in memory (`LOCAL_DATA_DIR=memory`), in
 * `.local/memory-stack.json`, so the tools find a stack whose data is not on disk.
 * @param dataDir the stack's data directory; undefined when its data is kept in memory
 */
export const stateFileOf = (dataDir: string | undefined) =>
  dataDir === undefined ? resolve(repoRoot, '.local/memory-stack.json') : resolve(dataDir, 'stack.json');

/** The data directory `LOCAL_DATA_DIR` names: undefined for `memory`, the default when unset. */
export function dataDirOf(setting: string | undefined): string | undefined {
  if (setting === 'memory') return undefined;
  return setting ? resolve(setting) : DEFAULT_DATA_DIR;
}

/** Writes a running stack's state file; returns how to remove it when the stack stops. */
export function writeRunningStack(dataDir: string | undefined, stack: RunningStack): () => void {
  const file = stateFileOf(dataDir);
  writeFileSync(file, `${JSON.stringify(stack, null, 2)}\n`);
  return () => rmSync(file, { force: true });
}

/**
 * The running stack the tools should reach, from `LOCAL_DATA_DIR` as `npm start` read it: with a directory (or
 * `memory`) only that stack; unset, the one on the default directory, else one kept in memory.
 * @returns the stack, or the state files looked for when none is running
 */
export function findRunningStack(setting: string | undefined): RunningStack | { lookedFor: string[] } {
  const candidates = setting ? [stateFileOf(dataDirOf(setting))] : [stateFileOf(DEFAULT_DATA_DIR), stateFileOf(undefined)];
  const found = candidates.find((file) => existsSync(file));
  if (!found) return { lookedFor: candidates };
  return RunningStackSchema.parse(JSON.parse(readFileSync(found, 'utf8')));
}
