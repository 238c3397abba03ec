import { Logger } from '@aws-lambda-powertools/logger';
import { siteConfig } from '../../site-config.ts';
import { createDocumentClient, DynamoStore } from '../adapters/dynamo-store.ts';
import { SesMailer } from '../adapters/ses-mailer.ts';
import { systemClock } from '../clock.ts';
import { loadConfig, SweepConfigSchema } from '../config.ts';
import { CONTACT_NOTIFICATION, composeContactNotification } from '../contact.ts';
import { createSweepHandler } from '../sweep.ts';

const config = loadConfig(SweepConfigSchema, process.env);
const log = new Logger({ serviceName: 'sweep', logLevel: config.LOG_LEVEL });
const store = new DynamoStore(
  createDocumentClient({ tableName: config.TABLE_NAME, endpoint: config.DYNAMODB_ENDPOINT }),
  config.TABLE_NAME,
);
const mail = {
  store,
  clock: systemClock,
  senderAddress: config.SENDER_ADDRESS,
  leadRecipient: config.LEAD_RECIPIENT,
  siteName: siteConfig.name,
};

/** Runs on a schedule: sends pending and due emails. */
export const handler = createSweepHandler({
  outbox: store,
  mailer: SesMailer.create({ endpoint: config.SES_ENDPOINT, configurationSetName: config.SES_CONFIGURATION_SET }),
  clock: systemClock,
  log,
  maxAttempts: config.MAX_SEND_ATTEMPTS,
  composers: { [CONTACT_NOTIFICATION]: composeContactNotification(mail) },
});
