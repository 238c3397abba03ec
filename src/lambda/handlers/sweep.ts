import { createBackendFromEnv } from '../backend.ts';

/** Runs every five minutes: sends the emails that are due */
export const handler = createBackendFromEnv(process.env, 'sweep').sweep;
