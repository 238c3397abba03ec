import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ApiErrorBody, FieldProblem } from '../../quiz/api-contract.ts';
import { html, type SafeHtml } from '../../quiz/html.ts';
import { siteConfig } from '../../site-config.ts';
import { headEssentials, siteFooter, siteHeader } from '../../site-frame.ts';
import {
  ConflictError,
  ForbiddenError,
  MalformedBodyError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  ServiceUnavailableError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors.ts';
import { type ApiEvent, wantsHtml } from './request.ts';

/** The result API Gateway HTTP APIs (payload format 2.0) expect from a function. */
export type ApiResult = APIGatewayProxyStructuredResultV2;

/** Security headers on every API response (CloudFront adds the site-wide ones in AWS). */
const baseHeaders = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

/** A JSON response. */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResult {
  return {
    statusCode,
    headers: { ...baseHeaders, 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** An HTML response. */
export function htmlPage(statusCode: number, page: SafeHtml, headers: Record<string, string> = {}): ApiResult {
  return {
    statusCode,
    headers: { ...baseHeaders, 'content-type': 'text/html; charset=utf-8', ...headers },
    body: page.toString(),
  };
}

/** A 303 See Other: where a plain HTML form goes after a POST. */
export function seeOther(location: string): ApiResult {
  return { statusCode: 303, headers: { ...baseHeaders, location }, body: '' };
}

/** The site's stylesheet at its stable address (the static pages add a content hash; see styles/stylesheet.ts). */
const STYLESHEET = '/styles/site.css';

/**
 * A page for answers to plain HTML forms (results without JavaScript, errors, unsubscribe), in the site's frame: the
 * same head, header, footer, stylesheet, favicon and language as every static page (site-frame.ts). No inline style
 * or script, so the CSP holds.
 * @param current the path whose navigation entry is marked as the current page
 */
export function renderPlainPage(title: string, body: SafeHtml, siteName = '', current = ''): SafeHtml {
  return html`<!doctype html>
<html lang="${siteConfig.locale}">
<head>${headEssentials(STYLESHEET)}<meta name="robots" content="noindex"><title>${siteName ? `${title} · ${siteName}` : title}</title></head>
<body>
${siteHeader(current)}
<main id="main" class="wrap"><div class="prose">${body}</div></main>
${siteFooter()}
</body>
</html>`;
}

/** What an error becomes on the wire: status, headers, and a message safe to show. */
interface ErrorShape {
  status: number;
  code: string;
  message: string;
  headers: Record<string, string>;
  problems?: FieldProblem[];
}

const GENERIC_500 =
  'Something went wrong on our side and your request was not completed. Please try again in a minute; if it keeps happening, email us.';

/** Maps any thrown value to the response the caller sees; the only place that decides HTTP statuses. */
export function describeError(error: unknown): ErrorShape {
  if (error instanceof ValidationError) {
    return { status: 400, code: 'invalid_request', message: 'Some fields need attention.', headers: {}, problems: error.problems };
  }
  if (error instanceof MalformedBodyError) return { status: 400, code: 'malformed_body', message: error.message, headers: {} };
  if (error instanceof ForbiddenError) return { status: 403, code: 'forbidden', message: error.message, headers: {} };
  if (error instanceof NotFoundError) return { status: 404, code: 'not_found', message: error.message, headers: {} };
  if (error instanceof MethodNotAllowedError) {
    return { status: 405, code: 'method_not_allowed', message: error.message, headers: { allow: error.allowed.join(', ') } };
  }
  if (error instanceof ConflictError) return { status: 409, code: 'conflict', message: error.message, headers: {} };
  if (error instanceof PayloadTooLargeError) return { status: 413, code: 'payload_too_large', message: error.message, headers: {} };
  if (error instanceof UnsupportedMediaTypeError)
    return { status: 415, code: 'unsupported_media_type', message: error.message, headers: {} };
  if (error instanceof RateLimitedError) {
    return { status: 429, code: 'rate_limited', message: error.message, headers: { 'retry-after': String(error.retryAfterSeconds) } };
  }
  if (error instanceof ServiceUnavailableError) {
    return { status: 503, code: 'unavailable', message: error.message, headers: { 'retry-after': String(error.retryAfterSeconds) } };
  }
  return { status: 500, code: 'internal_error', message: GENERIC_500, headers: {} };
}

/** Turns an error into a JSON or HTML response, depending on who asked. */
export function errorResponse(event: ApiEvent, error: unknown, backHref = '/'): ApiResult {
  const shape = describeError(error);
  if (!wantsHtml(event)) {
    const body: ApiErrorBody = { error: { code: shape.code, message: shape.message, problems: shape.problems } };
    return json(shape.status, body, shape.headers);
  }
  const list = shape.problems?.length
    ? html`<ul>${shape.problems.map((p) => html`<li><strong>${p.field}</strong>: ${p.message}</li>`)}</ul>`
    : '';
  const title = shape.status === 400 ? 'Please check the form' : 'We could not complete your request';
  const page = renderPlainPage(
    title,
    html`<h1>${title}</h1><p>${shape.message}</p>${list}<p><a href="${backHref}">Go back and try again</a></p>`,
  );
  return htmlPage(shape.status, page, shape.headers);
}
