import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ApiResult } from '../lambda/http.ts';
import { apiRoutes, scheduledFunctions } from '../lambda/routes.ts';
import { siteConfig } from '../site-config.ts';
import { createApiServer, type LocalRoute } from './api-server.ts';
import { ensureTable, localCredentials, localRegion, startDynamoThread } from './dynamo.ts';
import { startFunction } from './functions.ts';
import { close, ensurePortFree, listen } from './servers.ts';
import { startSes } from './ses.ts';

/** The repository root (this file is src/local/stack.ts). */
export const repoRoot = resolve(import.meta.dirname, '../..');

/** How to run the local stack. */
export interface LocalStackOptions {
  /** `dev`: Astro dev server; `dist`: the production build in dist/; `none`: API only. */
  site: 'dev' | 'dist' | 'none';
  /** Fixed ports, or 0 for free ones. */
  ports: { site: number; api: number; inbox: number; dynamo: number };
  /** Keep DynamoDB data here across restarts; omit for in-memory. */
  dataDir?: string;
  /** How often the email sweep runs; 0 turns the timer off. */
  sweepIntervalMs: number;
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
  /** Runs the email sweep once, now. */
  sweep(): Promise<unknown>;
  /** Stops everything it started. */
  stop(): Promise<void>;
}

const TABLE_NAME = 'local-site-table';

/**
 * Starts dynalite, aws-ses-v2-local, the API server (the real Lambda handlers) and the site, on loopback.
 * The handlers read their settings from the environment, as in AWS, with endpoints pointing at the stand-ins.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    // Every fixed port is checked before anything starts, so a taken port leaves nothing half-started.
    await ensurePortFree(options.ports.site, options.site === 'dist' ? 'the site and local API' : 'the site (Astro dev server)', 'PORT');
    if (options.site !== 'dist') await ensurePortFree(options.ports.api, 'the local API', 'API_PORT');
    await ensurePortFree(options.ports.inbox, 'SES inbox (aws-ses-v2-local)', 'INBOX_PORT');
    await ensurePortFree(options.ports.dynamo, 'DynamoDB (dynalite)', 'DYNAMODB_PORT');
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const dynamo = await startDynamoThread(options.ports.dynamo, options.dataDir);
    stops.push(() => dynamo.stop());
    await ensureTable(dynamo.endpoint, TABLE_NAME);
    const ses = await startSes(options.ports.inbox);
    stops.push(() => close(ses.server));

    const staticDir = options.site === 'dist' ? resolve(repoRoot, 'dist') : undefined;
    // Routes are filled in below, once the site's URL (which the handlers read at start) is known.
    const routes: LocalRoute[] = [];
    let sweepNow: () => Promise<unknown> = async () => ({ skipped: 'the sweep is not loaded yet' });
    let advance: (ms: number) => Promise<Date> = async () => new Date();
    const controls = { sweep: () => sweepNow(), advanceClock: (ms: number) => advance(ms) };
    const api: Server = createApiServer(routes, { staticDir, onError: options.onError, controls });
    const apiPort = await listen(
      api,
      options.site === 'dist' ? options.ports.site : options.ports.api,
      options.site === 'dist' ? 'the site and local API' : 'the local API',
      options.site === 'dist' ? 'PORT' : 'API_PORT',
    );
    stops.push(() => close(api));
    const apiUrl = `http://127.0.0.1:${apiPort}`;

    let siteUrl = apiUrl;
    if (options.site === 'dev') {
      const { dev } = await import('astro');
      const server = await dev({
        root: repoRoot,
        logLevel: 'warn',
        server: { host: '127.0.0.1', port: options.ports.site },
        vite: { server: { strictPort: true, proxy: { '/api': { target: apiUrl } } } },
      });
      stops.push(() => server.stop());
      siteUrl = `http://127.0.0.1:${server.address.port}`;
    }

    Object.assign(process.env, {
      AWS_REGION: localRegion,
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      TABLE_NAME,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      SES_ENDPOINT: ses.endpoint,
      SENDER_ADDRESS: siteConfig.senderAddress,
      LEAD_RECIPIENT: siteConfig.contactAddress,
      RETENTION_DAYS: String(siteConfig.retentionDays),
      FOLLOW_UP_DELAY_DAYS: String(siteConfig.followUpDelayDays),
      SUBMISSIONS_PER_IP_PER_HOUR: process.env.SUBMISSIONS_PER_IP_PER_HOUR ?? '30',
      MIN_COMPLETION_SECONDS: process.env.MIN_COMPLETION_SECONDS ?? '20',
      SITE_URL: siteUrl,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARN',
    });
    // Each function in its own worker thread, as each Lambda function has its own execution environment: the
    // server's thread only answers HTTP (the part API Gateway and CloudFront play), and the functions use both cores.
    const clockModule = pathToFileURL(resolve(repoRoot, 'src/lambda/clock.ts')).href;
    const start = (name: string, entry: string) => startFunction(name, pathToFileURL(resolve(repoRoot, entry)).href, clockModule);
    const started = await Promise.allSettled([
      ...apiRoutes.map((route) => start(route.functionName, route.entry)),
      ...scheduledFunctions.map((f) => start(f.functionName, f.entry)),
    ]);
    const functions = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    stops.push(async () => {
      await Promise.all(functions.map((f) => f.stop()));
    });
    const failed = started.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const byName = new Map(functions.map((f) => [f.name, f]));
    for (const route of apiRoutes) {
      const fn = byName.get(route.functionName);
      if (fn) routes.push({ path: route.path, handler: (event) => fn.invoke(event) as Promise<ApiResult> });
    }
    const sweepFunction = byName.get('sweep');
    const sweep = async () => sweepFunction?.invoke();
    sweepNow = sweep;
    // Every function's clock moves together.
    advance = async (ms: number) => (await Promise.all(functions.map((f) => f.advanceClock(ms))))[0] ?? new Date();
    if (sweepFunction && options.sweepIntervalMs > 0) {
      const timer = setInterval(() => {
        sweep().catch((error: unknown) => options.onError?.(error));
      }, options.sweepIntervalMs);
      stops.push(async () => clearInterval(timer));
    }

    return {
      siteUrl,
      apiUrl,
      inboxUrl: ses.endpoint,
      dynamoEndpoint: dynamo.endpoint,
      tableName: TABLE_NAME,
      sweep,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
