import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { readBody } from '../../../src/lambda/http/request.ts';
import { toApiEvent } from '../../../src/local/api-server.ts';

/** A request as node:http hands it to the local API. */
const request = (contentType?: string) =>
  ({
    url: '/api/submissions',
    method: 'POST',
    headers: { host: 'localhost:4321', ...(contentType && { 'content-type': contentType }) },
    socket: { remoteAddress: '127.0.0.1' },
  }) as unknown as IncomingMessage;

describe('the local API hands a function its request body as API Gateway does', () => {
  it.each([
    ['application/x-www-form-urlencoded', 'name=Ada+L%C3%B6velace&consent=on', true],
    ['multipart/form-data; boundary=x', '--x--', true],
    [undefined, 'name=Ada', true],
    ['application/json; charset=utf-8', '{"name":"Ada"}', false],
    ['text/plain', 'hello', false],
  ])('%s: base64-encoded %s', (contentType, body, encoded) => {
    const event = toApiEvent(request(contentType), Buffer.from(body), '/api/submissions', {});
    expect(event.isBase64Encoded).toBe(encoded);
    expect(event.body).toBe(encoded ? Buffer.from(body).toString('base64') : body);
  });

  it('reads a plain form post as the function would in AWS, accents included', () => {
    const event = toApiEvent(
      request('application/x-www-form-urlencoded'),
      Buffer.from('name=Ada+L%C3%B6velace&consent=on'),
      '/api/submissions',
      {},
    );
    const body = readBody(event);
    expect(body.format).toBe('form');
    expect(body.value).toMatchObject({ name: 'Ada Lövelace', consent: 'on' });
  });
});
