import { functionFromEnv } from '../backend.ts';
import { results } from '../functions/results.ts';

/** GET /api/results/{token} */
export const handler = functionFromEnv(process.env, 'results', results);
