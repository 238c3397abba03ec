import { functionFromEnv } from '../backend.ts';
import { contact } from '../functions/contact.ts';

/** POST /api/contact */
export const handler = functionFromEnv(process.env, 'contact', contact);
