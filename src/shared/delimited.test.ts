import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { DelimitedReader, parseDelimited } from './delimited';

function readAll(text: string, delimiter: string, chunk: number): string[][] {
  const rows: string[][] = [];
  const r = new DelimitedReader(delimiter, (row) => rows.push(row));
  for (let i = 0; i < text.length; i += chunk) r.push(text.slice(i, i + chunk));
  r.end();
  return rows;
}

const field = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', ' ', '1', '.', '£', 'é') }),
  fc.string({ unit: fc.constantFrom('a', ',', ';', '\t', '"', '\n', '\r\n', ' ') }).map((s) => `"${s.replace(/"/g, '""')}"`),
);

describe('DelimitedReader', () => {
  it('reads every generated CSV as csv-parse does, however the text is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(',', ';', '\t'),
        fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.integer({ min: 1, max: 17 }),
        (delimiter, rows, eol, chunk) => {
          const text = rows.map((r) => r.map((f) => (f.startsWith('"') ? f : f.replaceAll(delimiter, ''))).join(delimiter)).join(eol) + eol;
          const expected: unknown = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
          expect(readAll(text, delimiter, chunk)).toEqual(expected);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps a quote inside an unquoted field, and flags an unclosed quote', () => {
    expect(readAll('a,5" pipe,c\n', ',', 3)).toEqual([['a', '5" pipe', 'c']]);
    const rows: string[][] = [];
    const r = new DelimitedReader(',', (row) => rows.push(row));
    r.push('a,"never closed\nb,c\n');
    r.end();
    expect(r.unclosed).toBe(true);
  });
});

describe('parseDelimited', () => {
  it('reads quoted fields holding the delimiter, line breaks and doubled quotes', () => {
    expect(parseDelimited('a,"b,c","line\none","say ""hi"""\n', ',')).toEqual([['a', 'b,c', 'line\none', 'say "hi"']]);
    expect(parseDelimited('"x\ty"\t"1\r\n2"\r\n', '\t')).toEqual([['x\ty', '1\r\n2']]);
  });

  it('ends records at CRLF, LF or a lone CR, with or without a final line ending', () => {
    const rows = [
      ['1', '2'],
      ['3', '4'],
    ];
    expect(parseDelimited('1;2\r\n3;4\r\n', ';')).toEqual(rows);
    expect(parseDelimited('1;2\n3;4', ';')).toEqual(rows);
    expect(parseDelimited('1;2\r3;4\r', ';')).toEqual(rows);
    expect(parseDelimited('1;"2"\r3;4', ';')).toEqual(rows);
    expect(parseDelimited('', ';')).toEqual([]);
  });

  it('keeps blank fields and blank records, but makes no record of a trailing line ending', () => {
    expect(parseDelimited(',5,\n,,\n', ',')).toEqual([
      ['', '5', ''],
      ['', '', ''],
    ]);
    expect(parseDelimited('\r\n', ',')).toEqual([['']]);
    expect(parseDelimited('a\n""', ',')).toEqual([['a'], ['']]);
  });

  it('drops a byte order mark at the start only', () => {
    expect(parseDelimited('\uFEFFOrg,FTE\nRBD,\uFEFF2\n', ',')).toEqual([
      ['Org', 'FTE'],
      ['RBD', '\uFEFF2'],
    ]);
    expect(parseDelimited('\uFEFF"Org",FTE\n', ',')).toEqual([['Org', 'FTE']]);
  });

  it('keeps as text a quote inside a field, quotes followed by more text, and a quote never closed', () => {
    expect(parseDelimited('5" pipe,x\n', ',')).toEqual([['5" pipe', 'x']]);
    expect(parseDelimited('"a"b,"c"d"e",f\n', ',')).toEqual([['"a"b', '"c"d"e"', 'f']]);
    expect(parseDelimited('"oops\tx\r\ny\t"z\r\n', '\t')).toEqual([
      ['"oops', 'x'],
      ['y', '"z'],
    ]);
  });
});

describe('DelimitedReader across chunks', () => {
  it('joins a CRLF split between chunks into one line ending, and says where an unclosed quote began', () => {
    expect(readAll('a,b\r\nc,d\r\n', ',', 4)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    const r = new DelimitedReader(',', () => undefined);
    r.push('a,b\n');
    r.push('c,"never');
    r.end();
    expect(r.unclosedAt).toBe(6);
  });
});
