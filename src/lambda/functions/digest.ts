import { assessment } from '../../assessment.ts';
import { createSesMailer } from '../adapters/ses-mailer.ts';
import type { FunctionDefinition, Ports } from '../backend.ts';
import { type DigestRun, sendWeeklyDigest } from '../digest/send-weekly-digest.ts';
import { recordEmails } from '../email/send-emails.ts';
import { weekEmails } from '../email/week-emails.ts';
import { DynamoFunnel } from '../funnel/dynamo-funnel.ts';
import { DynamoLimits } from '../limits/dynamo-limits.ts';
import { DynamoOutbox } from '../outbox/dynamo-outbox.ts';
import { DynamoReports } from '../reports/dynamo-reports.ts';
import { DynamoSubmissions } from '../submissions/dynamo-submissions.ts';
import { delivery, emailSending } from './wiring.ts';

/** The weekly digest to the consultancy, on Mondays (scheduled). */
export const digest = {
  aws: (aws) => ({
    submissions: new DynamoSubmissions(aws.table),
    reports: new DynamoReports(aws.table),
    limits: new DynamoLimits(aws.table),
    funnel: new DynamoFunnel(aws.table),
    outbox: new DynamoOutbox(aws.table),
    mailer: createSesMailer(aws),
  }),
  build: (base, ports) => {
    const sending = emailSending(base, ports, weekEmails, { week: (id) => ports.reports.get(id) });
    return (): Promise<DigestRun> =>
      sendWeeklyDigest({
        ...ports,
        assessment,
        siteUrl: base.settings.SITE_URL,
        emails: recordEmails(sending, delivery(base, ports.outbox)),
        timeZone: base.site.timeZone,
        clock: base.clock,
        log: base.log,
      });
  },
} satisfies FunctionDefinition<
  Pick<Ports, 'submissions' | 'reports' | 'limits' | 'funnel' | 'outbox' | 'mailer'>,
  () => Promise<DigestRun>
>;
