import { ServiceUnavailableError } from '../errors.ts';

const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
]);

/** Whether the SDK error is a conditional-check failure (the item exists / the claim was lost). */
export function isConditionFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** Turns DynamoDB throttling and outages (after the SDK's own retries) into a 503 the caller may retry. */
export function translateDynamoError(error: unknown): unknown {
  if (error instanceof Error) {
    const fault = (error as { $fault?: string }).$fault;
    if (THROTTLING.has(error.name) || fault === 'server' || (error as { code?: string }).code === 'ECONNREFUSED') {
      return new ServiceUnavailableError('Our database is busy right now and nothing was saved. Please try again in a few seconds.', 5, {
        cause: error,
      });
    }
  }
  return error;
}
