import { Logger } from '@aws-lambda-powertools/logger';
import { siteConfig } from '../../site-config.ts';
import { createDynamoClient, DynamoStore } from '../adapters/dynamo-store.ts';
import { SesMailer } from '../adapters/ses-mailer.ts';
import { systemClock } from '../clock.ts';
import { ContactConfigSchema, loadConfig } from '../config.ts';
import { createContactHandler } from '../contact.ts';

const config = loadConfig(ContactConfigSchema, process.env);
const log = new Logger({ serviceName: 'contact', logLevel: config.LOG_LEVEL });
const store = new DynamoStore(createDynamoClient({ tableName: config.TABLE_NAME, endpoint: config.DYNAMODB_ENDPOINT }), config.TABLE_NAME);

/** POST /api/contact */
export const handler = createContactHandler(
  {
    store,
    outbox: store,
    mailer: SesMailer.create({ endpoint: config.SES_ENDPOINT, configurationSetName: config.SES_CONFIGURATION_SET }),
    clock: systemClock,
    log,
    maxAttempts: config.MAX_SEND_ATTEMPTS,
    senderAddress: config.SENDER_ADDRESS,
    leadRecipient: config.LEAD_RECIPIENT,
    siteName: siteConfig.name,
    retentionDays: config.RETENTION_DAYS,
  },
  { originSecret: config.ORIGIN_SECRET },
);
