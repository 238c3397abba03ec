import { createBackendFromEnv } from '../backend.ts';

/** GET /api/results/{token} */
export const handler = createBackendFromEnv(process.env, 'results').results;
