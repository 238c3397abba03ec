import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { hashed } from '../lambda/adapters/dynamo-keys.ts';
import { type Backend, createBackendFromEnv } from '../lambda/backend.ts';
import { tableDesign } from '../lambda/table-design.ts';
import { siteConfig } from '../site-config.ts';
import { createApiServer } from './api-server.ts';
import { close, ensurePortFree, ensureTable, listen, localCredentials, localRegion, startDynamo, startSes } from './stand-ins.ts';

/** The repository root (this file is src/local/stack.ts). */
export const repoRoot = resolve(import.meta.dirname, '../..');

/** How to run the local stack. */
export interface LocalStackOptions {
  /** `dev`: Astro dev server; `dist`: the production build in dist/. */
  site: 'dev' | 'dist';
  /** Fixed ports, or 0 for free ones. */
  ports: { site: number; api: number; inbox: number; dynamo: number };
  /** Keep DynamoDB data here across restarts; omit for in-memory. */
  dataDir?: string;
  /** How often the email sweep runs; 0 turns the timer off. */
  sweepIntervalMs: number;
  /** Settings from the developer's environment that replace the local defaults. */
  overrides: Record<string, string | undefined>;
  /** Called with errors the servers could not answer. */
  onError?: (error: unknown) => void;
}

/** A running local stack. */
export interface LocalStack {
  siteUrl: string;
  apiUrl: string;
  inboxUrl: string;
  dynamoEndpoint: string;
  tableName: string;
  /** Stops everything it started. */
  stop(): Promise<void>;
}

/**
 * The local table, named for its design: a change of keys or indexes starts a new table (dynalite cannot add an
 * index to one that exists), and the data of the old one stays in the data directory untouched.
 */
const TABLE_NAME = `local-site-${hashed(JSON.stringify(tableDesign)).slice(0, 8)}`;

/** The person-index key of the local stack only (AWS generates its own in Secrets Manager). */
export const LOCAL_PERSON_KEY = 'local-person-key-for-npm-start-only-never-deployed';

/**
 * The file in its data directory where a running local stack says how to reach it (for `npm run leads`); removed
 * when it stops. A stack kept in memory writes none.
 */
export const stackFileIn = (dataDir: string) => resolve(dataDir, 'stack.json');

/**
 * Starts dynalite, aws-ses-v2-local, the local API server and the site on loopback, and builds the backend in this
 * process through the same function the Lambda entry files call, with settings pointing at the stand-ins and a
 * clock the local controls can move.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => undefined);
  };
  try {
    const dist = options.site === 'dist';
    const api = dist
      ? { port: options.ports.site, what: 'the site and local API', envVar: 'PORT' }
      : { port: options.ports.api, what: 'the local API', envVar: 'API_PORT' };
    // Every fixed port is checked before anything starts, so a taken port leaves nothing half-started.
    if (!dist) await ensurePortFree(options.ports.site, 'the site (Astro dev server)', 'PORT');
    await ensurePortFree(api.port, api.what, api.envVar);
    await ensurePortFree(options.ports.inbox, 'SES inbox (aws-ses-v2-local)', 'INBOX_PORT');
    await ensurePortFree(options.ports.dynamo, 'DynamoDB (dynalite)', 'DYNAMODB_PORT');

    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const dynamo = await startDynamo(options.ports.dynamo, options.dataDir);
    stops.push(dynamo.stop);
    await ensureTable(dynamo.endpoint, TABLE_NAME);
    const ses = await startSes(options.ports.inbox);
    stops.push(ses.stop);

    // The functions are built once the site's URL (a setting of theirs) is known; until then the API answers 503.
    const functions: Partial<Backend> = {};
    let clockOffsetMs = 0;
    const clock = { now: () => new Date(Date.now() + clockOffsetMs) };
    const controls = {
      advanceClock: (ms: number) => {
        clockOffsetMs += ms;
        return clock.now();
      },
      sweep: () => functions.sweep?.() ?? Promise.resolve(null),
      // As in AWS, where no schedule exists when the digest is off.
      digest: () =>
        siteConfig.digest
          ? (functions.digest?.() ?? Promise.resolve(null))
          : Promise.resolve('The weekly digest is off ("digest": false in content/site.json): nothing was sent.'),
    };
    const server: Server = createApiServer(functions, {
      staticDir: dist ? resolve(repoRoot, 'dist') : undefined,
      controls,
      onError: options.onError,
    });
    const apiUrl = `http://127.0.0.1:${await listen(server, api.port, api.what, api.envVar)}`;
    stops.push(() => close(server));

    let siteUrl = apiUrl;
    if (!dist) {
      const { dev } = await import('astro');
      const astro = await dev({
        root: repoRoot,
        logLevel: 'warn',
        server: { host: '127.0.0.1', port: options.ports.site },
        vite: { server: { strictPort: true, proxy: { '/api': { target: apiUrl } } } },
      });
      stops.push(() => astro.stop());
      siteUrl = `http://127.0.0.1:${astro.address.port}`;
    }

    const env = {
      TABLE_NAME,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      SES_ENDPOINT: ses.endpoint,
      SITE_URL: siteUrl,
      SENDER_ADDRESS: siteConfig.senderAddress,
      LEAD_RECIPIENT: siteConfig.contactAddress,
      RETENTION_DAYS: String(siteConfig.retentionDays),
      FOLLOW_UP_DELAY_DAYS: String(siteConfig.followUpDelayDays),
      LOG_LEVEL: 'WARN',
      PERSON_KEY: LOCAL_PERSON_KEY,
      ...options.overrides,
    };
    Object.assign(functions, createBackendFromEnv(env, 'local', { clock, region: localRegion, credentials: localCredentials }));

    if (options.sweepIntervalMs > 0) {
      const timer = setInterval(() => controls.sweep().catch((error: unknown) => options.onError?.(error)), options.sweepIntervalMs);
      stops.push(async () => clearInterval(timer));
    }
    if (options.dataDir) {
      const file = stackFileIn(options.dataDir);
      const running = {
        dynamoEndpoint: dynamo.endpoint,
        tableName: TABLE_NAME,
        personKey: LOCAL_PERSON_KEY,
        siteUrl,
        apiUrl,
        inboxUrl: ses.endpoint,
      };
      writeFileSync(file, `${JSON.stringify(running, null, 2)}\n`);
      stops.push(async () => rmSync(file, { force: true }));
    }
    return { siteUrl, apiUrl, inboxUrl: ses.endpoint, dynamoEndpoint: dynamo.endpoint, tableName: TABLE_NAME, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
