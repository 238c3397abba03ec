import { timingSafeEqual } from 'node:crypto';
import { ORIGIN_SECRET_HEADER } from './edge-contract.ts';
import { ForbiddenError, MethodNotAllowedError } from './errors.ts';
import { type ApiEvent, type ApiResult, describeError, errorResponse, header } from './http.ts';
import type { Log } from './ports.ts';

/** What wrapping a route's logic needs. */
export interface ApiHandlerOptions {
  /** Methods this function answers. */
  methods: string[];
  log: Log;
  /** When set, requests must carry it in `x-origin-secret` (they came through CloudFront). */
  originSecret?: string;
  /** Where a plain HTML form's "go back" link points on errors. */
  backHref?: string;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Wraps route logic as a Lambda handler: checks origin and method, maps every error to its response in one
 * place, and logs 5xx details (never shown to the caller).
 */
export function createApiHandler(logic: (event: ApiEvent) => Promise<ApiResult>, options: ApiHandlerOptions) {
  return async (event: ApiEvent): Promise<ApiResult> => {
    try {
      if (options.originSecret && !sameSecret(header(event, ORIGIN_SECRET_HEADER), options.originSecret)) {
        throw new ForbiddenError('This API is only reachable through the website.');
      }
      if (!options.methods.includes(event.requestContext.http.method)) throw new MethodNotAllowedError(options.methods);
      return await logic(event);
    } catch (error) {
      const { status } = describeError(error);
      const detail = { route: event.routeKey, path: event.rawPath, status, error };
      if (status >= 500) options.log.error('request failed', detail);
      else
        options.log.info('request refused', {
          route: event.routeKey,
          status,
          reason: error instanceof Error ? error.message : String(error),
        });
      return errorResponse(event, error, options.backHref);
    }
  };
}
