import { unsubscribe as unsubscribeLogic } from '../assessment/unsubscribe.ts';
import type { FunctionDefinition, Ports } from '../backend.ts';
import { DynamoFunnel } from '../funnel/dynamo-funnel.ts';
import { type ApiHandler, createApiHandler } from '../http/api-handler.ts';
import { DynamoLimits } from '../limits/dynamo-limits.ts';
import { DynamoOutbox } from '../outbox/dynamo-outbox.ts';
import { DynamoSubmissions } from '../submissions/dynamo-submissions.ts';
import { routeOptions, webhookQueueing } from './wiring.ts';

/** `GET/POST /api/unsubscribe?t=…`: the unsubscribe button, and the unsubscribe it confirms. */
export const unsubscribe = {
  aws: (aws) => ({
    submissions: new DynamoSubmissions(aws.table),
    limits: new DynamoLimits(aws.table),
    funnel: new DynamoFunnel(aws.table),
    outbox: new DynamoOutbox(aws.table),
  }),
  build: (base, ports) =>
    createApiHandler(
      (event) =>
        unsubscribeLogic(event, {
          ...ports,
          addresses: ports.limits,
          formPostsPerHour: base.settings.FORM_POSTS_PER_IP_PER_HOUR,
          webhooks: webhookQueueing(base, ports.outbox),
          siteName: base.site.name,
          clock: base.clock,
          log: base.log,
        }),
      routeOptions(base, ['GET', 'POST']),
    ),
} satisfies FunctionDefinition<Pick<Ports, 'submissions' | 'limits' | 'funnel' | 'outbox'>, ApiHandler>;
