/**
 * Reading the text Excel (and LibreOffice, Google Sheets) puts on the clipboard for a block of
 * cells: rows end with CRLF or LF, cells are separated by tabs, and a cell holding a tab, a
 * newline or a quote is wrapped in double quotes with its quotes doubled. The last row's line
 * ending is optional. Blank cells stay as "" (a blank pasted cell clears the value).
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const n = text.length;
  // At the start of each cell, a leading quote means a quoted cell.
  let atCellStart = true;
  while (i < n) {
    const ch = text[i]!;
    if (atCellStart && ch === '"') {
      // A quoted cell: read to the closing quote ("" is one quote).
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < n) {
        const c = text[j]!;
        if (c === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          closed = true;
          j += 1;
          break;
        }
        value += c;
        j += 1;
      }
      const next = text[j];
      if (closed && (j >= n || next === '\t' || next === '\n' || next === '\r')) {
        cell = value.replace(/\r\n/g, '\n');
        i = j;
        atCellStart = false;
        continue;
      }
      // Not a well-formed quoted cell (a quote is just part of the text): read it plainly.
    }
    atCellStart = false;
    if (ch === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      i += 1;
    }
  }
  // The final row, unless the text ended with a line ending (Excel always adds one).
  if (!atCellStart || cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** The block's width: rows may be ragged when trailing blank cells were dropped by the source. */
export function blockWidth(block: string[][]): number {
  return block.reduce((w, r) => Math.max(w, r.length), 0);
}
