import { describe, expect, it } from 'vitest';
import { assessment } from '../../../src/assessment.ts';
import { bookingLink, bookingNote, talkHref } from '../../../src/quiz/booking.ts';

describe('bookingLink', () => {
  const known = {
    name: 'Zoë O’Brien & Co',
    email: 'zoe+ops@example.com',
    note: bookingNote('https://example.com/assessment/?r=a b#c', assessment.resultName),
  };

  it('fills in Cal.com’s name, email and notes, each URL-encoded so nothing leaks into another parameter', () => {
    const link = new URL(bookingLink({ url: 'https://cal.com/acme/intro?duration=30', provider: 'cal.com' }, known));
    expect(link.origin + link.pathname).toBe('https://cal.com/acme/intro');
    expect(Object.fromEntries(link.searchParams)).toEqual({
      duration: '30',
      name: 'Zoë O’Brien & Co',
      email: 'zoe+ops@example.com',
      notes: 'My Integration Readiness result: https://example.com/assessment/?r=a b#c',
    });
    // The raw text never appears unencoded: '&' would start a new parameter, '#' would end the query, '+' would be a space.
    expect(link.search).not.toMatch(/& Co|#c|zoe\+ops/);
    expect(link.hash).toBe('');
  });

  it('fills in Calendly’s name, email and its first custom answer (a1)', () => {
    const link = new URL(bookingLink({ url: 'https://calendly.com/acme/30min', provider: 'calendly' }, known));
    expect(link.searchParams.get('name')).toBe(known.name);
    expect(link.searchParams.get('email')).toBe(known.email);
    expect(link.searchParams.get('a1')).toBe(known.note);
  });

  it('leaves out what is not known, and links any other booking page as it is', () => {
    expect(bookingLink({ url: 'https://cal.com/acme', provider: 'cal.com' }, { note: 'n' })).toBe('https://cal.com/acme?notes=n');
    expect(bookingLink({ url: 'https://book.example.com/x?y=1', provider: 'other' }, known)).toBe('https://book.example.com/x?y=1');
  });
});

describe('talkHref', () => {
  it('opens the contact form carrying the result, or the plain form without one', () => {
    expect(talkHref('abc/def+1')).toBe('/contact/?result=abc%2Fdef%2B1');
    expect(talkHref(null)).toBe('/contact/');
  });
});
