import { createDynamoStore } from '../../src/lambda/adapters/dynamo-store.ts';
import { createSesMailer } from '../../src/lambda/adapters/ses-mailer.ts';
import { createBackend } from '../../src/lambda/backend.ts';
import { loadSettings, type Settings } from '../../src/lambda/settings.ts';
import { localCredentials, localRegion } from '../../src/local/stand-ins.ts';
import { memoryLog } from './events.ts';
import { ManualClock, ScriptedMailer } from './fakes.ts';
import { MemoryStore } from './memory-store.ts';

/** The settings tests run with, as a deploy would set them. */
export const testSettings: Settings = loadSettings({
  TABLE_NAME: 'test-table',
  SITE_URL: 'https://paradigmai.co',
  SENDER_ADDRESS: 'hello@paradigmai.co',
  LEAD_RECIPIENT: 'hello@paradigmai.co',
  RETENTION_DAYS: '30',
  FOLLOW_UP_DELAY_DAYS: '3',
  SUBMISSIONS_PER_IP_PER_HOUR: '1000',
  MIN_COMPLETION_SECONDS: '20',
  MAX_SEND_ATTEMPTS: '5',
});

/** The backend built by the composition root on fakes: an in-memory store, a scripted mailer, a manual clock. */
export function fakeBackend(options: { settings?: Partial<Settings>; mailer?: ScriptedMailer; clock?: ManualClock } = {}) {
  const settings = { ...testSettings, ...options.settings };
  const clock = options.clock ?? new ManualClock();
  const store = new MemoryStore(clock, settings.RETENTION_DAYS);
  const mailer = options.mailer ?? new ScriptedMailer();
  const log = memoryLog();
  return { backend: createBackend(settings, { store, mailer, clock, log }), store, mailer, clock, log, settings };
}

/** The backend built by the composition root on the real AWS SDK, against the stand-ins (or fault proxies in front). */
export function realBackend(options: { dynamoEndpoint: string; sesEndpoint: string; tableName: string; settings?: Partial<Settings> }) {
  const settings = { ...testSettings, TABLE_NAME: options.tableName, ...options.settings };
  const clock = new ManualClock(new Date());
  const local = { region: localRegion, credentials: localCredentials };
  const store = createDynamoStore({ ...local, endpoint: options.dynamoEndpoint, tableName: options.tableName, clock, retentionDays: 30 });
  const mailer = createSesMailer({ ...local, endpoint: options.sesEndpoint });
  const log = memoryLog();
  return { backend: createBackend(settings, { store, mailer, clock, log }), store, clock, log, settings };
}
