import { describe, expect, it } from 'vitest';
import { DIRECTORY_INDEX, VIEWER_HEADERS } from '../../infra/constructs/static-site.ts';

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

  it('keeps the query string whole: every value as the viewer sent it, repeated keys kept', () => {
    // CloudFront hands a function the query string values still encoded, as the viewer sent them.
    const query: Query = {
      utm_campaign: { value: 'spring+sale' },
      next: { value: 'a%26b%3Dc' },
      tag: { value: 'x', multiValue: [{ value: 'x' }, { value: 'y' }] },
    };
    const target = location('/assessment', query) ?? '';
    expect(target).toBe('/assessment/?utm_campaign=spring+sale&next=a%26b%3Dc&tag=x&tag=y');
    const params = new URL(target, 'https://paradigmai.co').searchParams;
    expect(params.get('utm_campaign')).toBe('spring sale');
    expect(params.get('next')).toBe('a&b=c');
    expect(params.getAll('tag')).toEqual(['x', 'y']);
  });
});

describe('the viewer-headers CloudFront function', () => {
  it("tells the API the viewer's IP and host, replacing whatever the client sent under those names", () => {
    const viewerHeaders = new Function(`${VIEWER_HEADERS}; return handler;`)() as (event: unknown) => {
      headers: Record<string, { value: string }>;
    };
    const forwarded = viewerHeaders({
      viewer: { ip: '203.0.113.7' },
      request: {
        headers: { host: { value: 'paradigmai.co' }, 'x-viewer-ip': { value: '10.0.0.1' }, 'x-viewer-host': { value: 'evil.example' } },
      },
    });
    expect(forwarded.headers['x-viewer-ip']).toEqual({ value: '203.0.113.7' });
    expect(forwarded.headers['x-viewer-host']).toEqual({ value: 'paradigmai.co' });
  });
});
