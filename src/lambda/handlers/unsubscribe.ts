import { functionFromEnv } from '../backend.ts';
import { unsubscribe } from '../functions/unsubscribe.ts';

/** GET and POST /api/unsubscribe */
export const handler = functionFromEnv(process.env, 'unsubscribe', unsubscribe);
