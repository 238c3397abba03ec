/**
 * Every function of the backend and how it is reached: HTTP routes (paths as API Gateway spells them, {name} is a
 * path parameter) and the scheduled sweep. The local server (src/local) and the CDK stack (infra) both read this
 * table, so a route cannot exist in one and not the other; entries are relative to the repository.
 */
export const apiRoutes = [
  { path: '/api/contact', functionName: 'contact', entry: 'src/lambda/handlers/contact.ts' },
  { path: '/api/submissions', functionName: 'submissions', entry: 'src/lambda/handlers/submissions.ts' },
  { path: '/api/results/{token}', functionName: 'results', entry: 'src/lambda/handlers/results.ts' },
  { path: '/api/results/{token}/contact', functionName: 'results-contact', entry: 'src/lambda/handlers/results-contact.ts' },
  { path: '/api/unsubscribe', functionName: 'unsubscribe', entry: 'src/lambda/handlers/unsubscribe.ts' },
] as const;

/** Functions started by a schedule rather than HTTP. */
export const scheduledFunctions = [{ functionName: 'sweep', entry: 'src/lambda/handlers/sweep.ts' }] as const;

/** The name of one of the backend's functions. */
export type FunctionName = (typeof apiRoutes)[number]['functionName'] | (typeof scheduledFunctions)[number]['functionName'];
