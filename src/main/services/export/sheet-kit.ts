/**
 * The house style of the board workbook: bold headers, frozen panes, fitted widths, number
 * formats, RAG as text AND fill, sheet names Excel accepts. Every value goes through `put`, so
 * text is always a string cell (never a formula) and numbers stay numbers.
 */
import type ExcelJS from 'exceljs';
import { xlsxText, type OutputValue } from '../../../shared/csv';
import type { RagStatus } from '../../../shared/model/types';

export const FORMAT = {
  fte: '#,##0.0;-#,##0.0;0.0',
  heads: '#,##0',
  money: '£#,##0;-£#,##0;£0',
  percent: '0.0%',
  /** A gap: positive (a shortfall) in red with the word "short", a surplus with "over": never colour alone. */
  gap: '[Red]#,##0.0" short";#,##0.0" over";0.0',
  /** A flow that takes staff away (leavers, retirements), written negative in the bridge. */
  outflow: '#,##0.0;[Red]-#,##0.0;0.0',
  rate: '0.0%',
  years: '0.0#',
} as const;

const NHS_BLUE = 'FF005EB8';
const PALE_GREY = 'FFE8EDEE';
const RAG_FILL: Record<RagStatus, { fill: string; font: string; text: string }> = {
  green: { fill: 'FF009639', font: 'FFFFFFFF', text: 'Green: met' },
  amber: { fill: 'FFFFB81C', font: 'FF231F20', text: 'Amber: close' },
  red: { fill: 'FFDA291C', font: 'FFFFFFFF', text: 'Red: missed' },
  unknown: { fill: PALE_GREY, font: 'FF231F20', text: 'Not set' },
};

export const EXCEL_SHEET_NAME_MAX = 31;
const RESERVED = new Set(['history']);

/**
 * A sheet name Excel accepts: at most 31 characters, none of []:*?/\, not starting or ending
 * with an apostrophe, not "History", and unique in the workbook (case-insensitive).
 */
export function safeSheetName(wanted: string, taken: Set<string>): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  let base = wanted.replace(/[[\]:*?/\\\u0000-\u001F]/g, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '').trim();
  if (!base || RESERVED.has(base.toLowerCase())) base = `${base || 'Sheet'} (1)`;
  let name = base.slice(0, EXCEL_SHEET_NAME_MAX).trim();
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = `${base.slice(0, EXCEL_SHEET_NAME_MAX - suffix.length).trim()}${suffix}`;
  }
  taken.add(name.toLowerCase());
  return name;
}

export interface Column {
  header: string;
  /** Number format, or undefined for text. */
  format?: string;
  /** Minimum width in characters. */
  min?: number;
}

/** Writes one value: text as a string cell (cleaned for XML), numbers as numbers, nothing for null. */
export function put(cell: ExcelJS.Cell, value: OutputValue, format?: string): void {
  // An empty string is no value: an empty cell, as Excel and LibreOffice would save it.
  if (value === null || value === undefined || value === '') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return;
    cell.value = value;
    if (format) cell.numFmt = format;
  } else if (typeof value === 'boolean') {
    cell.value = value ? 'Yes' : 'No';
  } else {
    // A plain string: exceljs stores it as a shared string, which is never evaluated.
    cell.value = xlsxText(value);
    // A column's format on its text cells too ("suppressed" in a number column), so that a
    // bulk row's styles can be copied column by column (see SheetWriter.bulk).
    if (format) cell.numFmt = format;
  }
}

/**
 * Rows too many for exceljs to write quickly (the projection of a large plan): the first is
 * written by exceljs, which registers its styles; the rest are spliced into the sheet's XML at
 * write time with the same style per column (see ./fast-rows.ts).
 */
export interface BulkRows {
  sheet: string;
  /** Row number of the first spliced row. */
  firstRow: number;
  /** Row numbers of the template rows (written by exceljs), one per kind of row. */
  templateRows: number[];
  rows: readonly (readonly OutputValue[])[];
  /** The kind (index into templateRows) of each spliced row; all 0 when absent. */
  kinds?: readonly number[];
  /** The header row of an autofilter to stretch over all rows, if any. */
  filterHeaderRow: number | null;
}

/** Widths from a rough rendering of each value: enough to read, capped so notes wrap. */
function displayLength(value: OutputValue, format?: string): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') {
    const digits = Math.abs(value) >= 1 ? Math.floor(Math.log10(Math.abs(value))) + 1 : 1;
    const withCommas = digits + Math.floor((digits - 1) / 3);
    return withCommas + (format?.includes('short') ? 8 : 3);
  }
  return String(value).length;
}

export class SheetWriter {
  readonly ws: ExcelJS.Worksheet;
  private readonly widths: number[] = [];
  row = 1;

  constructor(wb: ExcelJS.Workbook, name: string, taken: Set<string>) {
    this.ws = wb.addWorksheet(safeSheetName(name, taken));
  }

  private track(col: number, len: number): void {
    this.widths[col] = Math.max(this.widths[col] ?? 0, len);
  }

  title(text: string, subtitle?: string): void {
    const c = this.ws.getCell(this.row, 1);
    put(c, text);
    c.font = { bold: true, size: 14, color: { argb: 'FF003087' } };
    this.row++;
    if (subtitle) {
      put(this.ws.getCell(this.row, 1), subtitle);
      this.ws.getCell(this.row, 1).font = { italic: true, color: { argb: 'FF425563' } };
      this.row++;
    }
    this.row++;
  }

  /** A bold white-on-blue header row. Returns its row number. */
  header(columns: readonly (Column | string)[], startCol = 1): number {
    const r = this.row;
    columns.forEach((col, i) => {
      const c = typeof col === 'string' ? { header: col } : col;
      const cell = this.ws.getCell(r, startCol + i);
      put(cell, c.header);
      cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: NHS_BLUE } };
      cell.alignment = { vertical: 'middle', wrapText: true };
      this.track(startCol + i, Math.max(c.header.length, c.min ?? 0));
    });
    this.row++;
    return r;
  }

  /** One data row; formats per column (undefined = text). */
  line(values: readonly OutputValue[], formats: readonly (string | undefined)[] = [], options: { bold?: boolean; startCol?: number } = {}): ExcelJS.Row {
    const start = options.startCol ?? 1;
    const row = this.ws.getRow(this.row);
    values.forEach((v, i) => {
      const cell = row.getCell(start + i);
      put(cell, v, formats[i]);
      if (options.bold) cell.font = { bold: true };
      this.track(start + i, displayLength(v, formats[i]));
    });
    this.row++;
    return row;
  }

  /** A RAG status written as words with its fill: never colour alone. */
  rag(rowNumber: number, col: number, status: RagStatus): void {
    const cell = this.ws.getCell(rowNumber, col);
    const s = RAG_FILL[status];
    put(cell, s.text);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: s.fill } };
    cell.font = { bold: true, color: { argb: s.font } };
    this.track(col, s.text.length);
  }

  /**
   * Bulk rows: see BulkRows. `kinds` gives each row's kind (index into `formats`, one format
   * list per kind); the first row of each kind is written by exceljs as that kind's template,
   * so rows are written in order only while every kind has had its first row.
   */
  bulk(rows: readonly (readonly OutputValue[])[], formats: readonly (readonly (string | undefined)[])[], out: BulkRows[], filterHeaderRow: number | null = null, kinds?: readonly number[]): void {
    if (rows.length === 0) return;
    const kindOf = (i: number) => kinds?.[i] ?? 0;
    const templateRows: number[] = [];
    let i = 0;
    // Written by exceljs until each kind has a template (the kinds of the first rows in order).
    while (i < rows.length && templateRows.length < formats.length && templateRows[kindOf(i)] === undefined && kindOf(i) === templateRows.length) {
      templateRows[kindOf(i)] = this.row;
      this.line(rows[i]!, formats[kindOf(i)]);
      i++;
    }
    for (let k = i; k < rows.length; k++) if (templateRows[kindOf(k)] === undefined) throw new Error(`Bulk rows of kind ${kindOf(k)} have no template row.`);
    // Widths from a sample: every row would cost as much as writing them.
    const step = Math.max(1, Math.floor(rows.length / 2000));
    for (let k = i; k < rows.length; k += step) rows[k]!.forEach((v, j) => this.track(1 + j, displayLength(v, formats[kindOf(k)]![j])));
    if (i < rows.length) out.push({ sheet: this.ws.name, firstRow: this.row, templateRows, rows: rows.slice(i), kinds: kinds?.slice(i), filterHeaderRow });
    this.row += rows.length - i;
  }

  gapRow(): void {
    this.row++;
  }

  freeze(xSplit: number, ySplit: number): void {
    this.ws.views = [{ state: 'frozen', xSplit, ySplit, topLeftCell: this.ws.getCell(ySplit + 1, xSplit + 1).address, activeCell: 'A1' }];
  }

  /** Fits column widths to their content (within 8–60 characters). */
  fit(maxWidth = 60): void {
    this.widths.forEach((w, i) => {
      if (i > 0) this.ws.getColumn(i).width = Math.min(maxWidth, Math.max(8, Math.ceil((w ?? 0) * 1.1) + 2));
    });
  }
}
