import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { functionFromEnv } from '../../../src/lambda/backend.ts';
import { ORIGIN_SECRET_HEADER } from '../../../src/lambda/edge-contract.ts';
import { events } from '../../../src/lambda/functions/events.ts';
import { testEnv } from '../../helpers/backend.ts';
import { jsonPost } from '../../helpers/events.ts';

/** A Lambda invocation's context, as the runtime passes it. */
const context = (requestId: string) =>
  ({
    awsRequestId: requestId,
    functionName: 'ProductionSite-ApiEventsFunction',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-2:123456789012:function:ProductionSite-ApiEventsFunction',
    memoryLimitInMB: '512',
  }) as Context;

afterEach(() => vi.restoreAllMocks());

describe('the log of a function in AWS', () => {
  it('carries the request id, function name and cold start of the invocation on every line', async () => {
    // Prepare: the events function as its entry file builds it in Lambda.
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const handler = functionFromEnv(
      { ...testEnv, AWS_LAMBDA_FUNCTION_NAME: 'ProductionSite-ApiEventsFunction', ORIGIN_SECRET: 'through-cloudfront' },
      'events',
      events,
    ) as unknown as (event: unknown, context: Context) => Promise<{ statusCode: number }>;
    const refused = {
      ...jsonPost('/api/events', { step: 'nonsense' }),
      headers: { 'content-type': 'application/json', [ORIGIN_SECRET_HEADER]: 'through-cloudfront' },
    };
    // Act: two invocations, each refused (and logged).
    expect((await handler(refused, context('request-one'))).statusCode).toBe(400);
    expect((await handler(refused, context('request-two'))).statusCode).toBe(400);
    // Assess
    const logged = lines
      .flatMap((line) => line.split('\n'))
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const refusals = logged.filter((entry) => entry.message === 'request refused');
    expect(refusals.map((entry) => entry.function_request_id)).toEqual(['request-one', 'request-two']);
    expect(refusals[0]).toMatchObject({ function_name: 'ProductionSite-ApiEventsFunction', cold_start: expect.any(Boolean) });
  });
});
