import { functionFromEnv } from '../backend.ts';

/** Runs every five minutes: sends the emails that are due. */
export const handler = functionFromEnv(process.env, 'sweep');
