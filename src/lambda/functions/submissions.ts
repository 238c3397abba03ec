import { assessment } from '../../assessment.ts';
import { createSesMailer } from '../adapters/ses-mailer.ts';
import { submitAssessment } from '../assessment/submit-assessment.ts';
import type { FunctionDefinition, Ports } from '../backend.ts';
import { DynamoHistograms } from '../comparison/dynamo-histograms.ts';
import { DynamoFunnel } from '../funnel/dynamo-funnel.ts';
import { type ApiHandler, createApiHandler } from '../http/api-handler.ts';
import { DynamoLimits } from '../limits/dynamo-limits.ts';
import { DynamoOutbox } from '../outbox/dynamo-outbox.ts';
import { DynamoPersonIndex } from '../people/person-index.ts';
import { personKeyOf } from '../settings.ts';
import { DynamoSubmissions } from '../submissions/dynamo-submissions.ts';
import { submissionEmailing } from './submission-emailing.ts';
import { bookingOffer, comparison, routeOptions, webhookQueueing } from './wiring.ts';

/** `POST /api/submissions`: answers scored, stored, counted, emailed. */
export const submissions = {
  aws: (aws) => ({
    submissions: new DynamoSubmissions(aws.table, new DynamoPersonIndex(aws.table, personKeyOf(aws.settings))),
    limits: new DynamoLimits(aws.table),
    funnel: new DynamoFunnel(aws.table),
    histograms: new DynamoHistograms(aws.table),
    outbox: new DynamoOutbox(aws.table),
    mailer: createSesMailer(aws),
  }),
  build: (base, ports) => {
    const emails = submissionEmailing(base, ports);
    return createApiHandler(
      (event) =>
        submitAssessment(event, {
          ...ports,
          assessment,
          followUpConsent: base.site.followUpConsent,
          perHour: base.settings.SUBMISSIONS_PER_IP_PER_HOUR,
          minCompletionSeconds: base.settings.MIN_COMPLETION_SECONDS,
          comparison: comparison(base, ports.histograms),
          emails,
          webhooks: webhookQueueing(base, ports.outbox),
          booking: bookingOffer(base, assessment),
          clock: base.clock,
          log: base.log,
        }),
      routeOptions(base, ['POST'], '/assessment/'),
    );
  },
} satisfies FunctionDefinition<Pick<Ports, 'submissions' | 'limits' | 'funnel' | 'histograms' | 'outbox' | 'mailer'>, ApiHandler>;
