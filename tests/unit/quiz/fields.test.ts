import { describe, expect, it } from 'vitest';
import { emailAddress, optionalSingleLineText, singleLineText } from '../../../src/quiz/fields.ts';

describe('singleLineText', () => {
  it.each(['\r', '\n', '\0', '\u2028', '\u2029'])('refuses a value containing %j', (char) => {
    const result = singleLineText(100).safeParse(`Ada${char}Bcc: x@example.com`);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Use a single line: line breaks are not allowed here.');
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

describe('emailAddress', () => {
  it('trims and lower-cases the domain only', () => {
    expect(emailAddress.parse('  Ada.Lovelace@Example.COM ')).toBe('Ada.Lovelace@example.com');
  });

  it.each(['ada', 'ada@', 'ada@example', 'a b@example.com', 'ada@example.com\r\nBcc: x@y.z'])('refuses %j', (value) => {
    expect(emailAddress.safeParse(value).success).toBe(false);
  });
});
