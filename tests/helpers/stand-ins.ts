import type { Server } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureTable, localCredentials, localRegion, startDynamo } from '../../src/local/dynamo.ts';
import { close } from '../../src/local/servers.ts';
import { startSes } from '../../src/local/ses.ts';

declare module 'vitest' {
  interface ProvidedContext {
    /** dynalite's endpoint for this run. */
    dynamoEndpoint: string;
    /** aws-ses-v2-local's endpoint (and inbox) for this run. */
    sesEndpoint: string;
  }
}

/** Starts dynalite and aws-ses-v2-local on free loopback ports. */
export async function startStandIns(): Promise<{ dynamoEndpoint: string; sesEndpoint: string; stop(): Promise<void> }> {
  const servers: Server[] = [];
  const dynamo = await startDynamo(0);
  servers.push(dynamo.server);
  const ses = await startSes(0);
  servers.push(ses.server);
  return {
    dynamoEndpoint: dynamo.endpoint,
    sesEndpoint: ses.endpoint,
    stop: async () => {
      for (const server of servers) await close(server);
    },
  };
}

/** A fresh table (named for the test file) with the production key design. */
export async function createTestTable(dynamoEndpoint: string, prefix: string): Promise<string> {
  const name = `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
  await ensureTable(dynamoEndpoint, name);
  return name;
}

/** Real SDK clients pointed at the stand-ins. */
export function standInClients(endpoints: { dynamoEndpoint: string; sesEndpoint: string }) {
  const common = { region: localRegion, credentials: localCredentials };
  const dynamo = new DynamoDBClient({ ...common, endpoint: endpoints.dynamoEndpoint });
  return {
    dynamo,
    doc: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
    ses: new SESv2Client({ ...common, endpoint: endpoints.sesEndpoint }),
  };
}
