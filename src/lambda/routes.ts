import type { IndexName, ItemKind } from './table-design.ts';

/**
 * What a function may do: the kinds of item it reads (GetItem) and writes (PutItem, UpdateItem), the kinds whose
 * partitions it queries, the indexes it queries, and whether it sends email. The CDK stack grants exactly this, and
 * tests/integration/lambda/access.test.ts runs every function behind a guard that allows nothing more.
 */
export interface FunctionAccess {
  reads: readonly ItemKind[];
  writes: readonly ItemKind[];
  queries?: readonly ItemKind[];
  queriesIndexes?: readonly IndexName[];
  sendsEmail?: true;
}

/**
 * Every function of the backend and how it is reached: HTTP routes (paths as API Gateway spells them, {name} is a
 * path parameter) and the scheduled sweep. The local server (src/local) and the CDK stack (infra) both read this
 * table, so a route cannot exist in one and not the other; entries are relative to the repository.
 */
export const apiRoutes = [
  {
    path: '/api/contact',
    functionName: 'contact',
    entry: 'src/lambda/handlers/contact.ts',
    access: { reads: ['message', 'suppression', 'submission'], writes: ['message', 'limit', 'person'], sendsEmail: true },
  },
  {
    path: '/api/submissions',
    functionName: 'submissions',
    entry: 'src/lambda/handlers/submissions.ts',
    access: {
      reads: ['submission', 'suppression', 'benchmark'],
      writes: ['submission', 'limit', 'latest', 'person', 'funnel', 'benchmark'],
      sendsEmail: true,
    },
  },
  {
    path: '/api/results/{token}',
    functionName: 'results',
    entry: 'src/lambda/handlers/results.ts',
    access: { reads: ['submission', 'benchmark'], writes: ['funnel'] },
  },
  {
    path: '/api/results/{token}/contact',
    functionName: 'results-contact',
    entry: 'src/lambda/handlers/results-contact.ts',
    access: { reads: ['submission', 'suppression'], writes: ['submission', 'limit', 'latest', 'person', 'funnel'], sendsEmail: true },
  },
  {
    path: '/api/unsubscribe',
    functionName: 'unsubscribe',
    entry: 'src/lambda/handlers/unsubscribe.ts',
    access: { reads: ['submission'], writes: ['submission', 'suppression', 'limit', 'funnel'] },
  },
  {
    path: '/api/follow-up',
    functionName: 'follow-up-consent',
    entry: 'src/lambda/handlers/follow-up-consent.ts',
    access: { reads: ['submission', 'suppression'], writes: ['submission', 'latest', 'limit'] },
  },
  {
    path: '/api/events',
    functionName: 'events',
    entry: 'src/lambda/handlers/events.ts',
    access: { reads: [], writes: ['funnel', 'limit'] },
  },
] as const satisfies readonly { path: string; functionName: string; entry: string; access: FunctionAccess }[];

/** Functions started by a schedule rather than HTTP. */
export const scheduledFunctions = [
  {
    functionName: 'sweep',
    entry: 'src/lambda/handlers/sweep.ts',
    access: {
      reads: ['submission', 'message', 'suppression', 'latest', 'digest'],
      queries: ['submission'],
      writes: ['submission', 'message', 'funnel', 'digest'],
      queriesIndexes: ['outbox-due'],
      sendsEmail: true,
    },
  },
  {
    functionName: 'digest',
    entry: 'src/lambda/handlers/digest.ts',
    access: {
      reads: ['digest'],
      writes: ['digest'],
      queries: ['funnel'],
      queriesIndexes: ['outbox-due', 'recent'],
      sendsEmail: true,
    },
  },
] as const satisfies readonly { functionName: string; entry: string; access: FunctionAccess }[];

/** The name of one of the backend's functions. */
export type FunctionName = (typeof apiRoutes)[number]['functionName'] | (typeof scheduledFunctions)[number]['functionName'];
