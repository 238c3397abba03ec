import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { inert, inertLine, neutralised, table, toCsv } from '../../../src/cli/format.ts';

/** Every C0 and C1 control character and DEL: none may reach the operator's terminal as it is. */
const CONTROLS = /(?!\n)\p{Cc}/u;

describe('what the operator’s terminal is shown', () => {
  it.each([
    ['a window title', 'Ada\u001b]0;pwned\u0007', 'Ada␛]0;pwned␇'],
    ['an OSC 52 clipboard write', '\u001b]52;c;Y3VybCBldmlsLnNo\u0007', '␛]52;c;Y3VybCBldmlsLnNo␇'],
    ['a hidden OSC 8 link', '\u001b]8;;https://evil.example\u001b\\click', '␛]8;;https://evil.example␛\\click'],
    ['a carriage return and cursor movement forging a line', 'ok\r\u001b[1AGrade A', 'ok␍␛[1AGrade A'],
    ['a C1 control sequence introducer', 'x\u009b31mred', 'x<U+009B>31mred'],
  ])('makes %s visible, never live', (_what, attack, shown) => {
    expect(inert(attack)).toBe(shown);
    expect(inert(attack)).not.toMatch(CONTROLS);
  });

  it('keeps a message’s line breaks, and shows them where a value must stay on one line', () => {
    expect(inert('one\ntwo')).toBe('one\ntwo');
    expect(inertLine('one\ntwo\rthree')).toBe('one␊two␍three');
    expect(table(['name'], [['Ada\n  Grade A']])).not.toContain('\n  Grade A');
  });
});

describe('the CSV the operator opens in a spreadsheet', () => {
  const attacks = ['=1+2', 'Ann;=1+2;', 'Line one\n=HYPERLINK("http://evil.example")', 'x\t@SUM(A1)', '\t=cmd', '+44 20 7946 0000'];
  const csv = toCsv(attacks.map((value, i) => ({ id: i, value })));
  /** Whether a cell, or any part of it a naive import would split off, starts like a formula. */
  const live = (cell: string) => cell.split(/[\r\n;\t]/).some((part) => /^[=+\-@]/.test(part));

  it.each([',', ';'])('holds no formula when read with "%s" as the separator', (delimiter) => {
    const rows = parseCsv(csv.replace(/^\uFEFF/, ''), { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
    for (const cell of rows.flat()) expect(live(cell), JSON.stringify(cell)).toBe(false);
  });

  it('quotes every cell, and keeps the text as written after its apostrophes', () => {
    const rows = parseCsv(csv, { columns: true, bom: true }) as { value: string }[];
    expect(rows.map((r) => r.value)).toEqual(attacks.map((a) => neutralised(a)));
    expect(rows[1]?.value).toBe("Ann;'=1+2;");
    expect(csv.split('\r\n')[1]).toMatch(/^"0","'=1\+2"$/);
  });
});
