import type { ApiEvent } from '../../src/lambda/http/request.ts';

/** Builds an API Gateway v2 event as CloudFront + API Gateway would deliver it. */
export function apiEvent(options: {
  method?: string;
  path: string;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  sourceIp?: string;
}): ApiEvent {
  const method = options.method ?? 'POST';
  return {
    version: '2.0',
    routeKey: `ANY ${options.path}`,
    rawPath: options.path,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: {
      ...(options.contentType ? { 'content-type': options.contentType } : {}),
      'x-viewer-ip': options.sourceIp ?? '203.0.113.10',
      ...options.headers,
    },
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'example.test',
      domainPrefix: 'example',
      http: { method, path: options.path, protocol: 'HTTP/1.1', sourceIp: options.sourceIp ?? '203.0.113.10', userAgent: 'test' },
      requestId: 'req-1',
      routeKey: `ANY ${options.path}`,
      stage: '$default',
      time: '27/Nov/2026:00:00:00 +0000',
      timeEpoch: 0,
    },
    ...(options.body !== undefined ? { body: options.body } : {}),
    isBase64Encoded: false,
  };
}

/** A JSON POST event. */
export const jsonPost = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  apiEvent({ path, body: JSON.stringify(body), contentType: 'application/json', headers });

/** A form-encoded POST event, as a plain HTML form sends it. */
export const formPost = (path: string, fields: Record<string, string>) =>
  apiEvent({ path, body: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' });

/** A logger that keeps what it is told, for assertions (and keeps test output quiet). */
export function memoryLog() {
  const entries: { level: string; message: string; extra: Record<string, unknown>[] }[] = [];
  const at =
    (level: string) =>
    (message: string, ...extra: Record<string, unknown>[]) =>
      entries.push({ level, message, extra });
  return { entries, info: at('info'), warn: at('warn'), error: at('error') };
}
