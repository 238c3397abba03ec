import { createBackendFromEnv } from '../backend.ts';

/** POST /api/results/{token}/contact */
export const handler = createBackendFromEnv(process.env, 'results-contact')['results-contact'];
