import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { submissionBody } from '../../fixtures/answers.ts';
import { realBackend } from '../../helpers/backend.ts';
import { apiEvent, jsonPost } from '../../helpers/events.ts';
import { createTestTable } from '../../helpers/stand-ins.ts';

/** A CRM's catch hook: checks each signature with the Standard Webhooks library, and fails as it is told to. */
interface Received {
  id: string;
  verified: boolean;
  status: number;
  event: { type: string; data: Record<string, unknown> };
}

const dynamoEndpoint = inject('dynamoEndpoint');
const sesEndpoint = inject('sesEndpoint');
const secret = `whsec_${randomBytes(32).toString('base64')}`;
const received: Received[] = [];
/** How many more requests the receiver answers with 500. */
let failNext = 0;
let server: Server;
let url = '';
let tableName = '';

beforeAll(async () => {
  tableName = await createTestTable(dynamoEndpoint, 'webhooks');
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const headers = req.headers as IncomingHttpHeaders & Record<string, string>;
      let verified = true;
      try {
        new Webhook(secret).verify(body, headers);
      } catch {
        verified = false;
      }
      const status = !verified ? 401 : failNext > 0 ? 500 : 204;
      if (status === 500) failNext -= 1;
      received.push({ id: String(headers['webhook-id']), verified, status, event: JSON.parse(body) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/catch`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const system = (webhookSecret = secret) =>
  realBackend({ dynamoEndpoint, sesEndpoint, tableName, env: { WEBHOOK_URL: url, WEBHOOK_SECRET: webhookSecret } });

describe('signed webhooks, to a receiver that verifies them with the Standard Webhooks library', () => {
  it('are retried after the receiver answers 500 twice, under one id, and delivered once', async () => {
    // Prepare
    const { backend, clock, stores } = system();
    const email = `hook-${randomUUID().slice(0, 8)}@example.com`;
    const body = submissionBody({ contact: { name: 'Ada', email, company: 'Acme', consent: true } });
    const mine = () => received.filter((r) => r.event.data.submissionId === body.submissionId);
    failNext = 2;
    // Act: the visitor's request queues it; the sweep sends it, and again after each backoff; then more sweeps.
    await backend.submissions(jsonPost('/api/submissions', body));
    expect(mine()).toEqual([]);
    await backend.sweep();
    clock.advance(60_000);
    await backend.sweep();
    clock.advance(2 * 60_000);
    await backend.sweep();
    clock.advance(10 * 60_000);
    await backend.sweep();
    // Assess
    expect(mine().map((r) => [r.event.type, r.status, r.verified])).toEqual([
      ['lead.created', 500, true],
      ['lead.created', 500, true],
      ['lead.created', 204, true],
    ]);
    expect(new Set(mine().map((r) => r.id))).toEqual(new Set([`msg_${body.submissionId}_lead.created`]));
    expect(mine()[2]?.event.data).toMatchObject({ email, name: 'Ada', company: 'Acme', grade: 'A' });
    const owner = { type: 'submission' as const, id: body.submissionId };
    expect(await stores.outbox.get({ kind: 'webhook:lead.created', owner })).toMatchObject({ state: 'sent', attempts: 3 });
  });

  it('tell the CRM nothing of answers without details, then of details left later and of an unsubscribe, each once', async () => {
    const { backend, clock } = system();
    const body = submissionBody();
    const { token } = JSON.parse((await backend.submissions(jsonPost('/api/submissions', body))).body ?? '{}');
    clock.advance(60_000);
    const email = `later-${randomUUID().slice(0, 8)}@example.com`;
    const contact = { ...jsonPost(`/api/results/${token}/contact`, { name: 'Bo', email, consent: false }), pathParameters: { token } };
    await backend.sweep();
    await backend['results-contact'](contact);
    await backend['results-contact'](contact);
    await backend.sweep();
    const unsubscribe = apiEvent({ method: 'POST', path: '/api/unsubscribe', query: { t: token } });
    await backend.unsubscribe(unsubscribe);
    await backend.unsubscribe(unsubscribe);
    await backend.sweep();
    const mine = received.filter((r) => r.event.data.submissionId === body.submissionId);
    expect(mine.map((r) => [r.event.type, r.event.data.email ?? null, r.status])).toEqual([
      ['lead.contact_added', email, 204],
      ['person.unsubscribed', email, 204],
    ]);
  });

  it('signed with another secret, are refused by the receiver and kept as failed', async () => {
    const { backend, stores } = system(`whsec_${randomBytes(32).toString('base64')}`);
    const body = submissionBody({ contact: { name: 'Eve', email: `eve-${randomUUID().slice(0, 8)}@example.com`, consent: false } });
    await backend.submissions(jsonPost('/api/submissions', body));
    await backend.sweep();
    expect(received.filter((r) => r.event.data.submissionId === body.submissionId).map((r) => r.status)).toEqual([401]);
    const owner = { type: 'submission' as const, id: body.submissionId };
    expect(await stores.outbox.get({ kind: 'webhook:lead.created', owner })).toMatchObject({
      state: 'failed',
      lastError: expect.stringContaining('401'),
    });
  });
});
