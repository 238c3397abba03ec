import { assessment } from '../../assessment.ts';
import { createSesMailer } from '../adapters/ses-mailer.ts';
import { leaveContactDetails } from '../assessment/leave-contact-details.ts';
import type { FunctionDefinition, Ports } from '../backend.ts';
import { DynamoFunnel } from '../funnel/dynamo-funnel.ts';
import { type ApiHandler, createApiHandler } from '../http/api-handler.ts';
import { DynamoLimits } from '../limits/dynamo-limits.ts';
import { DynamoOutbox } from '../outbox/dynamo-outbox.ts';
import { DynamoPersonIndex } from '../people/person-index.ts';
import { personKeyOf } from '../settings.ts';
import { DynamoSubmissions } from '../submissions/dynamo-submissions.ts';
import { submissionEmailing } from './submission-emailing.ts';
import { routeOptions, webhookQueueing } from './wiring.ts';

/** `POST /api/results/{token}/contact`: contact details left after the results, and the emails they ask for. */
export const resultsContact = {
  aws: (aws) => ({
    submissions: new DynamoSubmissions(aws.table, new DynamoPersonIndex(aws.table, personKeyOf(aws.settings))),
    limits: new DynamoLimits(aws.table),
    funnel: new DynamoFunnel(aws.table),
    outbox: new DynamoOutbox(aws.table),
    mailer: createSesMailer(aws),
  }),
  build: (base, ports) => {
    const emails = submissionEmailing(base, ports);
    return createApiHandler(
      (event) =>
        leaveContactDetails(event, {
          ...ports,
          assessment,
          followUpConsent: base.site.followUpConsent,
          perHour: base.settings.FORM_POSTS_PER_IP_PER_HOUR,
          emails,
          webhooks: webhookQueueing(base, ports.outbox),
          clock: base.clock,
          log: base.log,
        }),
      routeOptions(base, ['POST'], '/assessment/'),
    );
  },
} satisfies FunctionDefinition<Pick<Ports, 'submissions' | 'limits' | 'funnel' | 'outbox' | 'mailer'>, ApiHandler>;
