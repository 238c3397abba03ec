import { createTable } from '../../src/lambda/adapters/table.ts';
import type { Base } from '../../src/lambda/backend.ts';
import { DynamoHistograms } from '../../src/lambda/comparison/dynamo-histograms.ts';
import { DynamoConsentConfirmations } from '../../src/lambda/consent/dynamo-confirmations.ts';
import { createBackend, createBackendFromEnv } from '../../src/lambda/functions/index.ts';
import { DynamoFunnel } from '../../src/lambda/funnel/dynamo-funnel.ts';
import { DynamoLimits } from '../../src/lambda/limits/dynamo-limits.ts';
import { DynamoMessages } from '../../src/lambda/messages/dynamo-messages.ts';
import { DynamoOutbox } from '../../src/lambda/outbox/dynamo-outbox.ts';
import { DynamoPersonIndex } from '../../src/lambda/people/person-index.ts';
import { DynamoReports } from '../../src/lambda/reports/dynamo-reports.ts';
import { loadSettings, type Settings } from '../../src/lambda/settings.ts';
import { DynamoSubmissions } from '../../src/lambda/submissions/dynamo-submissions.ts';
import { localCredentials, localRegion } from '../../src/local/running-stack.ts';
import { type SiteConfig, siteConfig } from '../../src/site-config.ts';
import { memoryLog } from './events.ts';
import { ManualClock, ScriptedMailer, type ScriptedWebhooks } from './fakes.ts';
import { memoryStores } from './memory/index.ts';

/** The person-index key of every test store. */
export const TEST_PERSON_KEY = 'test-person-key-test-person-key-0123456789';

/** The environment tests run with, as a deploy would set it. */
export const testEnv = {
  TABLE_NAME: 'test-table',
  PERSON_KEY: TEST_PERSON_KEY,
  SITE_URL: 'https://paradigmai.co',
  SENDER_ADDRESS: 'hello@paradigmai.co',
  LEAD_RECIPIENT: 'hello@paradigmai.co',
  RETENTION_DAYS: '30',
  FOLLOW_UP_DELAY_DAYS: '3',
  SUBMISSIONS_PER_IP_PER_HOUR: '1000',
  FORM_POSTS_PER_IP_PER_HOUR: '1000',
  MIN_COMPLETION_SECONDS: '20',
  MAX_SEND_ATTEMPTS: '5',
};

/** The settings tests run with. */
export const testSettings: Settings = loadSettings(testEnv);

/** The backend built by the composition root on fakes: in-memory stores, a scripted mailer, a manual clock. */
export function fakeBackend(
  options: {
    settings?: Partial<Settings>;
    mailer?: ScriptedMailer;
    clock?: ManualClock;
    webhooks?: ScriptedWebhooks;
    /** Changes to content/site.json, e.g. a booking page. */
    site?: Partial<SiteConfig>;
  } = {},
) {
  // A receiver of webhooks comes with the URL that makes the backend queue events for it.
  const receiver = options.webhooks && { WEBHOOK_URL: 'https://hooks.example.com/catch' };
  const settings = { ...testSettings, ...receiver, ...options.settings };
  const clock = options.clock ?? new ManualClock();
  const stores = memoryStores(clock, settings.RETENTION_DAYS);
  const mailer = options.mailer ?? new ScriptedMailer();
  const log = memoryLog();
  const { webhooks } = options;
  const base: Base = { settings, site: { ...siteConfig, ...options.site }, clock, log };
  const backend = createBackend(base, { ...stores, mailer, ...(webhooks && { webhooks }) });
  return { backend, stores, mailer, clock, log, settings };
}

/** Every repository on a DynamoDB table (a stand-in), as the functions build them. */
export function dynamoStores(options: { endpoint: string; tableName: string; clock: ManualClock; retentionDays?: number }) {
  const table = createTable({
    endpoint: options.endpoint,
    region: localRegion,
    credentials: localCredentials,
    tableName: options.tableName,
    clock: options.clock,
    retentionDays: options.retentionDays ?? 30,
  });
  const people = new DynamoPersonIndex(table, TEST_PERSON_KEY);
  return {
    submissions: new DynamoSubmissions(table, people),
    confirmations: new DynamoConsentConfirmations(table),
    messages: new DynamoMessages(table, people),
    people,
    limits: new DynamoLimits(table),
    funnel: new DynamoFunnel(table),
    histograms: new DynamoHistograms(table),
    outbox: new DynamoOutbox(table),
    reports: new DynamoReports(table),
  };
}

/**
 * The backend as a Lambda builds it (the function definitions on the real AWS SDK), against the stand-ins or fault
 * proxies in front of them, with a clock the test moves; and stores of its own on the same table (straight to
 * dynalite with `inspectEndpoint`, past any fault proxy), to look at what the backend left.
 */
export function realBackend(options: {
  dynamoEndpoint: string;
  sesEndpoint: string;
  tableName: string;
  inspectEndpoint?: string;
  clock?: ManualClock;
  /** More settings, as a deploy would set them (e.g. WEBHOOK_URL). */
  env?: Record<string, string>;
}) {
  const env = {
    ...testEnv,
    TABLE_NAME: options.tableName,
    DYNAMODB_ENDPOINT: options.dynamoEndpoint,
    SES_ENDPOINT: options.sesEndpoint,
    ...options.env,
  };
  const clock = options.clock ?? new ManualClock(new Date());
  const log = memoryLog();
  const backend = createBackendFromEnv(env, 'test', { region: localRegion, credentials: localCredentials, clock, log });
  const stores = dynamoStores({ endpoint: options.inspectEndpoint ?? options.dynamoEndpoint, tableName: options.tableName, clock });
  return { backend, stores, clock, log };
}
