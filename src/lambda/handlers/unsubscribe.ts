import { functionFromEnv } from '../backend.ts';

/** GET and POST /api/unsubscribe */
export const handler = functionFromEnv(process.env, 'unsubscribe');
