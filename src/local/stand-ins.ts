import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import sesLocalModule from 'aws-ses-v2-local';
import dynaliteModule from 'dynalite';
import { tableDesign } from '../lambda/table-design.ts';
import { localCredentials, localRegion } from './running-stack.ts';

// Both are CommonJS modules; their default export arrives as `default` or as the module itself.
const dynalite = ((dynaliteModule as unknown as { default?: typeof dynaliteModule }).default ?? dynaliteModule) as typeof dynaliteModule;
const sesLocal = ((sesLocalModule as unknown as { default?: typeof sesLocalModule }).default ?? sesLocalModule) as typeof sesLocalModule;

/** A port was asked for and another program already listens on it. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
  constructor(what: string, port: number, envVar: string) {
    super(
      `Port ${port} (${what}) is already in use by another program, so the local stack cannot start.\n` +
        `Stop that program, or choose another port: ${envVar}=<port> npm start (0 picks a free one).`,
    );
  }
}

/** Starts a server on loopback; rejects with PortInUseError naming the port when it is taken. */
export function listen(server: Server, port: number, what: string, envVar: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(what, port, envVar) : error),
    );
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** Closes a server and its open connections. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A started stand-in: where to reach it, and how to stop it. */
export interface StandIn {
  endpoint: string;
  stop(): Promise<void>;
}

/** Starts dynalite (DynamoDB) on loopback; with `dataDir` its data survives restarts. */
export async function startDynamo(port: number, dataDir?: string): Promise<StandIn> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(dataDir && { path: dataDir }) });
  const actual = await listen(server, port, 'DynamoDB (dynalite)', 'DYNAMODB_PORT');
  return { endpoint: `http://127.0.0.1:${actual}`, stop: () => close(server) };
}

/**
 * Starts aws-ses-v2-local: the SES v2 API, and its web inbox at `/`. It cannot report a taken port (the error
 * escapes its promise), so a fixed port is checked with `reservePort` first.
 */
export async function startSes(port: number): Promise<StandIn> {
  const server: Server = await sesLocal({ host: '127.0.0.1', port });
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop: () => close(server) };
}

/**
 * Checks a fixed port is free, or finds a free one for 0, before anything starts: a taken port leaves nothing
 * half-started, and a server that must know its address first (the site's, a setting of the backend) gets one.
 */
export async function reservePort(port: number, what: string, envVar: string): Promise<number> {
  const probe = createServer();
  const free = await listen(probe, port, what, envVar);
  await close(probe);
  return free;
}

/** Creates the table from the same design the CDK stack uses, unless it exists. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials });
  const { partitionKey, sortKey, globalSecondaryIndexes } = tableDesign;
  const keys = [partitionKey, sortKey, ...globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey])];
  const keySchema = (hash: { name: string }, range: { name: string }) => [
    { AttributeName: hash.name, KeyType: 'HASH' as const },
    { AttributeName: range.name, KeyType: 'RANGE' as const },
  ];
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...new Map(keys.map((k) => [k.name, k.type])).entries()].map(([AttributeName, AttributeType]) => ({
          AttributeName,
          AttributeType,
        })),
        KeySchema: keySchema(partitionKey, sortKey),
        GlobalSecondaryIndexes: globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: keySchema(index.partitionKey, index.sortKey),
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  } finally {
    client.destroy();
  }
}
