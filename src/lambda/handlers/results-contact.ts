import { functionFromEnv } from '../backend.ts';

/** POST /api/results/{token}/contact */
export const handler = functionFromEnv(process.env, 'results-contact');
