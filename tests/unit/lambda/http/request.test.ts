import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseWith, readBody } from '../../../../src/lambda/http/request.ts';
import { apiEvent } from '../../../helpers/events.ts';

describe('readBody', () => {
  it('reads JSON, including a base64-encoded body', () => {
    const body = Buffer.from('{"a":1}').toString('base64');
    const event = { ...apiEvent({ path: '/x', body, contentType: 'application/json; charset=utf-8' }), isBase64Encoded: true };
    expect(readBody(event)).toEqual({ format: 'json', value: { a: 1 } });
  });

  it('reads a form, turning dotted names into nested objects and repeats into arrays', () => {
    const event = apiEvent({ path: '/x', body: 'a=1&contact.name=Ada&tag=x&tag=y', contentType: 'application/x-www-form-urlencoded' });
    expect(readBody(event).value).toEqual({ a: '1', contact: { name: 'Ada' }, tag: ['x', 'y'] });
  });

  it.each(['__proto__.polluted', 'contact.__proto__.polluted', 'constructor.prototype.polluted', 'a.prototype'])(
    'refuses a form field named %s with a 400 naming it, and changes no prototype',
    (name) => {
      const event = apiEvent({ path: '/x', body: `${encodeURIComponent(name)}=yes&a=1`, contentType: 'application/x-www-form-urlencoded' });
      expect(() => readBody(event)).toThrowError(
        expect.objectContaining({ problems: [{ field: name, message: expect.stringMatching(/may not be named/) }] }),
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    },
  );

  it('refuses a body over the limit before parsing it', () => {
    const event = apiEvent({ path: '/x', body: `"${'x'.repeat(100)}`, contentType: 'application/json' });
    expect(() => readBody(event, 50)).toThrowErrorMatchingInlineSnapshot(
      `[PayloadTooLargeError: The request body is larger than 50 bytes, the most this endpoint accepts. Shorten it and send it again.]`,
    );
  });

  it('explains malformed JSON and unknown content types', () => {
    expect(() => readBody(apiEvent({ path: '/x', body: '{', contentType: 'application/json' }))).toThrowErrorMatchingInlineSnapshot(
      `[MalformedBodyError: The request body is not valid JSON. Send a JSON object.]`,
    );
    expect(() => readBody(apiEvent({ path: '/x', body: 'a', contentType: 'text/plain' }))).toThrowErrorMatchingInlineSnapshot(
      `[UnsupportedMediaTypeError: The request body is sent as "text/plain", which this endpoint does not read. Send application/json or application/x-www-form-urlencoded.]`,
    );
  });
});

describe('parseWith', () => {
  it('reports every problem with the field it belongs to', () => {
    const schema = z.object({ name: z.string().min(1, 'Enter a name.'), age: z.number() }).strict();
    try {
      parseWith(schema, { name: '', age: 'x', extra: 1 });
      expect.unreachable();
    } catch (error) {
      expect((error as { problems: unknown }).problems).toEqual([
        { field: 'name', message: 'Enter a name.' },
        { field: 'age', message: expect.stringContaining('number') },
        { field: 'extra', message: 'This field is not expected here. Remove it and send again.' },
      ]);
    }
  });
});
