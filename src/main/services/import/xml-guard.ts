/**
 * Checks on a package's XML before SheetJS expands it (docs/ARCHITECTURE.md, "Hostile files"): nesting deeper
 * than any spreadsheet needs, OpenDocument rows and cells repeated into billions of cells, and
 * run-away shared strings. Each is a scan of the bytes, never a parse that builds anything.
 */
import { LIMITS, ImportRefusal } from './limits';

/**
 * True when tags nest more than `limit` deep. Comments, processing instructions and self-closing
 * tags do not nest. One pass over the bytes, with no call per tag: a worksheet of 600,000
 * cells is scanned in a few tens of milliseconds.
 */
export function xmlDeeperThan(b: Uint8Array, limit: number): boolean {
  let depth = 0;
  let opening = false;
  const n = b.length;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 60) {
      const next = b[i + 1];
      if (next === 47) depth--;
      else opening = next !== 63 && next !== 33;
    } else if (c === 62 && opening) {
      opening = false;
      if (b[i - 1] !== 47 && ++depth > limit) return true;
    }
  }
  return false;
}

const count = (b: Uint8Array, needle: string): number => {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  let n = 0;
  for (let i = buf.indexOf(needle); i !== -1; i = buf.indexOf(needle, i + needle.length)) n++;
  return n;
};

/** The number of the last row a worksheet part holds (its rows are in order), or 0 when rows carry no numbers. */
export function lastRowNumber(b: Uint8Array): number {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const at = buf.lastIndexOf('<row ');
  if (at === -1) return 0;
  const m = /^<row\b[^>]*?\br="(\d+)"/.exec(buf.toString('latin1', at, Math.min(buf.length, at + 300)));
  return m ? Number(m[1]) : 0;
}

/** The number of strings (`<si>` elements) in a sharedStrings part. */
export const countSharedStrings = (b: Uint8Array): number => count(b, '<si>') + count(b, '<si ');

/** The number of cells in a worksheet part that show a shared string. */
export const countStringCells = (b: Uint8Array): number => count(b, ' t="s"');

/**
 * Shared strings run away when there are millions of them, or many more than the sheets show:
 * SheetJS reads every one before the first cell.
 */
export function sharedStringsRunAway(strings: number, stringCells: number): boolean {
  return strings > LIMITS.sharedStrings || (strings > 10_000 && strings > 4 * stringCells + 1_000);
}

const REPEATED = /number-(?:rows|columns)-repeated="\d{5,}"/;
const TAG = /<(\/?)table:(table-row|table-cell|covered-table-cell)\b([^>]*?)(\/?)>/g;
const repeatOf = (attrs: string, which: 'rows' | 'columns') => Number(new RegExp(`table:number-${which}-repeated="(\\d+)"`).exec(attrs)?.[1] ?? 1);

/**
 * Refuses an OpenDocument sheet whose repeated rows or cells would expand past the importer's
 * caps. Only repeats of cells with something in them count: LibreOffice itself writes empty rows
 * repeated a million times at the foot of every sheet, and those cost nothing.
 */
export function checkOdsRepeats(content: Uint8Array, fileName: string): void {
  const text = new TextDecoder('latin1').decode(content);
  if (!REPEATED.test(text)) return;
  const bomb = (what: string) =>
    new ImportRefusal(
      `"${fileName}" repeats rows or cells of figures ${what} (a "bomb" that is small until it is expanded): it was not read. Save the sheet you need as CSV and import that.`,
    );
  let rowRepeat = 1;
  let rowCells = 0;
  let cells = 0;
  let rows = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(text); m !== null; m = TAG.exec(text)) {
    const [, closing, tag, attrs = '', selfClosing] = m;
    if (tag === 'table-row') {
      if (closing) {
        if (rowCells > 0) {
          rows += rowRepeat;
          cells += rowRepeat * rowCells;
          if (rows > LIMITS.sheetRows) throw bomb(`to more than ${LIMITS.sheetRows.toLocaleString('en-GB')} rows`);
          if (cells > LIMITS.cells) throw bomb(`to more than ${LIMITS.cells.toLocaleString('en-GB')} cells`);
        }
      } else {
        rowRepeat = repeatOf(attrs, 'rows');
        rowCells = 0;
      }
      continue;
    }
    if (closing) continue;
    // A cell with a value, or with content (not self-closing), is a cell of figures.
    if (selfClosing && !/office:value-type=/.test(attrs)) continue;
    rowCells += repeatOf(attrs, 'columns');
    if (rowCells > LIMITS.columns) throw bomb(`to more than ${LIMITS.columns.toLocaleString('en-GB')} columns`);
  }
}
