import { articleTitle } from '../../articles/articles.ts';
import { assessment, questionCount } from '../../assessment.ts';
import type { FunctionDefinition, Ports } from '../backend.ts';
import { DynamoFunnel } from '../funnel/dynamo-funnel.ts';
import { recordEvent } from '../funnel/record-event.ts';
import { type ApiHandler, createApiHandler } from '../http/api-handler.ts';
import { DynamoLimits } from '../limits/dynamo-limits.ts';
import { routeOptions } from './wiring.ts';

/** What the site serves: the only steps the funnel counts. */
const served = {
  assessmentVersion: assessment.version,
  questions: questionCount,
  isArticle: (slug: string) => articleTitle(slug) !== undefined,
};

/** `POST /api/events`: the funnel steps the browser reports. */
export const events = {
  aws: ({ table }) => ({ limits: new DynamoLimits(table), funnel: new DynamoFunnel(table) }),
  build: (base, ports) =>
    createApiHandler(
      (event) => recordEvent(event, { ...ports, served, formPostsPerHour: base.settings.FORM_POSTS_PER_IP_PER_HOUR, clock: base.clock }),
      routeOptions(base, ['POST']),
    ),
} satisfies FunctionDefinition<Pick<Ports, 'limits' | 'funnel'>, ApiHandler>;
