import { functionFromEnv } from '../backend.ts';
import { followUpConsent } from '../functions/follow-up-consent.ts';

/** GET and POST /api/follow-up */
export const handler = functionFromEnv(process.env, 'follow-up-consent', followUpConsent);
