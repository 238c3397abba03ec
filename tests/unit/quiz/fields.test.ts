import { describe, expect, it } from 'vitest';
import { cleanedText, emailAddress, firstName, optionalSingleLineText, personName, singleLineText } from '../../../src/quiz/fields.ts';

describe('singleLineText', () => {
  it.each(['\r', '\n', '\0', '\u2028', '\u2029'])('refuses a value containing %j', (char) => {
    const result = singleLineText(100).safeParse(`Ada${char}Bcc: x@example.com`);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Use a single line: line breaks are not allowed here.');
  });

  it.each([
    ['a vertical tab', 'Ada\u000BLovelace'],
    ['a form feed', 'Ada\u000CLovelace'],
    ['a tab', 'Ada\tLovelace'],
    ['U+0085', 'Ada\u0085Lovelace'],
    ['a lone surrogate', 'Ada\uD800Lovelace'],
    ['a right-to-left override', 'Ada \u202Egnp.exe'],
    ['a left-to-right isolate', 'Ada \u2066x\u2069'],
    ['a zero-width space', 'Ad\u200Ba'],
    ['a byte-order mark', '\uFEFFAda'],
    ['a soft hyphen', 'Ada\u00ADLovelace'],
    ['a left-to-right mark', 'Ada\u200E'],
    ['an invisible tag character', 'Ada\u{E0041}'],
    ['a Hangul filler', 'Ada\u3164'],
  ])('refuses %s, naming what to type instead', (_case, value) => {
    expect(singleLineText(100).safeParse(value).error?.issues[0]?.message).toBe(
      'Use plain text: control characters, invisible characters and text-direction overrides are not allowed here.',
    );
  });

  it('refuses MIME encoded-word text, which mail clients would decode in a subject', () => {
    expect(singleLineText(100).safeParse('=?utf-8?B?SGVsbG8=?=').error?.issues[0]?.message).toBe(
      'Type the text itself: encoded email text (=?…?=) is not allowed here.',
    );
  });

  it.each(['José Ñúñez', 'Zoë', '李小龙', "O'Brien-Smith", 'محمد', 'Family 👨\u200D👩\u200D👧'])('keeps %j as it is', (value) => {
    expect(singleLineText(100).parse(value)).toBe(value);
  });

  it('trims and enforces the length after trimming', () => {
    expect(singleLineText(5).parse('  Ada  ')).toBe('Ada');
    expect(singleLineText(5).safeParse('   ').error?.issues[0]?.message).toBe('This field is required.');
    expect(singleLineText(5).safeParse('Adalovelace').error?.issues[0]?.message).toBe('Keep this under 6 characters.');
  });

  it('treats a blank optional field as absent', () => {
    expect(optionalSingleLineText(10).parse('  ')).toBeUndefined();
    expect(optionalSingleLineText(10).parse(undefined)).toBeUndefined();
    expect(optionalSingleLineText(10).parse(' Acme ')).toBe('Acme');
  });
});

describe('cleanedText', () => {
  it.each([
    ['spring\u200Bsale', 'springsale'],
    ['autumn\r\nsale', 'autumn  sale'],
    ['half an emoji \uD83D', 'half an emoji'],
    ['   ', undefined],
  ])('cleans %j to %j instead of refusing a value the visitor never typed', (value, cleaned) => {
    expect(cleanedText(200).parse(value)).toBe(cleaned);
  });

  it('cuts a value to its length without splitting a character', () => {
    expect(cleanedText(3).parse('ab😀cd')).toBe('ab😀');
  });
});

describe('personName', () => {
  it.each([
    'Visit https://evil.example',
    'www.evil.example',
    'ada@evil.example',
    'Claim your prize at evil.com now',
    'bit.ly/x',
    'scam.click',
    'Go x.gg',
  ])('refuses %j: emails greet people by it', (value) => {
    expect(personName().safeParse(value).error?.issues[0]?.message).toBe(
      'Enter just your name: web addresses, links and @ are not allowed here.',
    );
  });

  it.each(['Ada Lovelace', 'J. R. R. Tolkien', "Mary-Jane O'Neil", 'Dr. Jo March'])('accepts %j', (value) => {
    expect(personName().parse(value)).toBe(value);
  });
});

describe('firstName', () => {
  it.each([
    ['Ada Lovelace', 'Ada'],
    ['  Ada  ', 'Ada'],
    ['Zoë', 'Zoë'],
  ])('greets %j as %j', (name, first) => {
    expect(firstName(name)).toBe(first);
  });
});

describe('emailAddress', () => {
  it('trims and lower-cases the domain only', () => {
    expect(emailAddress.parse('  Ada.Lovelace@Example.COM ')).toBe('Ada.Lovelace@example.com');
  });

  it.each([
    'ada',
    'ada@',
    'ada@example',
    'a b@example.com',
    'ada@example.com\r\nBcc: x@y.z',
    `${'a'.repeat(65)}@example.com`,
    `ada@${'a'.repeat(64)}.com`,
    'ada@-example.com',
    'ada@example-.com',
  ])('refuses %j', (value) => {
    expect(emailAddress.safeParse(value).success).toBe(false);
  });
});
