import { createBackendFromEnv } from '../backend.ts';

/** GET and POST /api/unsubscribe */
export const handler = createBackendFromEnv(process.env, 'unsubscribe').unsubscribe;
