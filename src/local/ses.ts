import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sesLocalModule from 'aws-ses-v2-local';
import { ensurePortFree } from './servers.ts';

const sesLocal = ((sesLocalModule as unknown as { default?: typeof sesLocalModule }).default ?? sesLocalModule) as typeof sesLocalModule;

/** Starts aws-ses-v2-local on loopback: the SES v2 API, and its web inbox at `/`. */
export async function startSes(port: number): Promise<{ server: Server; endpoint: string }> {
  await ensurePortFree(port, 'SES inbox (aws-ses-v2-local)', 'INBOX_PORT');
  const server = await sesLocal({ host: '127.0.0.1', port });
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
