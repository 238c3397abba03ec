import { assessment } from '../../assessment.ts';
import { createSesMailer } from '../adapters/ses-mailer.ts';
import { StandardWebhookSender } from '../adapters/webhook-sender.ts';
import type { FunctionDefinition, Ports } from '../backend.ts';
import { emailKinds } from '../email/registry.ts';
import { prepareEmail } from '../email/send-emails.ts';
import { DynamoFunnel } from '../funnel/dynamo-funnel.ts';
import { DynamoLimits } from '../limits/dynamo-limits.ts';
import { DynamoMessages } from '../messages/dynamo-messages.ts';
import { type DeliveryOutcome, sendDueItems } from '../outbox/deliver.ts';
import { DynamoOutbox } from '../outbox/dynamo-outbox.ts';
import { DynamoReports } from '../reports/dynamo-reports.ts';
import { DynamoSubmissions } from '../submissions/dynamo-submissions.ts';
import { latestLinkedAttempt } from '../submissions/latest-attempt.ts';
import { isWebhookKind, prepareWebhook, WEBHOOK_KIND_PREFIX } from '../webhook/events.ts';
import { delivery, emailSending } from './wiring.ts';

/** The scheduled sweep: sends every email and webhook event that is due. */
export const sweep = {
  aws: (aws) => {
    const { WEBHOOK_URL, WEBHOOK_SECRET } = aws.settings;
    return {
      submissions: new DynamoSubmissions(aws.table),
      messages: new DynamoMessages(aws.table),
      reports: new DynamoReports(aws.table),
      limits: new DynamoLimits(aws.table),
      funnel: new DynamoFunnel(aws.table),
      outbox: new DynamoOutbox(aws.table),
      mailer: createSesMailer(aws),
      // Only the sweep sends webhook events, so only it holds the signing secret.
      ...(WEBHOOK_URL && WEBHOOK_SECRET && { webhooks: new StandardWebhookSender(WEBHOOK_URL, WEBHOOK_SECRET) }),
    };
  },
  build: (base, ports) => {
    const records = {
      submission: (id: string) => ports.submissions.get(id),
      message: (id: string) => ports.messages.get(id),
      week: (id: string) => ports.reports.get(id),
      latestAttempt: (id: string) => latestLinkedAttempt(ports.submissions, id),
    };
    const email = prepareEmail(emailSending(base, ports, emailKinds, records, assessment));
    const webhook = prepareWebhook({ sender: ports.webhooks, submissions: ports.submissions, siteUrl: base.settings.SITE_URL });
    const due = {
      ...delivery(base, ports.outbox),
      prepare: (ref: Parameters<typeof email>[0]) => (isWebhookKind(ref.kind) ? webhook(ref) : email(ref)),
    };
    // Emails first: webhook events, sent to a receiver we do not run, never delay one.
    return (): Promise<Record<DeliveryOutcome, number>> => sendDueItems(due, { last: WEBHOOK_KIND_PREFIX });
  },
} satisfies FunctionDefinition<
  Pick<Ports, 'submissions' | 'messages' | 'reports' | 'limits' | 'funnel' | 'outbox' | 'mailer' | 'webhooks'>,
  () => Promise<Record<DeliveryOutcome, number>>
>;
