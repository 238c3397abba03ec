import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';
import { VIEWER_HOST_HEADER, VIEWER_IP_HEADER } from '../lambda/edge-contract.ts';
import type { Backend } from '../lambda/functions/index.ts';
import type { ApiEvent } from '../lambda/http/request.ts';
import type { ApiResult } from '../lambda/http/response.ts';
import { apiRoutes } from '../lambda/routes.ts';
import { contentSecurityPolicy } from '../styles/content-security-policy.ts';

/** API Gateway refuses bodies over 10 MB before any function runs; so does this server. */
const GATEWAY_BODY_LIMIT = 10 * 1024 * 1024;
/**
 * Body types an HTTP API passes to a function as text. Anything else arrives base64-encoded, a plain HTML form's
 * `application/x-www-form-urlencoded` and a body with no type included, so the local stack does the same.
 */
const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript)\b)/;

/** Each route's path as a pattern, `{name}` capturing one segment. */
const routes = apiRoutes.map((route) => ({
  ...route,
  names: [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''),
  pattern: new RegExp(`^${route.path.replace(/\{\w+\}/g, '([^/]+)')}$`),
}));

/** Local-only controls (never deployed): move the backend's clock, run the sweep or the weekly digest now. */
export interface LocalControls {
  advanceClock(ms: number): Date;
  sweep(): Promise<unknown>;
  digest(): Promise<unknown>;
}

/** The request's body, or null past API Gateway's limit. */
async function readRequestBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > GATEWAY_BODY_LIMIT) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Builds the API Gateway HTTP API (payload 2.0) event that AWS would hand the function. */
export function toApiEvent(req: IncomingMessage, body: Buffer, routePath: string, params: Record<string, string>): ApiEvent {
  const url = new URL(req.url ?? '/', 'http://local');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // The viewer's IP comes from the socket and the host from the request line, replacing anything the client sent.
  const sourceIp = req.socket.remoteAddress ?? '127.0.0.1';
  headers[VIEWER_IP_HEADER] = sourceIp;
  headers[VIEWER_HOST_HEADER] = req.headers.host ?? '';
  const isText = body.length === 0 || TEXT_TYPES.test(headers['content-type'] ?? '');
  const query = Object.fromEntries(url.searchParams);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: `ANY ${routePath}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(req.headers.cookie ? { cookies: req.headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(params).length ? { pathParameters: params } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: req.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: `ANY ${routePath}`,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: !isText,
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Answers `POST /__local/clock?advanceMs=…`, `POST /__local/sweep` and `POST /__local/digest`. */
async function answerControl(url: URL, controls: LocalControls, res: ServerResponse): Promise<void> {
  const ms = Number(url.searchParams.get('advanceMs') ?? 'NaN');
  if (url.pathname === '/__local/clock' && !(ms >= 0))
    return sendJson(res, 400, { message: 'Give ?advanceMs=<milliseconds to move forward>.' });
  if (url.pathname === '/__local/clock') return sendJson(res, 200, { now: controls.advanceClock(ms).toISOString() });
  if (url.pathname === '/__local/sweep') return sendJson(res, 200, { result: await controls.sweep() });
  if (url.pathname === '/__local/digest') return sendJson(res, 200, { result: await controls.digest() });
  sendJson(res, 404, {
    message: 'Unknown local control. Use POST /__local/clock?advanceMs=…, POST /__local/sweep or POST /__local/digest.',
  });
}

/**
 * The local API: turns each request under /api into the API Gateway v2 event AWS would build and hands it to the
 * backend function of its route (routes.ts). With `staticDir` it also serves the built site, as CloudFront does: with
 * the same Content-Security-Policy (so what the policy would block in AWS is blocked here too) and the site's own 404.
 */
export function createApiServer(
  functions: Backend,
  options: { staticDir?: string; controls: LocalControls; onError?: (error: unknown) => void },
): Server {
  const { staticDir } = options;
  const serveStatic = staticDir && sirv(staticDir, { dev: false, etag: true, extensions: ['html'] });
  const policy = staticDir && contentSecurityPolicy();
  const notFoundPage = async (res: ServerResponse) => {
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(await readFile(join(staticDir ?? '', '404.html')));
  };

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (policy) res.setHeader('content-security-policy', policy);
    // A request the server cannot read (a malformed address or percent-encoding) gets a 400; it never stops the server.
    const url = URL.parse(req.url ?? '/', 'http://local');
    if (!url) return sendJson(res, 400, { message: 'The request address is not a valid URL.' });
    if (url.pathname.startsWith('/__local/') && req.method === 'POST') {
      // The controls are for the developer's own tools (curl, the tests), never for a page in a browser.
      const fromPage = req.headers.origin || (req.headers['sec-fetch-site'] && req.headers['sec-fetch-site'] !== 'none');
      return fromPage
        ? sendJson(res, 403, { message: 'The local controls answer only requests that no web page sent.' })
        : answerControl(url, options.controls, res);
    }
    if (!url.pathname.startsWith('/api/')) {
      if (!serveStatic) return sendJson(res, 404, { message: 'Not Found' });
      return serveStatic(req, res, () => notFoundPage(res).catch(() => sendJson(res, 404, { message: 'Not Found' })));
    }
    const route = routes.find((r) => r.pattern.test(url.pathname));
    if (!route) return sendJson(res, 404, { message: 'Not Found' });
    const values = route.pattern.exec(url.pathname)?.slice(1) ?? [];
    let params: Record<string, string>;
    try {
      params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(values[i] ?? '')]));
    } catch {
      return sendJson(res, 400, { message: 'The request address has a broken percent-encoding (such as %E0%A4%A).' });
    }
    const body = await readRequestBody(req);
    if (body === null) return sendJson(res, 413, { message: 'Request Entity Too Large' });
    const result: ApiResult = await functions[route.functionName](toApiEvent(req, body, route.path, params));
    res.writeHead(result.statusCode ?? 200, {
      ...(result.headers as Record<string, string>),
      ...(result.cookies?.length && { 'set-cookie': result.cookies }),
    });
    res.end(result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : undefined);
  }

  return createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
      else res.destroy();
    });
  });
}
