import { functionFromEnv } from '../backend.ts';
import { digest } from '../functions/digest.ts';

/** Runs on Monday mornings in the consultancy's time zone: emails the consultancy the digest of the week before. */
export const handler = functionFromEnv(process.env, 'digest', digest);
