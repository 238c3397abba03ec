import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createBackendFromEnv } from '../lambda/functions/index.ts';
import { ConfigError } from '../lambda/settings.ts';
import { tableDesign } from '../lambda/table-design.ts';
import { siteConfig } from '../site-config.ts';
import { createApiServer } from './api-server.ts';
import {
  dataDirOf,
  LOCAL_PERSON_KEY,
  localCredentials,
  localRegion,
  type RunningStack,
  repoRoot,
  writeRunningStack,
} from './running-stack.ts';
import { close, ensureTable, listen, reservePort, startDynamo, startSes } from './stand-ins.ts';

/** The settings a developer may change locally (README: the local stack); unset ones keep the defaults. */
const OVERRIDABLE = [
  'SUBMISSIONS_PER_IP_PER_HOUR',
  'FORM_POSTS_PER_IP_PER_HOUR',
  'MIN_COMPLETION_SECONDS',
  'MAX_SEND_ATTEMPTS',
  'LOG_LEVEL',
  'WEBHOOK_URL',
  'WEBHOOK_SECRET',
] as const;

/** A port from the environment: a whole number from 0 (any free port) to 65535. */
function portOf(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const value = Number(env[name] || fallback);
  if (Number.isInteger(value) && value >= 0 && value <= 65535) return value;
  throw new ConfigError(`${name}=${env[name]} is not a port number. Use a whole number from 0 (any free port) to 65535.`);
}

/** A running local stack: what its state file says, and how to stop everything it started. */
export type LocalStack = Required<Omit<RunningStack, 'clockOffsetMs'>> & { stop(): Promise<void> };

/** The local table, named for its design: a change of keys or indexes starts a new table (dynalite cannot add an index). */
const TABLE_NAME = `local-site-${createHash('sha256').update(JSON.stringify(tableDesign)).digest('hex').slice(0, 8)}`;

/**
 * Starts dynalite, aws-ses-v2-local, the local API server and the site on loopback, and builds the backend in this
 * process through the same function definitions the Lambda entry files use, with settings pointing at the
 * stand-ins and a clock the local controls can move. The backend is built before anything listens, so the API
 * answers its first request.
 */
export async function startLocalStack(env: Record<string, string | undefined>, preview: boolean): Promise<LocalStack> {
  const ports = {
    site: portOf(env, 'PORT', 4321),
    api: portOf(env, 'API_PORT', 4322),
    inbox: portOf(env, 'INBOX_PORT', 8005),
    dynamo: portOf(env, 'DYNAMODB_PORT', 0),
  };
  const dataDir = dataDirOf(env.LOCAL_DATA_DIR);
  const sweepIntervalMs = Number(env.SWEEP_INTERVAL_MS ?? 30_000);
  const onError = (error: unknown) => console.error('local stack error:', error);
  const stops: (() => unknown)[] = [];
  const stop = async () => {
    for (const step of stops.reverse()) await Promise.resolve(step()).catch(() => undefined);
  };
  try {
    const dist = preview;
    // Every port is checked (or, for 0, chosen) before anything starts.
    const sitePort = await reservePort(ports.site, dist ? 'the site and local API' : 'the site (Astro dev server)', 'PORT');
    const apiPort = dist ? sitePort : await reservePort(ports.api, 'the local API', 'API_PORT');
    await reservePort(ports.inbox, 'SES inbox (aws-ses-v2-local)', 'INBOX_PORT');
    await reservePort(ports.dynamo, 'DynamoDB (dynalite)', 'DYNAMODB_PORT');
    // The site's address is a setting of the backend (links in emails).
    const siteUrl = `http://127.0.0.1:${sitePort}`;

    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const dynamo = await startDynamo(ports.dynamo, dataDir);
    stops.push(dynamo.stop);
    await ensureTable(dynamo.endpoint, TABLE_NAME);
    const ses = await startSes(ports.inbox);
    stops.push(ses.stop);

    let clockOffsetMs = 0;
    let written: RunningStack | undefined;
    const clock = { now: () => new Date(Date.now() + clockOffsetMs) };
    const settings = {
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
      ...Object.fromEntries(OVERRIDABLE.flatMap((name) => (env[name] ? [[name, env[name]]] : []))),
    };
    const functions = createBackendFromEnv(settings, 'local', { clock, region: localRegion, credentials: localCredentials });
    const controls = {
      advanceClock: (ms: number) => {
        clockOffsetMs += ms;
        // The operator's tools read the time from the state file: every report reads the backend's clock.
        if (written) writeRunningStack(dataDir, { ...written, clockOffsetMs });
        return clock.now();
      },
      sweep: () => functions.sweep(),
      // As in AWS, where no schedule exists when the digest is off.
      digest: () =>
        siteConfig.digest
          ? functions.digest()
          : Promise.resolve('The weekly digest is off ("digest": false in content/site.json): nothing was sent.'),
    };
    const server = createApiServer(functions, {
      staticDir: dist ? resolve(repoRoot, 'dist') : undefined,
      controls,
      onError,
    });
    const apiUrl = `http://127.0.0.1:${await listen(server, apiPort, dist ? 'the site and local API' : 'the local API', dist ? 'PORT' : 'API_PORT')}`;
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
    if (sweepIntervalMs > 0) {
      const timer = setInterval(() => controls.sweep().catch((error: unknown) => onError(error)), sweepIntervalMs);
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
    written = running;
    stops.push(writeRunningStack(dataDir, running));
    return { ...running, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
