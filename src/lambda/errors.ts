import type { FieldProblem } from '../quiz/api-contract.ts';

/** The backend's named errors; `describeError` (http/response.ts) maps each to what the caller sees. */

/** The request body failed validation; nothing was stored or sent. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    readonly problems: FieldProblem[],
    options?: ErrorOptions,
  ) {
    super(`The request has ${problems.length} invalid field(s): ${problems.map((p) => p.field).join(', ')}.`, options);
  }
}

/** The request body is larger than the endpoint accepts. */
export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes, the most this endpoint accepts. Shorten it and send it again.`);
  }
}

/** The request body is in a format the endpoint does not read. */
export class UnsupportedMediaTypeError extends Error {
  override readonly name = 'UnsupportedMediaTypeError';
  constructor(readonly received: string) {
    super(
      `The request body is sent as "${received || 'no content type'}", which this endpoint does not read. Send application/json or application/x-www-form-urlencoded.`,
    );
  }
}

/** The body could not be parsed as the content type it claims. */
export class MalformedBodyError extends Error {
  override readonly name = 'MalformedBodyError';
}

/** The same id was already used for a different request. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

/** No such resource, or it has expired. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** The route exists but not for this method. */
export class MethodNotAllowedError extends Error {
  override readonly name = 'MethodNotAllowedError';
  constructor(readonly allowed: string[]) {
    super(`This address does not accept that method. Use ${allowed.join(' or ')}.`);
  }
}

/** The caller sent too many requests; try again after `retryAfterSeconds`. */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A dependency (DynamoDB) is throttling or unavailable; the request was not completed and can be sent again. */
export class ServiceUnavailableError extends Error {
  override readonly name = 'ServiceUnavailableError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The request did not come through the site's CDN (missing or wrong origin secret). */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
}

/** The mail service refused this message for good (bad address, unverified sender...): do not retry. */
export class EmailRejectedError extends Error {
  override readonly name = 'EmailRejectedError';
}

/** The mail service could not take the message now (throttling, 5xx): try again later. */
export class EmailDeferredError extends Error {
  override readonly name = 'EmailDeferredError';
}

/** The webhook's receiver refused the event for good (a 4xx other than 408 and 429): do not retry. */
export class WebhookRejectedError extends Error {
  override readonly name = 'WebhookRejectedError';
}

/** The webhook's receiver could not take the event now (5xx, 408, 429, a timeout, no connection): try again later. */
export class WebhookDeferredError extends Error {
  override readonly name = 'WebhookDeferredError';
}
