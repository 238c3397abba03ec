import { assessment } from '../../assessment.ts';
import { showResults } from '../assessment/show-results.ts';
import type { FunctionDefinition, Ports } from '../backend.ts';
import { DynamoHistograms } from '../comparison/dynamo-histograms.ts';
import { DynamoFunnel } from '../funnel/dynamo-funnel.ts';
import { type ApiHandler, createApiHandler } from '../http/api-handler.ts';
import { DynamoSubmissions } from '../submissions/dynamo-submissions.ts';
import { bookingOffer, comparison, routeOptions } from './wiring.ts';

/** `GET /api/results/{token}`: a stored result, as JSON or as a page. */
export const results = {
  aws: (aws) => ({
    submissions: new DynamoSubmissions(aws.table),
    funnel: new DynamoFunnel(aws.table),
    histograms: new DynamoHistograms(aws.table),
  }),
  build: (base, ports) =>
    createApiHandler(
      (event) =>
        showResults(event, {
          ...ports,
          comparison: comparison(base, ports.histograms),
          page: {
            assessment,
            siteName: base.site.name,
            contactAddress: base.site.contactAddress,
            timeZone: base.site.timeZone,
            siteUrl: base.settings.SITE_URL,
          },
          booking: bookingOffer(base, assessment),
          clock: base.clock,
          log: base.log,
        }),
      routeOptions(base, ['GET']),
    ),
} satisfies FunctionDefinition<Pick<Ports, 'submissions' | 'funnel' | 'histograms'>, ApiHandler>;
