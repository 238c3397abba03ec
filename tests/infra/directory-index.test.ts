import { describe, expect, it } from 'vitest';
import { DIRECTORY_INDEX } from '../../infra/constructs/static-site.ts';

/** The CloudFront function's own code, run as CloudFront runs it: `handler(event)`. */
const handler = new Function(`${DIRECTORY_INDEX}; return handler;`)() as (event: unknown) => {
  uri?: string;
  statusCode?: number;
  headers?: { location?: { value: string } };
};

type Query = Record<string, { value: string; multiValue?: { value: string }[] }>;
const request = (uri: string, querystring: Query = {}) =>
  handler({ request: { method: 'GET', uri, querystring, headers: {}, cookies: {} } });
const location = (uri: string, querystring: Query = {}) => request(uri, querystring).headers?.location?.value;

describe('the directory-index CloudFront function', () => {
  it("serves a directory's index page and leaves files alone", () => {
    expect(request('/contact/').uri).toBe('/contact/index.html');
    expect(request('/styles/site.css').uri).toBe('/styles/site.css');
  });

  it('redirects a directory without its slash to the same path with it', () => {
    expect(request('/contact')).toMatchObject({ statusCode: 301, headers: { location: { value: '/contact/' } } });
  });

  it.each([
    ['//evil.example/x', '/evil.example/x/'],
    ['/\\evil.example/x', '/evil.example/x/'],
    ['///evil.example/x', '/evil.example/x/'],
    ['/\\/evil.example/x', '/evil.example/x/'],
  ])('never redirects %s to another host', (uri, expected) => {
    const target = location(uri) ?? '';
    expect(target).toBe(expected);
    expect(new URL(target, 'https://paradigmai.co').host).toBe('paradigmai.co');
  });

  it('keeps the query string whole: values encoded once, repeated keys kept', () => {
    const query: Query = {
      utm_source: { value: 'news letter' },
      next: { value: 'a%26b%3Dc' },
      tag: { value: 'x', multiValue: [{ value: 'x' }, { value: 'y' }] },
    };
    const target = location('/assessment', query) ?? '';
    expect(target).toBe('/assessment/?utm_source=news%20letter&next=a%26b%3Dc&tag=x&tag=y');
    const params = new URL(target, 'https://paradigmai.co').searchParams;
    expect(params.get('next')).toBe('a&b=c');
    expect(params.getAll('tag')).toEqual(['x', 'y']);
  });
});
