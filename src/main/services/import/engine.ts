/**
 * What the import worker does with one file: load it, analyse a sheet, run a mapping over it.
 * Plain functions, so unit tests can call them in-process as well as through the worker.
 */
import type { CellValue, ColumnInfo, ImportMapping, SheetSummary } from '../../../shared/api/channels/import';
import { buildHeaders, dangerousHeader, describeColumns, findHeaderRow } from './headers';
import { ImportRefusal } from './limits';
import { headRows, loadFile, sheetSummaries, type LoadedFile } from './read';
import { readGroups, type RowsOutput } from './rows';

export interface Analysis {
  sheets: SheetSummary[];
  sheet: string;
  headerRow: number;
  headerRows: number;
  headers: string[];
  columns: ColumnInfo[];
  sample: CellValue[][];
  dataRows: number;
}

export function load(bytes: Uint8Array, fileName: string): { file: LoadedFile; sheets: SheetSummary[] } {
  const file = loadFile(bytes, fileName);
  return { file, sheets: sheetSummaries(file) };
}

const HEAD = 60;

export function analyse(file: LoadedFile, sheet: string, headerRow: number | undefined, staffGroups: string[]): Analysis {
  const sheets = sheetSummaries(file);
  const rows = headRows(file, sheet, HEAD + 12);
  const known = new Set(staffGroups);
  const index = headerRow !== undefined ? headerRow - 1 : findHeaderRow(rows, known);
  if (index < 0 || rows.length === 0) {
    throw new ImportRefusal(`Sheet "${sheet}" of "${file.fileName}" has no row that looks like column headings. Choose another sheet, or add a header row to the file.`);
  }
  let width = 0;
  for (const r of rows) if (r.length > width) width = r.length;
  const { headers, headerRows } = buildHeaders(rows, index, width);
  const bad = dangerousHeader(headers);
  if (bad !== null) {
    throw new ImportRefusal(`Sheet "${sheet}" of "${file.fileName}" has a column headed "${bad}", a name the importer refuses because it can corrupt the program's data. Rename the column and import again.`);
  }
  const columns = describeColumns(headers, known);
  const hidden = new Set(columns.filter((c) => c.field === 'personal' || c.field === 'date_of_birth').map((c) => c.index));
  const sample = rows
    .slice(index + 1, index + 11)
    .map((r) => Array.from({ length: width }, (_, c) => (hidden.has(c) && r[c] !== null && r[c] !== undefined && r[c] !== '' ? '•••' : (r[c] ?? null))));
  const summary = sheets.find((s) => s.name === sheet);
  return { sheets, sheet, headerRow: index + 1, headerRows, headers, columns, sample, dataRows: Math.max(0, (summary?.rows ?? 0) - index - 1) };
}

export function run(file: LoadedFile, mapping: ImportMapping, headers: string[], onProgress: (f: number) => void): Promise<RowsOutput> {
  return readGroups(file, mapping, headers, onProgress);
}
