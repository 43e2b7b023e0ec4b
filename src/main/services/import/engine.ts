/**
 * What the import worker does with one file: load it, analyse a sheet, run a mapping over it.
 * Plain functions, so unit tests can call them in-process as well as through the worker.
 */
import type { CellValue, ColumnInfo, Confidence, ImportMapping, SheetSummary } from '../../../shared/api/channels/import';
import { buildHeaders, dangerousHeader, describeColumns, findHeaderRow, looksLikeData } from './headers';
import { ImportRefusal } from './limits';
import { headRows, loadFile, sheetSummaries, type LoadedFile } from './read';
import { readGroups, type RowsOutput } from './rows';
import { measureOfTitle } from './vocabulary';

export interface Analysis {
  sheets: SheetSummary[];
  sheet: string;
  headerRow: number;
  headerRows: number;
  headers: string[];
  columns: ColumnInfo[];
  sample: CellValue[][];
  dataRows: number;
  headerless: boolean;
  titles: string[];
  measure: { proposed: 'fte' | 'headcount' | null; confidence: Confidence; reason: string };
}

export function load(bytes: Uint8Array, fileName: string): { file: LoadedFile; sheets: SheetSummary[] } {
  const file = loadFile(bytes, fileName);
  return { file, sheets: sheetSummaries(file) };
}

const HEAD = 60;

const cellText = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : String(v).trim());

/** The measure the titles, the group row of a cross-tab or the value columns' headings state. */
function measureOf(titles: string[], headers: string[], columns: ColumnInfo[]): Analysis['measure'] {
  const valueHeadings = columns.filter((c) => c.field === 'value').map((c) => c.header);
  const said = measureOfTitle([...titles, ...valueHeadings]);
  if (said === 'both') return { proposed: null, confidence: 'unsure', reason: 'the titles mention both FTE and headcount' };
  if (said)
    return {
      proposed: said.measure,
      confidence: 'sure',
      reason: `"${said.text.length > 80 ? `${said.text.slice(0, 80)}…` : said.text}" says ${said.measure === 'fte' ? 'FTE' : 'headcount'}`,
    };
  if (headers.length === 0) return { proposed: null, confidence: 'unsure', reason: 'nothing in the file says' };
  return { proposed: null, confidence: 'unsure', reason: 'no title or heading says whether the figures are FTE or headcount' };
}

export function analyse(file: LoadedFile, sheet: string, headerRow: number | undefined, staffGroups: string[]): Analysis {
  const sheets = sheetSummaries(file);
  const rows = headRows(file, sheet, HEAD + 12);
  const known = new Set(staffGroups);
  let width = 0;
  for (const r of rows) if (r.length > width) width = r.length;
  let index = headerRow !== undefined ? headerRow - 1 : findHeaderRow(rows, known);
  if (rows.length === 0) throw new ImportRefusal(`Sheet "${sheet}" of "${file.fileName}" is empty: there is nothing to import. Choose another sheet.`);
  // The first row is data, as wide as the table (so not a title): the sheet has no headings, and its columns go by number.
  const firstRow = rows.find((r) => r.some((v) => cellText(v) !== '')) ?? [];
  const filledOf = (r: CellValue[]) => r.filter((v) => cellText(v) !== '').length;
  const widest = Math.max(...rows.slice(0, 40).map(filledOf));
  const headerless = index < 0 || (headerRow === undefined && filledOf(firstRow) >= widest * 0.6 && looksLikeData(firstRow, known));
  if (headerless) index = -1;
  const { headers, headerRows } = headerless ? { headers: new Array<string>(width).fill(''), headerRows: 0 } : buildHeaders(rows, index, width);
  const bad = dangerousHeader(headers);
  if (bad !== null) {
    throw new ImportRefusal(
      `Sheet "${sheet}" of "${file.fileName}" has a column headed "${bad}", a name the importer refuses because it can corrupt the program's data. Rename the column and import again.`,
    );
  }
  const below = rows.slice(index + 1, index + 1 + HEAD);
  const columns = describeColumns(headers, known, below);
  const hidden = new Set(columns.filter((c) => c.field === 'personal' || c.field === 'date_of_birth').map((c) => c.index));
  const sample = rows
    .slice(index + 1, index + 11)
    .map((r) => Array.from({ length: width }, (_, c) => (hidden.has(c) && r[c] !== null && r[c] !== undefined && r[c] !== '' ? '•••' : (r[c] ?? null))));
  // Titles: the rows above the headings with a cell or two (and the group row of a two-row heading).
  const titles: string[] = [];
  for (let i = 0; i < index; i++) {
    const cells = (rows[i] ?? []).map(cellText).filter((x) => x !== '');
    if (cells.length > 0 && (cells.length <= 2 || (headerRows === 2 && i === index - 1))) titles.push(cells.join(' '));
  }
  const summary = sheets.find((s) => s.name === sheet);
  return {
    sheets,
    sheet,
    headerRow: index + 1,
    headerRows,
    headers,
    columns,
    sample,
    dataRows: Math.max(0, (summary?.rows ?? 0) - index - 1),
    headerless,
    titles,
    measure: measureOf(titles, headers, columns),
  };
}

export function run(file: LoadedFile, mapping: ImportMapping, headers: string[], onProgress: (f: number) => void): Promise<RowsOutput> {
  return readGroups(file, mapping, headers, onProgress);
}
