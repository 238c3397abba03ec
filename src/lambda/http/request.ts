import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { FieldProblem } from '../../quiz/api-contract.ts';
import * as z from '../../quiz/zod.ts';
import { MAX_BODY_BYTES, VIEWER_IP_HEADER } from '../edge-contract.ts';
import { MalformedBodyError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../errors.ts';

/** The event of API Gateway HTTP APIs (payload format 2.0), in AWS and from the local server. */
export type ApiEvent = APIGatewayProxyEventV2;

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

/**
 * A query parameter of the page a request was sent from (its Referer): how a plain HTML form, which cannot add
 * fields of its own, carries `?from=`, `?retake=` or `?result=`.
 */
export function refererParam(event: ApiEvent, name: string): string | undefined {
  const referer = header(event, 'referer');
  return (referer && URL.canParse(referer) ? new URL(referer).searchParams.get(name) : null) ?? undefined;
}

/** The viewer's IP: from the header CloudFront (or the local server) sets, never from X-Forwarded-For. */
export function viewerIp(event: ApiEvent): string {
  return header(event, VIEWER_IP_HEADER) ?? event.requestContext.http.sourceIp;
}

/** Whether the caller is a plain HTML form (or a browser asking for HTML) rather than a script. */
export function wantsHtml(event: ApiEvent): boolean {
  const contentType = header(event, 'content-type') ?? '';
  const accept = header(event, 'accept') ?? '';
  return (
    contentType.startsWith('application/x-www-form-urlencoded') || (accept.includes('text/html') && !accept.includes('application/json'))
  );
}

/** Segments a form name may not have: following them would change every object's prototype. */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * Turns the form's flat `a.b=1` names into `{ a: { b: '1' } }` so one schema reads both formats. The objects have
 * no prototype, and a name with a `__proto__`, `prototype` or `constructor` segment is refused, so no form can
 * change anything beyond the object it builds.
 */
function formToObject(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const [name, value] of params) {
    const path = name.split('.');
    const forbidden = path.find((segment) => FORBIDDEN_SEGMENTS.has(segment));
    if (forbidden) {
      throw new ValidationError([{ field: name, message: `A field may not be named "${forbidden}". Remove it and send again.` }]);
    }
    let node = out;
    for (const segment of path.slice(0, -1)) {
      const next = node[segment];
      if (typeof next === 'object' && next !== null && !Array.isArray(next)) node = next as Record<string, unknown>;
      else node = node[segment] = Object.create(null);
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
export function parseWith<S extends z.core.$ZodType>(schema: S, value: unknown): z.output<S> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const problems: FieldProblem[] = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return { field: issue.keys.join(', '), message: 'This field is not expected here. Remove it and send again.' };
    }
    return { field: issue.path.join('.') || '(body)', message: issue.message };
  });
  throw new ValidationError(problems, { cause: result.error });
}
