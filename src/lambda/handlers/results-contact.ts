import { buildLeadDeps } from '../lead-deps.ts';
import { createResultsContactHandler } from '../results.ts';

const { config, deps } = buildLeadDeps('results-contact');

/** POST /api/results/{token}/contact */
export const handler = createResultsContactHandler(deps, { originSecret: config.ORIGIN_SECRET });
