import { functionFromEnv } from '../backend.ts';

/** GET /api/results/{token} */
export const handler = functionFromEnv(process.env, 'results');
