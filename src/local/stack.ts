import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { createBackendFromEnv } from '../lambda/functions/index.ts';
import { tableDesign } from '../lambda/table-design.ts';
import { siteConfig } from '../site-config.ts';
import { createApiServer } from './api-server.ts';
import { LOCAL_PERSON_KEY, localCredentials, localRegion, repoRoot, writeRunningStack } from './running-stack.ts';
import { close, ensurePortFree, ensureTable, freePort, listen, startDynamo, startSes } from './stand-ins.ts';

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
const TABLE_NAME = `local-site-${createHash('sha256').update(JSON.stringify(tableDesign)).digest('hex').slice(0, 8)}`;

/**
 * Starts dynalite, aws-ses-v2-local, the local API server and the site on loopback, and builds the backend in this
 * process through the same functions the Lambda entry files build, with settings pointing at the stand-ins and a
 * clock the local controls can move. The backend is built before anything listens, so the API answers its first
 * request.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await Promise.resolve(step()).catch(() => undefined);
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
    // The site's address is a setting of the backend (links in emails), so it is known before anything starts.
    const sitePort = options.ports.site || (await freePort());
    const siteUrl = `http://127.0.0.1:${sitePort}`;

    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const dynamo = await startDynamo(options.ports.dynamo, options.dataDir);
    stops.push(dynamo.stop);
    await ensureTable(dynamo.endpoint, TABLE_NAME);
    const ses = await startSes(options.ports.inbox);
    stops.push(ses.stop);

    let clockOffsetMs = 0;
    const clock = { now: () => new Date(Date.now() + clockOffsetMs) };
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
    const functions = createBackendFromEnv(env, 'local', { clock, region: localRegion, credentials: localCredentials });
    const controls = {
      advanceClock: (ms: number) => {
        clockOffsetMs += ms;
        return clock.now();
      },
      sweep: () => functions.sweep(),
      // As in AWS, where no schedule exists when the digest is off.
      digest: () =>
        siteConfig.digest
          ? functions.digest()
          : Promise.resolve('The weekly digest is off ("digest": false in content/site.json): nothing was sent.'),
    };
    const server: Server = createApiServer(functions, {
      staticDir: dist ? resolve(repoRoot, 'dist') : undefined,
      controls,
      onError: options.onError,
    });
    const apiUrl = `http://127.0.0.1:${await listen(server, dist ? sitePort : api.port, api.what, api.envVar)}`;
    stops.push(() => close(server));

    if (!dist) {
      const { dev } = await import('astro');
      const astro = await dev({
        root: repoRoot,
        logLevel: 'warn',
        server: { host: '127.0.0.1', port: sitePort },
        vite: { server: { strictPort: true, proxy: { '/api': { target: apiUrl } } } },
      });
      stops.push(() => astro.stop());
    }

    if (options.sweepIntervalMs > 0) {
      const timer = setInterval(() => controls.sweep().catch((error: unknown) => options.onError?.(error)), options.sweepIntervalMs);
      stops.push(() => clearInterval(timer));
    }
    const running = {
      dynamoEndpoint: dynamo.endpoint,
      tableName: TABLE_NAME,
      personKey: LOCAL_PERSON_KEY,
      siteUrl,
      apiUrl,
      inboxUrl: ses.endpoint,
    };
    stops.push(writeRunningStack(options.dataDir, running));
    return { siteUrl, apiUrl, inboxUrl: ses.endpoint, dynamoEndpoint: dynamo.endpoint, tableName: TABLE_NAME, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
