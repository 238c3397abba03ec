import { buildLeadDeps } from '../lead-deps.ts';
import { createUnsubscribeHandler } from '../unsubscribe.ts';

const { config, deps } = buildLeadDeps('unsubscribe');

/** GET and POST /api/unsubscribe */
export const handler = createUnsubscribeHandler(deps, { originSecret: config.ORIGIN_SECRET });
