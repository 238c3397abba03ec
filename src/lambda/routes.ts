/**
 * Every HTTP route of the API and the function that answers it. The local server (src/local) and the CDK
 * stack (infra) both read this table, so a route cannot exist in one and not the other.
 */
export const apiRoutes = [
  {
    /** Path as API Gateway spells it ({name} is a path parameter). */
    path: '/api/contact',
    /** The function's logical name (CDK id, log group). */
    functionName: 'contact',
    /** The Lambda entry file, relative to the repository root. */
    entry: 'src/lambda/handlers/contact.ts',
  },
] as const;

/** Functions started by a schedule rather than HTTP. */
export const scheduledFunctions = [{ functionName: 'sweep', entry: 'src/lambda/handlers/sweep.ts' }] as const;

/** One API route. */
export type ApiRoute = (typeof apiRoutes)[number];
