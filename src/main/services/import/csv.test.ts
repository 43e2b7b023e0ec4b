import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvReader } from './csv';

function readAll(text: string, delimiter: string, chunk: number): string[][] {
  const rows: string[][] = [];
  const r = new CsvReader(delimiter, (row) => rows.push(row));
  for (let i = 0; i < text.length; i += chunk) r.push(text.slice(i, i + chunk));
  r.end();
  return rows;
}

const field = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', ' ', '1', '.', '£', 'é') }),
  fc.string({ unit: fc.constantFrom('a', ',', ';', '\t', '"', '\n', '\r\n', ' ') }).map((s) => `"${s.replace(/"/g, '""')}"`),
);

describe('CsvReader', () => {
  it('reads every generated CSV as csv-parse does, however the text is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(',', ';', '\t'),
        fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
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
    const r = new CsvReader(',', (row) => rows.push(row));
    r.push('a,"never closed\nb,c\n');
    r.end();
    expect(r.unclosed).toBe(true);
  });
});
