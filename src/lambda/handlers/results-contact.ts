import { functionFromEnv } from '../backend.ts';
import { resultsContact } from '../functions/results-contact.ts';

/** POST /api/results/{token}/contact */
export const handler = functionFromEnv(process.env, 'results-contact', resultsContact);
