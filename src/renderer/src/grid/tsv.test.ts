import { describe, expect, it } from 'vitest';
import { blockWidth, parseTsv } from './tsv';

describe('parseTsv (text copied from Excel)', () => {
  it('reads tab-separated rows with the trailing newline Excel adds', () => {
    expect(parseTsv('1\t2\t3\r\n4\t5\t6\r\n')).toEqual([
      ['1', '2', '3'],
      ['4', '5', '6'],
    ]);
  });

  it('accepts LF endings and a missing final newline', () => {
    expect(parseTsv('a\tb\nc\td')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('keeps thousands separators and percent signs for the cell parser', () => {
    expect(parseTsv('1,234\t12%\t£5,000\r\n')).toEqual([['1,234', '12%', '£5,000']]);
  });

  it('keeps blank cells, including leading, trailing and whole blank rows', () => {
    expect(parseTsv('\t5\t\r\n\t\t\r\n7\t\t8\r\n')).toEqual([
      ['', '5', ''],
      ['', '', ''],
      ['7', '', '8'],
    ]);
  });

  it('reads one blank cell copied on its own as one blank cell', () => {
    expect(parseTsv('\r\n')).toEqual([['']]);
  });

  it('reads quoted cells holding tabs, newlines and doubled quotes as Excel writes them', () => {
    expect(parseTsv('"line one\nline two"\t"a\tb"\t"say ""hi"""\r\nx\ty\tz\r\n')).toEqual([
      ['line one\nline two', 'a\tb', 'say "hi"'],
      ['x', 'y', 'z'],
    ]);
    // Excel writes CRLF inside a quoted cell too: it reads as one newline.
    expect(parseTsv('"a\r\nb"\tc\r\n')).toEqual([['a\nb', 'c']]);
  });

  it('treats a quote in the middle of a cell, or an unclosed one, as text', () => {
    expect(parseTsv('5" pipe\tx\r\n')).toEqual([['5" pipe', 'x']]);
    expect(parseTsv('"oops\tx\r\n')).toEqual([['"oops', 'x']]);
  });

  it('reads a single value with no line ending', () => {
    expect(parseTsv('42')).toEqual([['42']]);
    expect(parseTsv('')).toEqual([]);
  });

  it('measures ragged rows by the widest', () => {
    expect(blockWidth(parseTsv('1\t2\t3\n4\n'))).toBe(3);
  });
});
