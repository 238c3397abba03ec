import { functionFromEnv } from '../backend.ts';
import { submissions } from '../functions/submissions.ts';

/** POST /api/submissions */
export const handler = functionFromEnv(process.env, 'submissions', submissions);
