/**
 * Reading a file's rows, whatever its format. Runs inside the import worker. Workbooks are
 * parsed by SheetJS after the zip guard; CSV and TSV are decoded and read in chunks (see shared/delimited.ts)
 * and aggregated as they are read, so that a million-row staff list is never held as rows.
 */
import { isUtf8 } from 'node:buffer';
import * as XLSX from 'xlsx';
import type { CellValue, SheetSummary } from '../../../shared/api/channels/import';
import { DelimitedReader } from '../../../shared/delimited';
import { LIMITS, ImportRefusal } from './limits';
import { gunzip, isGzip, singleSpreadsheet } from './container';
import { inspectZip } from './zip-guard';

export const SHEETJS_VERSION: string = XLSX.version;

interface SheetCell {
  v?: unknown;
  t?: string;
}
type DenseRows = (SheetCell[] | undefined)[];

export type LoadedFile =
  | { kind: 'book'; fileName: string; sheets: { name: string; data: DenseRows; columns: number }[] }
  | {
      kind: 'csv';
      fileName: string;
      sheet: string;
      bytes: Uint8Array;
      encoding: 'utf-8' | 'windows-1252';
      bom: boolean;
      delimiter: string;
      rowsEstimate: number;
    };

const WORKBOOK_EXTENSIONS = new Set(['xlsx', 'xlsm', 'xls', 'xlsb', 'ods']);
const TEXT_EXTENSIONS = new Set(['csv', 'tsv', 'txt']);

function extensionOf(fileName: string): string {
  const m = /\.([^.]+)$/.exec(fileName);
  return m ? m[1]!.toLowerCase() : '';
}

const notSupported = (fileName: string, what: string) =>
  new ImportRefusal(`"${fileName}" is ${what}, which the importer does not read. Save it from Excel as .xlsx or .csv and import that.`);

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

/**
 * Reads a file into rows. Throws ImportRefusal with one clear message for anything it cannot
 * read. `typeName` is the name the file's type is judged by (the file inside a .gz or .zip);
 * messages always name `fileName`, the file the user chose.
 */
export function loadFile(bytes: Uint8Array, fileName: string, typeName = fileName, inside = false): LoadedFile {
  const ext = extensionOf(typeName);
  if (bytes.length === 0) throw new ImportRefusal(`"${fileName}" is empty: there is nothing to import.`);
  const isZip = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]);
  const isCfb = startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  if (isGzip(bytes) && !inside) {
    const inner = gunzip(bytes, typeName);
    return loadFile(inner.bytes, fileName, inner.name, true);
  }
  if (isZip) {
    const { kind } = inspectZip(bytes, fileName);
    if (kind === 'numbers') throw notSupported(fileName, 'an Apple Numbers file');
    if (kind === 'other') {
      const inner = inside ? null : singleSpreadsheet(bytes, fileName);
      if (inner) return loadFile(inner.bytes, fileName, inner.name, true);
      throw new ImportRefusal(`"${fileName}" is a zip archive but not a spreadsheet, and holds no spreadsheet. Choose an .xlsx, .xls, .ods or .csv file.`);
    }
    return readBook(bytes, fileName);
  }
  if (isCfb) {
    if (!WORKBOOK_EXTENSIONS.has(ext) && ext !== '') throw notSupported(fileName, `a .${ext} file`);
    return readBook(bytes, fileName);
  }
  if (TEXT_EXTENSIONS.has(ext)) return openCsv(bytes, fileName, ext, csvSheetName({ fileName: typeName }));
  if (ext === 'xls' || ext === 'xlsx' || ext === 'xlsm' || ext === 'xlsb' || ext === 'ods') {
    // Old BIFF2–5 .xls files are not compound files; SheetJS reads them. Anything else with a
    // spreadsheet extension (HTML, XML, text renamed .xls) is refused rather than guessed at.
    if (bytes[0] === 0x09 || bytes[0] === 0x00 || bytes[0] === 0x02) return readBook(bytes, fileName);
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
    if (head.startsWith('<')) throw notSupported(fileName, 'a web page or XML file saved with a spreadsheet extension');
    throw new ImportRefusal(
      `"${fileName}" is not a spreadsheet: its contents do not match its .${ext} extension. Open it in Excel, save it as .xlsx, and import that.`,
    );
  }
  throw notSupported(fileName, ext ? `a .${ext} file` : 'a file without an extension');
}

function sheetJsMessage(err: unknown, fileName: string): ImportRefusal {
  const text = err instanceof Error ? err.message : String(err);
  if (/password|encrypt/i.test(text)) {
    return new ImportRefusal(`"${fileName}" is password-protected. Remove the password in Excel (File → Info → Protect Workbook), save, and import again.`);
  }
  if (/unsupported|not supported|unrecognized|corrupt|invalid|cannot find|missing|bad/i.test(text)) {
    return new ImportRefusal(
      `"${fileName}" could not be read as a spreadsheet: it may be damaged or in a format the importer does not read. Open it in Excel, save it as .xlsx, and import that.`,
    );
  }
  return new ImportRefusal(`"${fileName}" could not be read as a spreadsheet. Open it in Excel, save it as .xlsx, and import that.`);
}

function readBook(bytes: Uint8Array, fileName: string): LoadedFile {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, {
      type: 'buffer',
      dense: true,
      cellDates: false,
      cellFormula: false,
      cellHTML: false,
      cellText: false,
      cellStyles: false,
      cellNF: false,
      bookVBA: false,
      // One past the cap, so that a sheet over it can be told apart from one exactly at it.
      sheetRows: LIMITS.sheetRows + 1,
    });
  } catch (err) {
    if (err instanceof ImportRefusal) throw err;
    throw sheetJsMessage(err, fileName);
  }
  if (wb.SheetNames.length > LIMITS.sheets) {
    throw new ImportRefusal(
      `"${fileName}" has ${wb.SheetNames.length} sheets; the importer reads workbooks of up to ${LIMITS.sheets}. Copy the sheet you need into a new workbook and import that.`,
    );
  }
  const sheets: { name: string; data: DenseRows; columns: number }[] = [];
  let cells = 0;
  for (const name of wb.SheetNames) {
    const ws: (XLSX.WorkSheet & { '!data'?: DenseRows }) | undefined = wb.Sheets[name];
    // The declared range ("!ref") is ignored: only cells that are really there count.
    const data: DenseRows = ws?.['!data'] ?? [];
    if (data.length > LIMITS.sheetRows) {
      throw new ImportRefusal(
        `Sheet "${name}" of "${fileName}" has more than ${LIMITS.sheetRows.toLocaleString('en-GB')} rows, the most the importer reads from a workbook. Save the sheet as CSV (which is read in a stream, up to ${LIMITS.csvRows.toLocaleString('en-GB')} rows) or split it.`,
      );
    }
    let columns = 0;
    for (const row of data) {
      if (!row) continue;
      cells += row.length;
      if (row.length > columns) columns = row.length;
    }
    if (columns > LIMITS.columns) {
      throw new ImportRefusal(
        `Sheet "${name}" of "${fileName}" has ${columns.toLocaleString('en-GB')} columns; the importer reads up to ${LIMITS.columns.toLocaleString('en-GB')}. Delete the columns you do not need and import again.`,
      );
    }
    if (cells > LIMITS.cells) {
      throw new ImportRefusal(
        `"${fileName}" has more than ${LIMITS.cells.toLocaleString('en-GB')} cells, the most the importer reads from a workbook. Save the sheet you need as CSV and import that.`,
      );
    }
    sheets.push({ name, data, columns });
  }
  if (sheets.length === 0) throw new ImportRefusal(`"${fileName}" has no sheets: there is nothing to import.`);
  return { kind: 'book', fileName, sheets };
}

function detectDelimiter(sample: string, ext: string): string {
  if (ext === 'tsv') return '\t';
  const lines = sample
    .split(/\r?\n/)
    .slice(0, 30)
    .filter((l) => l.trim() !== '');
  let best = ',';
  let bestScore = -1;
  for (const d of [',', ';', '\t']) {
    // Count outside quotes, line by line: the delimiter is the one present most consistently.
    const counts = lines.map((l) => {
      let n = 0;
      let quoted = false;
      for (const ch of l) {
        if (ch === '"') quoted = !quoted;
        else if (ch === d && !quoted) n++;
      }
      return n;
    });
    const withIt = counts.filter((n) => n > 0).length;
    const score = withIt * 1000 + counts.reduce((a, b) => a + b, 0) / Math.max(1, lines.length);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

function openCsv(bytes: Uint8Array, fileName: string, ext: string, sheet: string): LoadedFile {
  const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new ImportRefusal(`"${fileName}" is saved as UTF-16 text. Save it again as "CSV UTF-8 (Comma delimited)" and import that.`);
  }
  if (bytes.subarray(0, 8192).includes(0))
    throw new ImportRefusal(`"${fileName}" is not a text file, so it cannot be read as CSV. Choose the spreadsheet or CSV file itself.`);
  const encoding = isUtf8(bytes) ? 'utf-8' : 'windows-1252';
  const sample = new TextDecoder(encoding).decode(bytes.subarray(bom ? 3 : 0, Math.min(bytes.length, 64 * 1024)));
  const delimiter = detectDelimiter(sample, ext);
  const sampleLines = sample.split('\n').length;
  const rowsEstimate = Math.max(1, Math.round((sampleLines * bytes.length) / Math.max(1, Math.min(bytes.length, 64 * 1024))));
  return { kind: 'csv', fileName, sheet, bytes, encoding, bom, delimiter, rowsEstimate };
}

export function sheetSummaries(file: LoadedFile): SheetSummary[] {
  if (file.kind === 'csv') return [{ name: file.sheet, rows: file.rowsEstimate, columns: 0 }];
  return file.sheets.map((s) => ({ name: s.name, rows: s.data.length, columns: s.columns }));
}

export function csvSheetName(file: { fileName: string }): string {
  return file.fileName.replace(/\.[^.]+$/, '');
}

function cellValue(c: SheetCell | undefined): CellValue {
  if (!c || c.v === undefined || c.v === null) return null;
  // An error cell (#N/A, #DIV/0!): kept as text so that a number column reports it.
  if (c.t === 'e') return '#ERROR';
  const v = c.v;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  return null;
}

function bookSheet(file: Extract<LoadedFile, { kind: 'book' }>, sheet: string) {
  const s = file.sheets.find((x) => x.name === sheet);
  if (!s) throw new ImportRefusal(`"${file.fileName}" has no sheet called "${sheet}". Its sheets are: ${file.sheets.map((x) => `"${x.name}"`).join(', ')}.`);
  return s;
}

function denseRow(row: SheetCell[] | undefined): CellValue[] {
  if (!row) return [];
  const out: CellValue[] = new Array<CellValue>(row.length);
  for (let i = 0; i < row.length; i++) out[i] = cellValue(row[i]);
  return out;
}

/** The first `n` rows of a sheet (for header detection and the raw preview). */
export function headRows(file: LoadedFile, sheet: string, n: number): CellValue[][] {
  if (file.kind === 'book') {
    // Array.from, not map: a sparse sheet has holes where rows are empty.
    const data = bookSheet(file, sheet).data;
    return Array.from({ length: Math.min(n, data.length) }, (_, i) => denseRow(data[i]));
  }
  const end = Math.min(file.bytes.length, (file.bom ? 3 : 0) + 512 * 1024);
  const text = new TextDecoder(file.encoding).decode(file.bytes.subarray(file.bom ? 3 : 0, end));
  const rows: string[][] = [];
  const reader = new DelimitedReader(file.delimiter, (r) => {
    if (rows.length < n) rows.push(r);
  });
  reader.push(text);
  // The last row may be cut at the 512 KB boundary: only a whole file's last row is kept.
  if (end === file.bytes.length) reader.end();
  return rows;
}

/**
 * Calls `onRow` for every row from `fromRow` (1-based) on; `onProgress` now and then. CSVs are
 * streamed. Throws ImportRefusal past the row cap.
 */
export function forEachRow(
  file: LoadedFile,
  sheet: string,
  fromRow: number,
  onRow: (row: CellValue[], rowNumber: number) => void,
  onProgress: (fraction: number) => void,
): Promise<number> {
  try {
    return Promise.resolve(forEachRowSync(file, sheet, fromRow, onRow, onProgress));
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}

function forEachRowSync(
  file: LoadedFile,
  sheet: string,
  fromRow: number,
  onRow: (row: CellValue[], rowNumber: number) => void,
  onProgress: (fraction: number) => void,
): number {
  if (file.kind === 'book') {
    const { data } = bookSheet(file, sheet);
    for (let r = fromRow - 1; r < data.length; r++) {
      onRow(denseRow(data[r]), r + 1);
      if ((r & 0x3fff) === 0) onProgress(r / data.length);
    }
    return data.length;
  }
  const bytes = file.bytes;
  const decoder = new TextDecoder(file.encoding);
  const CHUNK = 1 << 20;
  const start = file.bom ? 3 : 0;
  let offset = start;
  function* chunks(): Generator<string> {
    for (; offset < bytes.length; offset += CHUNK) {
      const end = Math.min(bytes.length, offset + CHUNK);
      yield decoder.decode(bytes.subarray(offset, end), { stream: end < bytes.length });
    }
  }
  let n = 0;
  const reader = new DelimitedReader(file.delimiter, (record) => {
    n++;
    if (n > LIMITS.csvRows) {
      throw new ImportRefusal(
        `"${file.fileName}" has more than ${LIMITS.csvRows.toLocaleString('en-GB')} rows, the most the importer reads. Split the file and import each part.`,
      );
    }
    if (n >= fromRow) onRow(record, n);
  });
  for (const chunk of chunks()) {
    reader.push(chunk);
    onProgress((offset - start) / Math.max(1, bytes.length - start));
  }
  reader.end();
  if (reader.unclosed) {
    throw new ImportRefusal(
      `"${file.fileName}" has a quote (") that is never closed, after row ${n.toLocaleString('en-GB')}: the rest of the file would be read as one cell. Check the quotes in the file, or open it in Excel and save it again.`,
    );
  }
  return n;
}
