import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { type SiteConfig, siteConfig } from '../site-config.ts';
import { createTable, type Table } from './adapters/table.ts';
import type { Histograms } from './comparison/histograms.ts';
import type { ConsentConfirmations } from './consent/confirmations.ts';
import type { Funnel } from './funnel/funnel.ts';
import type { AddressRules, RequestLimits } from './limits/limits.ts';
import type { Messages } from './messages/messages.ts';
import type { Outbox, OutboxReview } from './outbox/outbox.ts';
import type { PersonIndex } from './people/person-index.ts';
import { type Clock, type Log, type Mailer, systemClock, type WebhookSender } from './ports.ts';
import type { Reports } from './reports/reports.ts';
import { apiRoutes } from './routes.ts';
import { ConfigError, loadSettings, type Settings } from './settings.ts';
import type { Submissions } from './submissions/submissions.ts';

/**
 * The composition root, with functions/: each Lambda function is defined in functions/<name>.ts by the AWS adapters
 * it needs and how its logic is wired on them; this module builds one from the Lambda's environment. Each entry
 * file imports only its own definition, so esbuild bundles only that function's code (functions/index.ts, which
 * builds them all for the local stack and the tests, is never in a bundle).
 *
 * Measured by `npm run bench` when every function held the whole backend: 244.8 KB minified and a cold import of
 * 246–370 ms (median of 5) each; one function per bundle, 87–154 KB and 150–190 ms (README, Tests and budgets).
 */

/** What every function is built from besides its own ports: settings, the site's configuration, the clock, the log. */
export interface Base {
  settings: Settings;
  /** The consultancy's configuration (content/site.json; tests pass another). */
  site: SiteConfig;
  clock: Clock;
  log: Log;
}

/** Every port a function may be given; each function's definition names the ones it takes. */
export interface Ports {
  submissions: Submissions;
  messages: Messages;
  people: PersonIndex;
  limits: RequestLimits & AddressRules;
  funnel: Funnel;
  histograms: Histograms;
  outbox: Outbox & OutboxReview;
  reports: Reports;
  confirmations: ConsentConfirmations;
  mailer: Mailer;
  /** The webhook receiver, when one is configured (only the sweep sends). */
  webhooks?: WebhookSender;
}

/** What the AWS adapters of a function are built from: the table, and the settings and place of the other services. */
export interface AwsOutside {
  table: Table;
  settings: Settings;
  /** The stand-ins' endpoint, region and credentials (locally); in AWS the runtime provides them. */
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * One function of the backend: the ports it takes, built from AWS by `aws`, and its handler, built by `build`.
 * Tests build it on fakes; the Lambda and the local stack on the AWS adapters (the local stack's stand-ins).
 */
export interface FunctionDefinition<P, F> {
  aws(outside: AwsOutside): P;
  build(base: Base, ports: P): F;
}

/** What differs outside AWS: the local stack's clock, its stand-ins' region and credentials, a test's log. */
export interface Outside {
  clock?: Clock;
  log?: Log;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** The content the functions serve (tests change content/site.json). */
  site?: SiteConfig;
}

/**
 * Reads the settings from an environment, failing loudly and naming any bad one, and creates what every function
 * shares: the clock, the log, the DynamoDB table (once per cold start).
 */
export function outsideFromEnv(
  env: Record<string, string | undefined>,
  serviceName: string,
  outside: Outside = {},
): { base: Base; aws: AwsOutside } {
  const settings = loadSettings(env);
  const clock = outside.clock ?? systemClock;
  const { region, credentials } = outside;
  const table = createTable({
    tableName: settings.TABLE_NAME,
    endpoint: settings.DYNAMODB_ENDPOINT,
    region,
    credentials,
    clock,
    retentionDays: settings.RETENTION_DAYS,
  });
  const log = outside.log ?? new Logger({ serviceName, logLevel: settings.LOG_LEVEL });
  const base = { settings, site: outside.site ?? siteConfig, clock, log };
  return { base, aws: { table, settings, ...(region && { region }), ...(credentials && { credentials }) } };
}

/**
 * One function of the backend, built at cold start from the Lambda's environment: what each entry file exports.
 * @example export const handler = functionFromEnv(process.env, 'events', events);
 */
export function functionFromEnv<P, F>(env: Record<string, string | undefined>, name: string, definition: FunctionDefinition<P, F>): F {
  // Without the secret an API function in AWS would answer requests that bypass CloudFront and its WAF.
  if (env.AWS_LAMBDA_FUNCTION_NAME && apiRoutes.some((route) => route.functionName === name) && !env.ORIGIN_SECRET) {
    throw new ConfigError(
      "This function is misconfigured, so it refuses to start:\n  - ORIGIN_SECRET: required for the API's functions in AWS, so that only CloudFront can reach them\nSet it (the CDK stack does) and deploy again.",
    );
  }
  const { base, aws } = outsideFromEnv(env, name);
  const handler = definition.build(base, definition.aws(aws));
  const { log } = base;
  if (typeof handler !== 'function' || !(log instanceof Logger)) return handler;
  // Every log line of an invocation carries its request id, function name and cold start (Powertools' addContext).
  return ((event: unknown, context: Context) => {
    log.addContext(context);
    return handler(event, context);
  }) as F;
}
