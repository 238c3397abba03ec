import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ZodType, z } from 'zod';
import { html, type SafeHtml } from '../quiz/html.ts';
import { MAX_BODY_BYTES } from './edge-contract.ts';
import {
  ConflictError,
  type FieldProblem,
  ForbiddenError,
  MalformedBodyError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  ServiceUnavailableError,
  UnsupportedMediaTypeError,
  ValidationError,
} from './errors.ts';

/** The event and result shapes of API Gateway HTTP APIs (payload format 2.0), used in AWS and locally. */
export type ApiEvent = APIGatewayProxyEventV2;
export type ApiResult = APIGatewayProxyStructuredResultV2;

/** The two body formats the API reads: JSON from scripts, form-encoded from plain HTML forms. */
export type BodyFormat = 'json' | 'form';

/** A request body read from an event, before validation. */
export interface ReadBody {
  format: BodyFormat;
  /** JSON value, or for forms an object of field → string (repeated fields → string[]). */
  value: unknown;
}

/** Lower-cased header lookup (API Gateway v2 lower-cases names; the local server does too). */
export function header(event: ApiEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** Turns the form's flat `a.b=1` names into `{ a: { b: '1' } }` so one schema reads both formats. */
function formToObject(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of params) {
    const path = name.split('.');
    let node: Record<string, unknown> = out;
    for (const segment of path.slice(0, -1)) {
      const next = node[segment];
      if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next as Record<string, unknown>;
      else node = node[segment] = {};
    }
    const leaf = path.at(-1) ?? name;
    const existing = node[leaf];
    if (existing === undefined) node[leaf] = value;
    else node[leaf] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

/**
 * Reads the body of an event: enforces the size cap before parsing, then parses JSON or form encoding.
 * @throws PayloadTooLargeError, UnsupportedMediaTypeError, MalformedBodyError
 */
export function readBody(event: ApiEvent, limitBytes = MAX_BODY_BYTES): ReadBody {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > limitBytes) throw new PayloadTooLargeError(limitBytes);
  const contentType = (header(event, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const text = bytes.toString('utf8');
  if (contentType === 'application/json') {
    try {
      return { format: 'json', value: JSON.parse(text) };
    } catch (cause) {
      throw new MalformedBodyError('The request body is not valid JSON. Send a JSON object.', { cause });
    }
  }
  if (contentType === 'application/x-www-form-urlencoded') {
    return { format: 'form', value: formToObject(new URLSearchParams(text)) };
  }
  throw new UnsupportedMediaTypeError(contentType);
}

/** Validates a read body against a schema, turning every zod issue into a field problem. */
export function parseWith<S extends ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems: FieldProblem[] = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return { field: issue.keys.join(', '), message: 'This field is not expected here. Remove it and send again.' };
    }
    return { field: issue.path.join('.') || '(body)', message: issue.message };
  });
  throw new ValidationError(problems, { cause: result.error });
}

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

/** Whether the caller is a plain HTML form (or a browser asking for HTML) rather than a script. */
export function wantsHtml(event: ApiEvent): boolean {
  const contentType = header(event, 'content-type') ?? '';
  const accept = header(event, 'accept') ?? '';
  return (
    contentType.startsWith('application/x-www-form-urlencoded') || (accept.includes('text/html') && !accept.includes('application/json'))
  );
}

/**
 * A page in the site's look for answers to plain HTML forms (results without JavaScript, errors,
 * unsubscribe). It links the site's one stylesheet and has no inline style or script, so the CSP holds.
 */
export function renderPlainPage(title: string, body: SafeHtml, siteName = ''): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${siteName ? `${title} · ${siteName}` : title}</title>
<link rel="stylesheet" href="/styles/site.css">
</head>
<body>
<header class="site-header"><div class="wrap"><a class="brand" href="/">${siteName || 'Home'}</a><nav class="site-nav" aria-label="Main"><ul><li><a href="/articles/">Articles</a></li><li><a href="/assessment/">Assessment</a></li><li><a href="/contact/">Contact</a></li></ul></nav></div></header>
<main id="main" class="wrap"><div class="prose">${body}</div></main>
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
    return json(shape.status, { error: { code: shape.code, message: shape.message, problems: shape.problems } }, shape.headers);
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
