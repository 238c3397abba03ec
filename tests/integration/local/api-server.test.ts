import type { Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../../../src/local/api-server.ts';
import { close, listen } from '../../../src/local/stand-ins.ts';
import { fakeBackend } from '../../helpers/backend.ts';

let server: Server;
let base = '';
let clockMoves = 0;
let digests = 0;

beforeAll(async () => {
  const { backend } = fakeBackend();
  const controls = {
    advanceClock: () => {
      clockMoves += 1;
      return new Date();
    },
    sweep: async () => ({}),
    digest: async () => {
      digests += 1;
      return { week: '2026-W47', computed: true, outcome: 'sent' };
    },
  };
  server = createApiServer(backend, { controls });
  base = `http://127.0.0.1:${await listen(server, 0, 'test API', 'PORT')}`;
});
afterAll(() => close(server));

/** Sends a raw request line, as a client that does not check what it sends would, and returns the status line. */
function rawRequest(target: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(base).port), '127.0.0.1', () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    socket.on('end', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

describe('the local API server', () => {
  it.each([
    ['a broken percent-encoding in a path parameter', '/api/results/%E0%A4%A'],
    ['a request target that is not a URL', 'http://[::1'],
  ])('answers %s with 400 and keeps serving', async (_case, target) => {
    expect(await rawRequest(target)).toBe('HTTP/1.1 400 Bad Request');
    expect((await fetch(`${base}/api/results/nothing-here`)).status).toBe(404);
  });

  it("refuses the local controls to any web page, and answers them to the developer's own tools", async () => {
    const fromPage = await fetch(`${base}/__local/clock?advanceMs=1000`, { method: 'POST', headers: { origin: 'https://evil.example' } });
    const fromSite = await fetch(`${base}/__local/clock?advanceMs=1000`, { method: 'POST', headers: { origin: 'http://127.0.0.1:4321' } });
    expect([fromPage.status, fromSite.status]).toEqual([403, 403]);
    expect(clockMoves).toBe(0);
    const fromCurl = await fetch(`${base}/__local/clock?advanceMs=1000`, { method: 'POST' });
    expect(fromCurl.status).toBe(200);
    expect(clockMoves).toBe(1);
  });

  it('sends the weekly digest now when the developer asks, and says what it did', async () => {
    const response = await fetch(`${base}/__local/digest`, { method: 'POST' });
    expect(await response.json()).toEqual({ result: { week: '2026-W47', computed: true, outcome: 'sent' } });
    expect(digests).toBe(1);
  });
});
