import { ensureTable, startDynamo, startSes } from '../../src/local/stand-ins.ts';

declare module 'vitest' {
  interface ProvidedContext {
    /** dynalite's endpoint for this run. */
    dynamoEndpoint: string;
    /** aws-ses-v2-local's endpoint (and inbox) for this run. */
    sesEndpoint: string;
  }
}

/** Starts dynalite and aws-ses-v2-local on free loopback ports, the way the local stack does. */
export async function startStandIns(): Promise<{ dynamoEndpoint: string; sesEndpoint: string; stop(): Promise<void> }> {
  const dynamo = await startDynamo(0);
  const ses = await startSes(0);
  return {
    dynamoEndpoint: dynamo.endpoint,
    sesEndpoint: ses.endpoint,
    stop: async () => {
      await ses.stop();
      await dynamo.stop();
    },
  };
}

/** A fresh table (named for the test file) with the production key design. */
export async function createTestTable(dynamoEndpoint: string, prefix: string): Promise<string> {
  const name = `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
  await ensureTable(dynamoEndpoint, name);
  return name;
}
