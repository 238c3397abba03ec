import { confirmFollowUp } from '../assessment/confirm-follow-up.ts';
import type { FunctionDefinition, Ports } from '../backend.ts';
import { DynamoConsentConfirmations } from '../consent/dynamo-confirmations.ts';
import { followUp } from '../email/follow-up.ts';
import { queueEmails } from '../email/send-emails.ts';
import { type ApiHandler, createApiHandler } from '../http/api-handler.ts';
import { DynamoLimits } from '../limits/dynamo-limits.ts';
import { DynamoOutbox } from '../outbox/dynamo-outbox.ts';
import { DynamoSubmissions } from '../submissions/dynamo-submissions.ts';
import { emailContext, routeOptions } from './wiring.ts';

/** `GET/POST /api/follow-up?t=…`: the double opt-in's confirmation page, and the confirmation it records. */
export const followUpConsent = {
  aws: (aws) => ({
    submissions: new DynamoSubmissions(aws.table),
    confirmations: new DynamoConsentConfirmations(aws.table),
    limits: new DynamoLimits(aws.table),
    outbox: new DynamoOutbox(aws.table),
  }),
  build: (base, ports) =>
    createApiHandler(
      (event) =>
        confirmFollowUp(event, {
          ...ports,
          // Only the follow-up: this function queues it, and the sweep sends it when due.
          queueFollowUp: (record) =>
            queueEmails(
              { type: 'submission', record },
              {
                kinds: { 'follow-up': followUp },
                outbox: ports.outbox,
                addresses: ports.limits,
                clock: base.clock,
                context: emailContext(base),
              },
            ),
          formPostsPerHour: base.settings.FORM_POSTS_PER_IP_PER_HOUR,
          followUpDelayDays: base.settings.FOLLOW_UP_DELAY_DAYS,
          siteName: base.site.name,
          clock: base.clock,
          log: base.log,
        }),
      routeOptions(base, ['GET', 'POST']),
    ),
} satisfies FunctionDefinition<Pick<Ports, 'submissions' | 'confirmations' | 'limits' | 'outbox'>, ApiHandler>;
