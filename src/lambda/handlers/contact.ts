import { createBackendFromEnv } from '../backend.ts';

/** POST /api/contact */
export const handler = createBackendFromEnv(process.env, 'contact').contact;
