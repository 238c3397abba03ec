import { functionFromEnv } from '../backend.ts';

/** POST /api/submissions */
export const handler = functionFromEnv(process.env, 'submissions');
