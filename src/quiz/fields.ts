import * as z from 'zod';

/** Characters that would let a value break out of one line: CR, LF, NUL, U+2028, U+2029. */
const LINE_BREAKING = /[\r\n\0\u2028\u2029]/;

/**
 * A trimmed one-line text field of at most `max` characters; line breaks and NUL are refused so the value
 * is safe in an email header or subject.
 * @example singleLineText(100).parse('  Ada  ') // 'Ada'
 */
export function singleLineText(max: number, min = 1) {
  return z
    .string({ error: 'Enter text here.' })
    .refine((value) => !LINE_BREAKING.test(value), 'Use a single line: line breaks are not allowed here.')
    .transform((value) => value.trim())
    .pipe(
      z
        .string()
        .min(min, min === 1 ? 'This field is required.' : `Enter at least ${min} characters.`)
        .max(max, `Keep this under ${max + 1} characters.`),
    );
}

/** An optional one-line field: an empty or blank value (as a plain form sends) counts as absent. */
export function optionalSingleLineText(max: number) {
  return z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), singleLineText(max).optional());
}

/** An email address, trimmed and lower-cased in the domain; one line by construction. */
export const emailAddress = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .max(254, 'This email address is too long.')
  .pipe(z.email({ error: 'Enter an email address like name@example.com.' }))
  .transform((value) => {
    const at = value.lastIndexOf('@');
    return `${value.slice(0, at)}@${value.slice(at + 1).toLowerCase()}`;
  });

/** A client-generated request id (a UUID), used to recognise the same request sent twice. */
export const requestId = z.uuid({ error: 'The request id must be a UUID. Reload the page and send the form again.' });

/** A honeypot field: hidden from people, so any value in it means the sender is a bot. */
export const honeypot = z.string().max(500).optional();
