import { CONTACT_NOTIFICATION, composeContactNotification } from '../contact.ts';
import { buildLeadDeps } from '../lead-deps.ts';
import { composeLeadEmail, FOLLOW_UP, LEAD_NOTIFICATION, RESULTS_EMAIL } from '../lead-emails.ts';
import { createSweepHandler } from '../sweep.ts';

const { deps, store } = buildLeadDeps('sweep');
const composeLead = composeLeadEmail(deps);

/** Runs on a schedule: sends pending and due emails of every kind. */
export const handler = createSweepHandler({
  ...deps,
  composers: {
    [CONTACT_NOTIFICATION]: composeContactNotification({ ...deps, store }),
    [RESULTS_EMAIL]: composeLead,
    [LEAD_NOTIFICATION]: composeLead,
    [FOLLOW_UP]: composeLead,
  },
});
