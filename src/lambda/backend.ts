import { Logger } from '@aws-lambda-powertools/logger';
import { assessment } from '../assessment.ts';
import { fromHeader, type SiteConfig, siteConfig } from '../site-config.ts';
import { createDynamoStore } from './adapters/dynamo-store.ts';
import { createSesMailer } from './adapters/ses-mailer.ts';
import { StandardWebhookSender } from './adapters/webhook-sender.ts';
import { leaveContactDetails } from './assessment/leave-contact-details.ts';
import { showResults } from './assessment/show-results.ts';
import { submitAssessment } from './assessment/submit-assessment.ts';
import { unsubscribe } from './assessment/unsubscribe.ts';
import { sendContactMessage } from './contact/send-contact-message.ts';
import { type DigestRun, sendWeeklyDigest } from './digest/send-weekly-digest.ts';
import { recordEvent } from './funnel/record-event.ts';
import { type ApiHandler, createApiHandler } from './http/api-handler.ts';
import { type DeliveryOutcome, sendDueEmails } from './outbox/deliver-email.ts';
import type { BackendContext, Clock, Log, Ports } from './ports.ts';
import { apiRoutes, type FunctionName, type scheduledFunctions } from './routes.ts';
import { ConfigError, loadSettings, type Settings } from './settings.ts';

/** The backend's functions by name (routes.ts maps paths and schedules to them): what AWS and the local stack call. */
export type Backend = Record<(typeof apiRoutes)[number]['functionName'], ApiHandler> & {
  [name in (typeof scheduledFunctions)[number]['functionName']]: name extends 'digest'
    ? () => Promise<DigestRun>
    : () => Promise<Record<DeliveryOutcome, number>>;
};

/**
 * The one composition root: builds every function of the backend from its settings and ports. The Lambda entry
 * files (through `functionFromEnv`), the local stack and the tests all call it.
 *
 * Every function's bundle therefore holds the whole backend. When this root was introduced it measured 193 KB
 * minified and a 194–210 ms cold import (median of 9) per function, against 147–183 KB and 169–197 ms when each
 * bundle held only its own route: about 15 ms once per cold start buys one place where everything is wired. With
 * the digest and webhooks, `npm run bench` measured 229 KB and 237–263 ms; with the comparison, retakes, booking and
 * the shared page frame, 245 KB and 233–257 ms (one run each).
 * @param site the consultancy's configuration (content/site.json; tests pass another)
 * @example createBackend(loadSettings(process.env), ports).submissions(event)
 */
export function createBackend(settings: Settings, ports: Ports, site: SiteConfig = siteConfig): Backend {
  const context: BackendContext = {
    settings,
    ...ports,
    assessment,
    siteName: site.name,
    from: fromHeader(site, settings.SENDER_ADDRESS),
    contactAddress: site.contactAddress,
    timeZone: site.timeZone,
    benchmarkMinimum: site.benchmarkMinimum,
    ...(site.booking && { booking: site.booking }),
  };
  return {
    contact: createApiHandler(sendContactMessage, context, { methods: ['POST'], backHref: '/contact/' }),
    submissions: createApiHandler(submitAssessment, context, { methods: ['POST'], backHref: '/assessment/' }),
    results: createApiHandler(showResults, context, { methods: ['GET'] }),
    'results-contact': createApiHandler(leaveContactDetails, context, { methods: ['POST'], backHref: '/assessment/' }),
    unsubscribe: createApiHandler(unsubscribe, context, { methods: ['GET', 'POST'] }),
    events: createApiHandler(recordEvent, context, { methods: ['POST'] }),
    sweep: () => sendDueEmails(context),
    digest: () => sendWeeklyDigest(context),
  };
}

/** The real time. */
export const systemClock: Clock = { now: () => new Date() };

/** What differs outside AWS: the local stack's clock, its stand-ins' region and credentials, a test's log. */
export interface Outside {
  clock?: Clock;
  log?: Log;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * Reads the settings from an environment, fails loudly naming any bad one, builds the AWS adapters (once per cold
 * start) and the backend. The local stack and the integration tests call it with an environment of their own.
 */
export function createBackendFromEnv(env: Record<string, string | undefined>, serviceName: string, outside: Outside = {}): Backend {
  // In Lambda, stack traces point at the TypeScript sources (the bundles ship source maps).
  if (env.AWS_LAMBDA_FUNCTION_NAME) process.setSourceMapsEnabled(true);
  const settings = loadSettings(env);
  const clock = outside.clock ?? systemClock;
  const aws = { region: outside.region, credentials: outside.credentials };
  return createBackend(settings, {
    store: createDynamoStore({
      ...aws,
      endpoint: settings.DYNAMODB_ENDPOINT,
      tableName: settings.TABLE_NAME,
      clock,
      retentionDays: settings.RETENTION_DAYS,
      personKey: settings.PERSON_KEY,
    }),
    mailer: createSesMailer({ ...aws, endpoint: settings.SES_ENDPOINT, configurationSetName: settings.SES_CONFIGURATION_SET }),
    ...(settings.WEBHOOK_URL &&
      settings.WEBHOOK_SECRET && { webhooks: new StandardWebhookSender(settings.WEBHOOK_URL, settings.WEBHOOK_SECRET) }),
    clock,
    log: outside.log ?? new Logger({ serviceName, logLevel: settings.LOG_LEVEL }),
  });
}

/**
 * One function of the backend, built at cold start from the Lambda's environment: what each entry file exports.
 * @example export const handler = functionFromEnv(process.env, 'contact');
 */
export function functionFromEnv<N extends FunctionName>(env: Record<string, string | undefined>, name: N): Backend[N] {
  // Without the secret an API function in AWS would answer requests that bypass CloudFront and its WAF.
  if (env.AWS_LAMBDA_FUNCTION_NAME && apiRoutes.some((route) => route.functionName === name) && !env.ORIGIN_SECRET) {
    throw new ConfigError(
      "This function is misconfigured, so it refuses to start:\n  - ORIGIN_SECRET: required for the API's functions in AWS, so that only CloudFront can reach them\nSet it (the CDK stack does) and deploy again.",
    );
  }
  return createBackendFromEnv(env, name)[name];
}
