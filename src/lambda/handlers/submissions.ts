import { createBackendFromEnv } from '../backend.ts';

/** POST /api/submissions */
export const handler = createBackendFromEnv(process.env, 'submissions').submissions;
