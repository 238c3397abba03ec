import type { AwsOutside, Base, Ports } from '../backend.ts';
import { type Outside, outsideFromEnv } from '../backend.ts';
import { contact } from './contact.ts';
import { digest } from './digest.ts';
import { events } from './events.ts';
import { followUpConsent } from './follow-up-consent.ts';
import { results } from './results.ts';
import { resultsContact } from './results-contact.ts';
import { submissions } from './submissions.ts';
import { sweep } from './sweep.ts';
import { unsubscribe } from './unsubscribe.ts';

/**
 * Every function of the backend, by the name routes.ts gives it: what the local stack serves and the tests call.
 * Never imported by an entry file, so no Lambda bundle holds more than its own function.
 */
export const functions = {
  contact,
  submissions,
  results,
  'results-contact': resultsContact,
  unsubscribe,
  'follow-up-consent': followUpConsent,
  events,
  sweep,
  digest,
};

/** The backend's functions by name. */
export type Backend = { [N in keyof typeof functions]: ReturnType<(typeof functions)[N]['build']> };

/** Builds every function on the ports given (the tests' fakes). */
export function createBackend(base: Base, ports: Ports): Backend {
  const built = Object.entries(functions).map(([name, definition]) => [name, definition.build(base, ports as never)]);
  return Object.fromEntries(built) as Backend;
}

/**
 * Builds every function as the Lambda entry files do, each on its own AWS adapters over one table, from an
 * environment: what the local stack and the integration tests run.
 */
export function createBackendFromEnv(env: Record<string, string | undefined>, serviceName: string, outside: Outside = {}): Backend {
  const { base, aws } = outsideFromEnv(env, serviceName, outside);
  const build = <P, F>(definition: { aws(outside: AwsOutside): P; build(base: Base, ports: P): F }) =>
    definition.build(base, definition.aws(aws));
  return {
    contact: build(contact),
    submissions: build(submissions),
    results: build(results),
    'results-contact': build(resultsContact),
    unsubscribe: build(unsubscribe),
    'follow-up-consent': build(followUpConsent),
    events: build(events),
    sweep: build(sweep),
    digest: build(digest),
  };
}
