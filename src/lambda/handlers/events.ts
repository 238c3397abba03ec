import { functionFromEnv } from '../backend.ts';
import { events } from '../functions/events.ts';

/** POST /api/events */
export const handler = functionFromEnv(process.env, 'events', events);
