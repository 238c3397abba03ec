import { describe, expect, it } from 'vitest';
import { ConflictError, RateLimitedError, ServiceUnavailableError } from '../../../../src/lambda/errors.ts';
import { describeError, errorResponse } from '../../../../src/lambda/http/response.ts';
import { apiEvent } from '../../../helpers/events.ts';

describe('describeError', () => {
  it.each([
    [new ConflictError('x'), 409, {}],
    [new RateLimitedError('slow down', 30), 429, { 'retry-after': '30' }],
    [new ServiceUnavailableError('busy', 5), 503, { 'retry-after': '5' }],
  ])('maps %s to its status and headers', (error, status, headers) => {
    expect(describeError(error)).toMatchObject({ status, headers });
  });

  it('hides the detail of an unexpected error behind a generic 500', () => {
    const result = errorResponse(apiEvent({ path: '/x', contentType: 'application/json' }), new Error('table arn:aws:... exploded'));
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('exploded');
    expect(JSON.parse(result.body ?? '').error.message).toMatch(/try again/);
  });
});
