import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An AWS error as the service would send it. */
export interface AwsFault {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** DynamoDB's throttling error (JSON 1.0 protocol). */
export const dynamoThrottling: AwsFault = {
  status: 400,
  headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'ProvisionedThroughputExceededException' },
  body: JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'Rate exceeded' }),
};

/** SES v2's outage error (REST JSON protocol). */
export const sesUnavailable: AwsFault = {
  status: 503,
  headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'ServiceUnavailableException' },
  body: JSON.stringify({ message: 'Service unavailable' }),
};

/** SES v2's permanent rejection. */
export const sesRejected: AwsFault = {
  status: 400,
  headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'MessageRejected' },
  body: JSON.stringify({ message: 'Email address is not verified.' }),
};

/**
 * A loopback proxy in front of a stand-in that answers with an AWS error while `failuresLeft` > 0 (or
 * forever with `failAll`), so the SDK's own retries run against real protocol errors.
 */
export async function startFaultProxy(target: string) {
  const targetUrl = new URL(target);
  const state = { failuresLeft: 0, failAll: false, fault: sesUnavailable, operation: '', faulted: 0, forwarded: 0, hang: false };
  const server: Server = createServer((req, res) => {
    // A service that takes the request and never answers.
    if (state.hang) {
      state.faulted += 1;
      req.resume();
      return;
    }
    // DynamoDB names the operation in X-Amz-Target, e.g. `DynamoDB_20120810.UpdateItem`.
    const targeted = !state.operation || String(req.headers['x-amz-target']).endsWith(`.${state.operation}`);
    if (targeted && (state.failAll || state.failuresLeft > 0)) {
      state.failuresLeft = Math.max(0, state.failuresLeft - 1);
      state.faulted += 1;
      req.resume();
      res.writeHead(state.fault.status, state.fault.headers);
      res.end(state.fault.body);
      return;
    }
    state.forwarded += 1;
    const upstream = request(
      { hostname: targetUrl.hostname, port: targetUrl.port, path: req.url, method: req.method, headers: req.headers },
      (response) => {
        res.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    /** Answers the next `count` requests with `fault`. */
    failNext(count: number, fault: AwsFault) {
      Object.assign(state, { failuresLeft: count, fault, failAll: false, operation: '' });
    },
    /** Answers every request (or every DynamoDB `operation`, e.g. `UpdateItem`) with `fault` until `recover()`. */
    failAlways(fault: AwsFault, operation = '') {
      Object.assign(state, { failAll: true, fault, operation });
    },
    /** Takes every request and never answers, until `recover()`. */
    hang() {
      state.hang = true;
    },
    recover() {
      Object.assign(state, { failAll: false, failuresLeft: 0, operation: '', hang: false });
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
