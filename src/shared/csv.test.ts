import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, isFormulaLike, neutraliseCsvText, toCsv, xlsxText } from './csv';

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r', '\0'];
/** Text that starts with a formula trigger, then anything. */
const dangerous = fc.tuple(fc.constantFrom(...TRIGGERS), fc.string({ unit: 'binary' })).map(([a, b]) => a + b);

function readBack(csv: string): string[][] {
  const rows: string[][] = parse(csv, { bom: true, relaxQuotes: false });
  return rows;
}

describe('CSV neutralisation', () => {
  it('flags exactly the six triggers and NUL as formula-like', () => {
    for (const t of TRIGGERS) expect(isFormulaLike(`${t}1+1`)).toBe(true);
    for (const t of ['a', '1', ' =', '£', "'", '"']) expect(isFormulaLike(`${t}=1`)).toBe(false);
    expect(isFormulaLike('')).toBe(false);
  });

  it('writes the classic payloads as text a spreadsheet will not evaluate', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe(`"'\t=1"`);
    expect(csvField('Nurse - band 5')).toBe('Nurse - band 5');
  });

  it('keeps numbers as numbers, including negatives that would look like formulas as text', () => {
    expect(csvField(-12.5)).toBe('-12.5');
    expect(csvField(0)).toBe('0');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(null)).toBe('');
  });

  it('property: any formula-like text reads back as the same text with one leading apostrophe', () => {
    fc.assert(
      fc.property(dangerous, fc.string(), (bad, other) => {
        const rows = readBack(toCsv(['a', 'b'], [[bad, other]]));
        const cell = rows[1]![0]!;
        expect(cell.startsWith("'")).toBe(true);
        expect(cell.slice(1)).toBe(bad);
        expect(isFormulaLike(cell)).toBe(false);
      }),
      { seed: 20261122, numRuns: 2000 },
    );
  });

  it('property: every text cell read back never starts with a trigger; numbers round-trip exactly', () => {
    const value = fc.oneof(fc.string({ unit: 'binary' }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
    fc.assert(
      fc.property(fc.array(fc.array(value, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const width = Math.max(...rows.map((r) => r.length));
        const padded = rows.map((r) => [...r, ...new Array<string>(width - r.length).fill('')]);
        const back = readBack(toCsv(new Array<string>(width).fill('h'), padded));
        padded.forEach((r, i) =>
          r.forEach((v, j) => {
            const got = back[i + 1]![j]!;
            if (typeof v === 'number') expect(Number(got)).toBe(Object.is(v, -0) ? 0 : v);
            else {
              expect(isFormulaLike(got)).toBe(false);
              expect(got).toBe(neutraliseCsvText(v));
            }
          }),
        );
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('starts with a byte order mark and uses CRLF line ends', () => {
    const csv = toCsv(['Role', 'FTE'], [['Nurse', 1.5]]);
    expect(csv).toBe('\uFEFFRole,FTE\r\nNurse,1.5\r\n');
  });

  it('drops characters XML cannot hold from xlsx text, keeping tab and new lines', () => {
    expect(xlsxText('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
  });
});
