import { parseDelimited } from '../../../shared/delimited';

/**
 * Reading the text Excel (and LibreOffice, Google Sheets) puts on the clipboard for a block of
 * cells: tab-separated, by the rules of shared/delimited.ts (quoted cells hold tabs, newlines and
 * doubled quotes; the last row's line ending is optional). A line break inside a cell, which Excel
 * writes as CRLF, reads as one newline. Blank cells stay as "" (a blank pasted cell clears the value).
 */
export function parseTsv(text: string): string[][] {
  const rows = parseDelimited(text, '\t');
  for (const row of rows) for (let c = 0; c < row.length; c++) if (row[c]!.includes('\r')) row[c] = row[c]!.replace(/\r\n/g, '\n');
  return rows;
}

/** The block's width: rows may be ragged when trailing blank cells were dropped by the source. */
export function blockWidth(block: string[][]): number {
  return block.reduce((w, r) => Math.max(w, r.length), 0);
}
