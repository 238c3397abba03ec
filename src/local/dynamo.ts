import type { Server } from 'node:http';
import { Worker } from 'node:worker_threads';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import dynaliteModule from 'dynalite';
import { tableDesign } from '../lambda/table-design.ts';
import { listen, PortInUseError } from './servers.ts';

const dynalite = ((dynaliteModule as unknown as { default?: typeof dynaliteModule }).default ?? dynaliteModule) as typeof dynaliteModule;

/** Local credentials: the stand-ins accept any. */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };
export const localRegion = 'us-east-1';

/** Starts dynalite on loopback in this thread; with `dataDir` its data survives restarts. */
export async function startDynamo(port: number, dataDir?: string): Promise<{ server: Server; endpoint: string }> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(dataDir ? { path: dataDir } : {}) });
  const actual = await listen(server, port, 'DynamoDB (dynalite)', 'DYNAMODB_PORT');
  return { server, endpoint: `http://127.0.0.1:${actual}` };
}

/**
 * Starts dynalite on its own thread (the local stack's choice: the handlers and the database then use both cores,
 * as they would in AWS); with `dataDir` its data survives restarts.
 */
export async function startDynamoThread(port: number, dataDir?: string): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const worker = new Worker(new URL('./dynalite-worker.mjs', import.meta.url), { workerData: { port, dataDir } });
  const actual = await new Promise<number>((resolvePort, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: { port?: number; error?: { code: string } }) => {
      if (message.port !== undefined) resolvePort(message.port);
      else
        reject(
          message.error?.code === 'EADDRINUSE'
            ? new PortInUseError('DynamoDB (dynalite)', port, 'DYNAMODB_PORT')
            : new Error(String(message.error?.code)),
        );
    });
  });
  return {
    endpoint: `http://127.0.0.1:${actual}`,
    stop: async () => {
      const closed = new Promise<void>((done) => worker.once('message', () => done()));
      worker.postMessage('close');
      await Promise.race([closed, new Promise((r) => setTimeout(r, 2000))]);
      await worker.terminate();
    },
  };
}

/** Creates the table from the same design the CDK stack uses, unless it exists. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: localRegion, credentials: localCredentials });
  const attributes = new Map<string, string>();
  const key = (k: { name: string; type: string }) => attributes.set(k.name, k.type);
  key(tableDesign.partitionKey);
  key(tableDesign.sortKey);
  for (const index of tableDesign.globalSecondaryIndexes) {
    key(index.partitionKey);
    key(index.sortKey);
  }
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
          AttributeName,
          AttributeType: AttributeType as 'S',
        })),
        KeySchema: [
          { AttributeName: tableDesign.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: tableDesign.sortKey.name, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: tableDesign.globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
            { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await client.send(new DescribeTableCommand({ TableName: tableName }));
  client.destroy();
}
