import { buildLeadDeps } from '../lead-deps.ts';
import { createResultsHandler } from '../results.ts';

const { config, deps } = buildLeadDeps('results');

/** GET /api/results/{token} */
export const handler = createResultsHandler(deps, { originSecret: config.ORIGIN_SECRET });
