/**
 * Every HTTP route of the API and the function that answers it. The local server (src/local) and the CDK
 * stack (infra) both read this table, so a route cannot exist in one and not the other.
 * Paths are as API Gateway spells them ({name} is a path parameter); entries are relative to the repository.
 */
export const apiRoutes = [
  { path: '/api/contact', functionName: 'contact', entry: 'src/lambda/handlers/contact.ts', settings: 'contact' },
  { path: '/api/submissions', functionName: 'submissions', entry: 'src/lambda/handlers/submissions.ts', settings: 'lead' },
  { path: '/api/results/{token}', functionName: 'results', entry: 'src/lambda/handlers/results.ts', settings: 'lead' },
  {
    path: '/api/results/{token}/contact',
    functionName: 'results-contact',
    entry: 'src/lambda/handlers/results-contact.ts',
    settings: 'lead',
  },
  { path: '/api/unsubscribe', functionName: 'unsubscribe', entry: 'src/lambda/handlers/unsubscribe.ts', settings: 'lead' },
] as const;

/** Functions started by a schedule rather than HTTP. */
export const scheduledFunctions = [{ functionName: 'sweep', entry: 'src/lambda/handlers/sweep.ts', settings: 'lead' }] as const;

/** Which settings schema (src/lambda/config.ts) a function reads: `contact` or `lead`. */
export type FunctionSettings = (typeof apiRoutes)[number]['settings'];
