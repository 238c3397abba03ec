import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FunctionAccess } from '../../src/lambda/routes.ts';
import { keyPrefixes } from '../../src/lambda/table-design.ts';

/**
 * A loopback proxy in front of dynalite that allows one function exactly what IAM would grant it from its declared
 * access (routes.ts): GetItem on the kinds it reads, PutItem and UpdateItem on the kinds it writes, Query on the
 * partitions and indexes it declares. Anything else gets AccessDeniedException, as in AWS, and is recorded.
 */
export async function startAccessGuard(target: string, access: FunctionAccess) {
  const targetUrl = new URL(target);
  const denied: string[] = [];
  const kindOf = (pk: string) => Object.entries(keyPrefixes).find(([, prefix]) => pk.startsWith(prefix))?.[0];
  type Body = {
    Key?: { pk?: { S?: string } };
    Item?: { pk?: { S?: string } };
    IndexName?: string;
    KeyConditionExpression?: string;
    ExpressionAttributeValues?: Record<string, { S?: string }>;
  };
  const allowed = (operation: string, body: Body) => {
    if (operation === 'Query' && body.IndexName !== undefined)
      return (access.queriesIndexes as readonly string[] | undefined)?.includes(body.IndexName) ?? false;
    if (operation === 'Query') {
      // The partition a table query reads: the value compared with pk in its key condition.
      const placeholder = /\bpk = (:\w+)/.exec(body.KeyConditionExpression ?? '')?.[1] ?? '';
      const kind = kindOf(body.ExpressionAttributeValues?.[placeholder]?.S ?? '');
      return (access.queries as readonly string[] | undefined)?.includes(kind ?? '') ?? false;
    }
    const kind = kindOf(body.Key?.pk?.S ?? body.Item?.pk?.S ?? '');
    if (operation === 'GetItem') return (access.reads as readonly string[]).includes(kind ?? '');
    if (operation === 'PutItem' || operation === 'UpdateItem') return (access.writes as readonly string[]).includes(kind ?? '');
    return false;
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const operation = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const body = JSON.parse(raw.toString() || '{}');
      if (!allowed(operation, body)) {
        denied.push(`${operation} ${body.Key?.pk?.S ?? body.Item?.pk?.S ?? body.IndexName ?? ''}`);
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'AccessDeniedException' });
        res.end(JSON.stringify({ __type: 'com.amazon.coral.service#AccessDeniedException', message: 'Not authorized by the guard' }));
        return;
      }
      const upstream = request(
        { hostname: targetUrl.hostname, port: targetUrl.port, path: req.url, method: req.method, headers: req.headers },
        (response) => {
          res.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(res);
        },
      );
      upstream.end(raw);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** The calls that were refused, as `Operation pk`. */
    denied,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
