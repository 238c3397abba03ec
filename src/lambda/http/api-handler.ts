import { timingSafeEqual } from 'node:crypto';
import { ORIGIN_SECRET_HEADER, VIEWER_HOST_HEADER } from '../edge-contract.ts';
import { ForbiddenError, MethodNotAllowedError } from '../errors.ts';
import type { Log } from '../ports.ts';
import { type ApiEvent, header } from './request.ts';
import { type ApiResult, describeError, errorResponse } from './response.ts';

/** A Lambda handler of the HTTP API. */
export type ApiHandler = (event: ApiEvent) => Promise<ApiResult>;

/** Route logic, with the ports and settings it was built with: answers one request. */
export type RouteLogic = (event: ApiEvent) => Promise<ApiResult>;

/** How a route is answered besides its logic. */
export interface RouteOptions {
  /** The secret header CloudFront adds (`ORIGIN_SECRET`); requests without it are refused. Unset locally. */
  originSecret?: string;
  /** The site's public origin (`SITE_URL`), for telling this site's forms from another's. */
  siteUrl: string;
  log: Log;
  /** Methods the route answers; others get 405 with an Allow header. */
  methods: string[];
  /** Where a plain HTML form's "go back" link points on errors. */
  backHref?: string;
}

/**
 * Whether a browser says this request was sent by a page of another site: `Sec-Fetch-Site` when it sends one
 * (only `same-origin`, or `none` for what the visitor typed or bookmarked, are this site), otherwise an `Origin`
 * whose host is not the one the visitor asked for (the site's domain, or CloudFront's before a domain is set).
 * Scripts and mail servers (a one-click unsubscribe) send neither and are let through.
 */
function fromAnotherSite(event: ApiEvent, siteUrl: string): boolean {
  const fetchSite = header(event, 'sec-fetch-site');
  if (fetchSite) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  const origin = header(event, 'origin');
  if (origin === undefined) return false;
  const host = header(event, VIEWER_HOST_HEADER) || new URL(siteUrl).host;
  return !URL.canParse(origin) || new URL(origin).host !== host;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Makes route logic a Lambda handler: checks the origin secret, the method and that a browser's POST came from this
 * site, maps every error to its response in one place, and logs 5xx details (never shown to the caller).
 */
export function createApiHandler(logic: RouteLogic, options: RouteOptions): ApiHandler {
  const { originSecret, log } = options;
  return async (event) => {
    try {
      if (originSecret && !sameSecret(header(event, ORIGIN_SECRET_HEADER), originSecret)) {
        throw new ForbiddenError('This API is only reachable through the website.');
      }
      const method = event.requestContext.http.method;
      if (!options.methods.includes(method)) throw new MethodNotAllowedError(options.methods);
      if (method !== 'GET' && fromAnotherSite(event, options.siteUrl)) {
        throw new ForbiddenError(
          'This form was sent from another website, so we did not accept it. Open the form on our site and send it from there.',
        );
      }
      return await logic(event);
    } catch (error) {
      const { status } = describeError(error);
      // The route, never the path: a path may carry a results link's key.
      if (status >= 500) log.error('request failed', { route: event.routeKey, status, error });
      else
        log.info('request refused', {
          route: event.routeKey,
          status,
          reason: error instanceof Error ? error.message : String(error),
        });
      return errorResponse(event, error, options.backHref);
    }
  };
}
