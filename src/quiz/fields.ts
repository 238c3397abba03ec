import * as z from './zod.ts';

/** Characters that would let a value break out of one line: CR, LF, NUL, U+2028, U+2029. */
const LINE_BREAKING = /[\r\n\0\u2028\u2029]/;

/**
 * Characters that hide or reorder text where a value is shown (an email subject, a greeting): every control
 * character (Unicode's Cc: tab, VT, FF, U+0085…), every invisible format character (Cf: zero-width space, soft
 * hyphen, direction marks, overrides and isolates, byte-order mark, tag characters…) and the Hangul fillers that
 * render as nothing. The zero-width joiner and non-joiner, which some scripts and emoji need, stay allowed.
 */
const HIDDEN = /(?![\u200C\u200D])[\p{Cc}\p{Cf}\u115F\u1160\u3164\uFFA0]/u;

/** Half of a surrogate pair without its other half: not a character at all. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** MIME encoded-word syntax (`=?utf-8?B?…?=`), which mail clients decode inside a subject. */
const ENCODED_WORD = /=\?[^?\s]*\?[bq]\?[^?\s]*\?=/i;

/**
 * A trimmed one-line text field of at most `max` characters; line breaks and NUL are refused so the value
 * is safe in an email header or subject.
 * @example singleLineText(100).parse('  Ada  ') // 'Ada'
 */
export function singleLineText(max: number, min = 1) {
  const typed = z.string({ error: 'Enter text here.' }).check(
    z.refine((value) => !LINE_BREAKING.test(value), 'Use a single line: line breaks are not allowed here.'),
    z.refine(
      (value) => !HIDDEN.test(value) && !LONE_SURROGATE.test(value),
      'Use plain text: control characters, invisible characters and text-direction overrides are not allowed here.',
    ),
    z.refine((value) => !ENCODED_WORD.test(value), 'Type the text itself: encoded email text (=?…?=) is not allowed here.'),
  );
  const trimmed = z
    .string()
    .check(
      z.minLength(min, min === 1 ? 'This field is required.' : `Enter at least ${min} characters.`),
      z.maxLength(max, `Keep this under ${max + 1} characters.`),
    );
  return z.pipe(
    z.pipe(
      typed,
      z.transform((value) => value.trim()),
    ),
    trimmed,
  );
}

/**
 * An optional one-line value the visitor did not type (a UTM parameter, the referrer): whatever a link carried is
 * cleaned rather than refused (line breaks, control and invisible characters and broken surrogate halves removed,
 * cut to `max` characters), so no visitor is ever refused for the address they arrived at.
 * @example cleanedText(10).parse('spring\u200Bsale') // 'springsale'
 */
export function cleanedText(max: number) {
  const clean = (value: unknown) => {
    if (typeof value !== 'string') return value;
    const oneLine = value.replace(new RegExp(LINE_BREAKING.source, 'g'), ' ');
    const cleaned = [...oneLine.replace(new RegExp(`${HIDDEN.source}|${LONE_SURROGATE.source}`, 'gu'), '')].slice(0, max).join('').trim();
    return cleaned === '' ? undefined : cleaned;
  };
  return z.optional(z.pipe(z.transform(clean), z.optional(z.string())));
}

/** An optional one-line field: an empty or blank value (as a plain form sends) counts as absent. */
export function optionalSingleLineText(max: number) {
  const blankIsAbsent = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
  return z.optional(z.pipe(z.transform(blankIsAbsent), z.optional(singleLineText(max))));
}

/**
 * What turns a name into a link or an address in an email: a scheme, `www.`, an `@`, or anything shaped like a
 * domain (a letter or digit, a dot, then two or more letters: `evil.click`, `x.gg`). "Dr. Jo" and "J. R. R." pass.
 */
const LINK_LIKE = /:\/\/|www\.|@|[\p{L}\p{N}]\.\p{L}{2,}/iu;

/**
 * A person's name: one line, and never a link, a web address or an email address, since emails greet people by it.
 * @example personName().safeParse('Visit www.example.com').success // false
 */
export function personName(max = 100) {
  return singleLineText(max).check(
    z.refine((value) => !LINK_LIKE.test(value), 'Enter just your name: web addresses, links and @ are not allowed here.'),
  );
}

/**
 * The first name to greet someone by: the first word of the name they gave.
 * @example firstName('  Ada   Lovelace ') // 'Ada'
 */
export const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? '';

/** One label of a domain name (RFC 1035, with the letters of internationalised names). */
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/** An email address, trimmed and lower-cased in the domain; one line by construction. */
export const emailAddress = z.pipe(
  z.pipe(
    z.string({ error: 'Enter your email address.' }).check(z.trim(), z.maxLength(254, 'This email address is too long.')),
    z.email({ error: 'Enter an email address like name@example.com.' }).check(
      // RFC 5321: at most 64 characters before the @; domain labels of 1 to 63 letters, digits and inner hyphens.
      z.refine((value) => value.lastIndexOf('@') <= 64, 'The part before the @ is longer than an email address allows (64 characters).'),
      z.refine(
        (value) =>
          value
            .slice(value.lastIndexOf('@') + 1)
            .split('.')
            .every((label) => DOMAIN_LABEL.test(label)),
        'The part after the @ is not a valid domain: each part between dots has up to 63 letters, digits or hyphens, and starts and ends with a letter or digit.',
      ),
    ),
  ),
  z.transform((value: string) => {
    const at = value.lastIndexOf('@');
    return `${value.slice(0, at)}@${value.slice(at + 1).toLowerCase()}`;
  }),
);

/**
 * A client-generated request id (a UUID), used to recognise the same request sent twice; lower-cased, as every
 * link made from it expects.
 */
export const requestId = z.pipe(
  z.uuid({ error: 'The request id must be a UUID. Reload the page and send the form again.' }),
  z.transform((id: string) => id.toLowerCase()),
);

/**
 * An identifier a page of this site sends (an assessment's id or version, a results token): letters, digits and
 * `. _ : -` only, so nothing else can ever reach a key, a log line or the consultancy's terminal.
 * @example identifier(40).safeParse('2026-11-27.1').success // true
 */
export function identifier(max: number) {
  return z
    .string()
    .check(
      z.minLength(1, 'This field is required.'),
      z.maxLength(max, `Keep this under ${max + 1} characters.`),
      z.regex(/^[A-Za-z0-9._:-]+$/, 'Send the value the page gave: letters, digits and . _ : - only.'),
    );
}

/**
 * Text of several lines a person writes (a message): line breaks and tabs allowed, but no other control character
 * (an escape sequence would reach the consultancy's terminal), no text-direction override (it would reorder what the
 * consultancy reads), no broken surrogate half. Invisible characters pasted with text (a soft hyphen) stay allowed.
 * @example multilineText(5000).safeParse('Hello\n\u001b]0;x\u0007').success // false
 */
export function multilineText(max: number, required: string) {
  return z.pipe(
    z.pipe(
      z
        .string({ error: required })
        .check(
          z.refine(
            (value) => !/(?![\t\n\r])\p{Cc}|[\u202A-\u202E\u2066-\u2069]/u.test(value) && !LONE_SURROGATE.test(value),
            'Use plain text: control characters and text-direction overrides are not allowed here.',
          ),
        ),
      z.transform((value: string) => value.trim()),
    ),
    z.string().check(z.minLength(1, required), z.maxLength(max, `Keep the message under ${max.toLocaleString('en-GB')} characters.`)),
  );
}

/** A honeypot field: hidden from people, so any value in it means the sender is a bot. */
export const honeypot = z.optional(z.string().check(z.maxLength(500)));
