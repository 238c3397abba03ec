import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';
import { VIEWER_IP_HEADER } from '../lambda/edge-contract.ts';
import type { ApiEvent, ApiResult } from '../lambda/http.ts';

/** A Lambda handler as the API calls it. */
export type ApiHandler = (event: ApiEvent) => Promise<ApiResult>;

/** One route of the local API: the path pattern and the handler module's export. */
export interface LocalRoute {
  path: string;
  handler: ApiHandler;
}

/** API Gateway refuses bodies over 10 MB before any function runs; so does this server. */
const GATEWAY_BODY_LIMIT = 10 * 1024 * 1024;

/** Body types API Gateway passes as text; anything else arrives base64-encoded. */
const TEXT_TYPES = /^(text\/|application\/(json|x-www-form-urlencoded|xml))/;

/** Route paths compiled to patterns once, not on every request. */
const compiled = new Map<string, { pattern: RegExp; names: string[] }>();

function compile(path: string): { pattern: RegExp; names: string[] } {
  let entry = compiled.get(path);
  if (!entry) {
    const names: string[] = [];
    const pattern = new RegExp(
      `^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      })}$`,
    );
    entry = { pattern, names };
    compiled.set(path, entry);
  }
  return entry;
}

function matchRoute(routes: LocalRoute[], path: string): { route: LocalRoute; params: Record<string, string> } | null {
  for (const route of routes) {
    const { pattern, names } = compile(route.path);
    const match = pattern.exec(path);
    if (match) return { route, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1] ?? '')])) };
  }
  return null;
}

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
  const method = req.method ?? 'GET';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // The viewer IP comes from the socket, never from anything the client sent.
  headers[VIEWER_IP_HEADER] = req.socket.remoteAddress ?? '127.0.0.1';
  const contentType = headers['content-type'] ?? '';
  const isText = body.length === 0 || TEXT_TYPES.test(contentType);
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
        method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
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

function writeResult(res: ServerResponse, result: ApiResult): void {
  const headers: Record<string, string | string[]> = { ...(result.headers as Record<string, string>) };
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : undefined);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * The local API: maps each HTTP request under /api to the same Lambda handler AWS runs, through the
 * API Gateway v2 event shape. With `staticDir` it also serves the built site (as CloudFront does in AWS).
 */
/** Local-only controls: move the functions' clock, run the sweep now. Never deployed. */
export interface LocalControls {
  advanceClock(ms: number): Promise<Date>;
  sweep(): Promise<unknown>;
}

async function handleLocalControl(path: string, url: URL, controls: LocalControls, res: ServerResponse): Promise<void> {
  if (path === '/__local/clock') {
    const ms = Number(url.searchParams.get('advanceMs') ?? 'NaN');
    if (!Number.isFinite(ms) || ms < 0) return sendJson(res, 400, { message: 'Give ?advanceMs=<milliseconds to move forward>.' });
    return sendJson(res, 200, { now: (await controls.advanceClock(ms)).toISOString() });
  }
  if (path === '/__local/sweep') return sendJson(res, 200, { result: await controls.sweep() });
  return sendJson(res, 404, { message: 'Unknown local control. Use POST /__local/clock?advanceMs=… or POST /__local/sweep.' });
}

export function createApiServer(
  routes: LocalRoute[],
  options: { staticDir?: string; onError?: (error: unknown) => void; controls?: LocalControls } = {},
): Server {
  const staticDir = options.staticDir ?? '';
  const serveStatic = options.staticDir ? sirv(options.staticDir, { dev: false, etag: true, extensions: ['html'] }) : null;
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const path = url.pathname;
    if (options.controls && path.startsWith('/__local/') && req.method === 'POST') {
      handleLocalControl(path, url, options.controls, res).catch((error: unknown) => {
        options.onError?.(error);
        if (!res.headersSent) sendJson(res, 500, { message: String(error) });
      });
      return;
    }
    if (!path.startsWith('/api/')) {
      if (serveStatic) {
        serveStatic(req, res, () => {
          // Like CloudFront's custom error response: the site's own 404 page, with status 404.
          readFile(join(staticDir, '404.html'))
            .then((page) => {
              res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
              res.end(page);
            })
            .catch(() => sendJson(res, 404, { message: 'Not Found' }));
        });
        return;
      }
      sendJson(res, 404, { message: 'Not Found' });
      return;
    }
    const found = matchRoute(routes, path);
    if (!found) {
      sendJson(res, 404, { message: 'Not Found' });
      return;
    }
    readRequestBody(req)
      .then(async (body) => {
        if (body === null) return sendJson(res, 413, { message: 'Request Entity Too Large' });
        writeResult(res, await found.route.handler(toApiEvent(req, body, found.route.path, found.params)));
      })
      .catch((error: unknown) => {
        options.onError?.(error);
        if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
        else res.destroy();
      });
  });
}
