import { createDynamoStore } from '../../src/lambda/adapters/dynamo-store.ts';
import { createBackend, createBackendFromEnv } from '../../src/lambda/backend.ts';
import { loadSettings, type Settings } from '../../src/lambda/settings.ts';
import { localCredentials, localRegion } from '../../src/local/stand-ins.ts';
import { type SiteConfig, siteConfig } from '../../src/site-config.ts';
import { memoryLog } from './events.ts';
import { ManualClock, ScriptedMailer, type ScriptedWebhooks } from './fakes.ts';
import { MemoryStore } from './memory-store.ts';

/** The environment tests run with, as a deploy would set it. */
/** The person-index key of every test store. */
export const TEST_PERSON_KEY = 'test-person-key-test-person-key-0123456789';

const testEnv = {
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

/** The backend built by the composition root on fakes: an in-memory store, a scripted mailer, a manual clock. */
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
  const store = new MemoryStore(clock, settings.RETENTION_DAYS);
  const mailer = options.mailer ?? new ScriptedMailer();
  const log = memoryLog();
  const { webhooks } = options;
  const site = { ...siteConfig, ...options.site };
  return { backend: createBackend(settings, { store, mailer, clock, log, webhooks }, site), store, mailer, clock, log, settings };
}

/**
 * The backend as a Lambda builds it (`createBackendFromEnv`, real AWS SDK), against the stand-ins or fault proxies
 * in front of them, with a clock the test moves; and a store of its own on the same table (straight to dynalite with
 * `inspectEndpoint`, past any fault proxy), to look at what the backend left.
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
  const local = { region: localRegion, credentials: localCredentials };
  const backend = createBackendFromEnv(env, 'test', { ...local, clock, log });
  const store = createDynamoStore({
    ...local,
    endpoint: options.inspectEndpoint ?? options.dynamoEndpoint,
    tableName: options.tableName,
    clock,
    retentionDays: 30,
    personKey: TEST_PERSON_KEY,
  });
  return { backend, store, clock, log };
}
