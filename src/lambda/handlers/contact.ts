import { functionFromEnv } from '../backend.ts';

/** POST /api/contact */
export const handler = functionFromEnv(process.env, 'contact');
