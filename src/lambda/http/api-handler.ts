import { timingSafeEqual } from 'node:crypto';
import { ORIGIN_SECRET_HEADER } from '../edge-contract.ts';
import { ForbiddenError, MethodNotAllowedError } from '../errors.ts';
import type { BackendContext } from '../ports.ts';
import { type ApiEvent, header } from './request.ts';
import { type ApiResult, describeError, errorResponse } from './response.ts';

/** A Lambda handler of the HTTP API. */
export type ApiHandler = (event: ApiEvent) => Promise<ApiResult>;

/** Route logic: answers one request with the settings, ports and content it is given. */
export type RouteLogic = (event: ApiEvent, context: BackendContext) => Promise<ApiResult>;

/** How a route is answered besides its logic. */
export interface RouteOptions {
  /** Methods the route answers; others get 405 with an Allow header. */
  methods: string[];
  /** Where a plain HTML form's "go back" link points on errors. */
  backHref?: string;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Makes route logic a Lambda handler: checks the origin secret and the method, maps every error to its response
 * in one place, and logs 5xx details (never shown to the caller).
 */
export function createApiHandler(logic: RouteLogic, context: BackendContext, options: RouteOptions): ApiHandler {
  const originSecret = context.settings.ORIGIN_SECRET;
  return async (event) => {
    try {
      if (originSecret && !sameSecret(header(event, ORIGIN_SECRET_HEADER), originSecret)) {
        throw new ForbiddenError('This API is only reachable through the website.');
      }
      if (!options.methods.includes(event.requestContext.http.method)) throw new MethodNotAllowedError(options.methods);
      return await logic(event, context);
    } catch (error) {
      const { status } = describeError(error);
      if (status >= 500) context.log.error('request failed', { route: event.routeKey, path: event.rawPath, status, error });
      else
        context.log.info('request refused', {
          route: event.routeKey,
          status,
          reason: error instanceof Error ? error.message : String(error),
        });
      return errorResponse(event, error, options.backHref);
    }
  };
}
