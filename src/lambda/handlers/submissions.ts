import { buildLeadDeps } from '../lead-deps.ts';
import { createSubmissionsHandler } from '../submissions.ts';

const { config, deps } = buildLeadDeps('submissions');

/** POST /api/submissions */
export const handler = createSubmissionsHandler(deps, { originSecret: config.ORIGIN_SECRET });
