import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { assessment } from '../../src/assessment.ts';
import { DynamoStore } from '../../src/lambda/adapters/dynamo-store.ts';
import { SesMailer } from '../../src/lambda/adapters/ses-mailer.ts';
import type { LeadDeps } from '../../src/lambda/lead-emails.ts';
import { localCredentials, localRegion } from '../../src/local/dynamo.ts';
import { memoryLog } from './events.ts';
import { ManualClock } from './fakes.ts';

/** The assessment's dependencies with real SDK clients against the given endpoints (stand-ins or fault proxies). */
export function realLeadDeps(options: { dynamoEndpoint: string; sesEndpoint: string; tableName: string; overrides?: Partial<LeadDeps> }) {
  const common = { region: localRegion, credentials: localCredentials };
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ ...common, endpoint: options.dynamoEndpoint }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const dynamo = new DynamoDBClient({ ...common, endpoint: options.dynamoEndpoint });
  const store = new DynamoStore(dynamo, options.tableName);
  const clock = new ManualClock(new Date());
  const log = memoryLog();
  const deps: LeadDeps = {
    store,
    outbox: store,
    mailer: new SesMailer(new SESv2Client({ ...common, endpoint: options.sesEndpoint })),
    clock,
    log,
    maxAttempts: 5,
    assessment,
    siteUrl: 'https://paradigmai.co',
    siteName: 'Paradigm AI',
    senderAddress: 'hello@paradigmai.co',
    leadRecipient: 'hello@paradigmai.co',
    retentionDays: 30,
    followUpDelayDays: 3,
    submissionsPerIpPerHour: 1000,
    minCompletionMs: 20_000,
    ...options.overrides,
  };
  return { deps, store, clock, log, doc };
}
