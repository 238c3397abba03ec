import { functionFromEnv } from '../backend.ts';
import { sweep } from '../functions/sweep.ts';

/** Runs every five minutes: sends the emails and webhook events that are due. */
export const handler = functionFromEnv(process.env, 'sweep', sweep);
