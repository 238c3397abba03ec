import { Logger } from '@aws-lambda-powertools/logger';
import { assessment } from '../assessment.ts';
import { siteConfig } from '../site-config.ts';
import { createDynamoClient, DynamoStore } from './adapters/dynamo-store.ts';
import { SesMailer } from './adapters/ses-mailer.ts';
import { systemClock } from './clock.ts';
import { type LeadConfig, LeadConfigSchema, loadConfig } from './config.ts';
import type { LeadDeps } from './lead-emails.ts';

/** Reads the environment once and builds the clients the assessment's functions share (at cold start). */
export function buildLeadDeps(serviceName: string): { config: LeadConfig; deps: LeadDeps; store: DynamoStore } {
  const config = loadConfig(LeadConfigSchema, process.env);
  const store = new DynamoStore(
    createDynamoClient({ tableName: config.TABLE_NAME, endpoint: config.DYNAMODB_ENDPOINT }),
    config.TABLE_NAME,
  );
  const deps: LeadDeps = {
    store,
    outbox: store,
    mailer: SesMailer.create({ endpoint: config.SES_ENDPOINT, configurationSetName: config.SES_CONFIGURATION_SET }),
    clock: systemClock,
    log: new Logger({ serviceName, logLevel: config.LOG_LEVEL }),
    maxAttempts: config.MAX_SEND_ATTEMPTS,
    assessment,
    siteUrl: config.SITE_URL,
    siteName: siteConfig.name,
    senderAddress: config.SENDER_ADDRESS,
    leadRecipient: config.LEAD_RECIPIENT,
    retentionDays: config.RETENTION_DAYS,
    followUpDelayDays: config.FOLLOW_UP_DELAY_DAYS,
    submissionsPerIpPerHour: config.SUBMISSIONS_PER_IP_PER_HOUR,
    minCompletionMs: config.MIN_COMPLETION_SECONDS * 1000,
  };
  return { config, deps, store };
}
