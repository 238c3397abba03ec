import { functionFromEnv } from '../backend.ts';

/** POST /api/events */
export const handler = functionFromEnv(process.env, 'events');
