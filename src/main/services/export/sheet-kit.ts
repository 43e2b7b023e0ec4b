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
  /**
   * Supply − demand, as the app writes it: a shortfall is negative, in red with a minus sign (so
   * never colour alone); a surplus has a plus sign.
   */
  gap: '"+"#,##0.0;[Red]"−"#,##0.0;0.0',
  /** A flow that takes staff away (leavers, retirements), written negative in the bridge. */
  outflow: '#,##0.0;[Red]-#,##0.0;0.0',
  rate: '0.0%',
  years: '0.0#',
} as const;

const NHS_BLUE = 'FF005EB8';
/** The house font (UI.md): Arial, at a size that prints readably on a fitted A4 page. */
export const FONT = { name: 'Arial', size: 10 } as const;
const PALE_GREY = 'FFE8EDEE';
const RAG_FILL: Record<RagStatus, { fill: string; font: string; text: string }> = {
  green: { fill: 'FF009639', font: 'FFFFFFFF', text: 'Green: met' },
  amber: { fill: 'FFFFB81C', font: 'FF231F20', text: 'Amber: close' },
  red: { fill: 'FFDA291C', font: 'FFFFFFFF', text: 'Red: missed' },
  unknown: { fill: PALE_GREY, font: 'FF231F20', text: 'Not set' },
};

export const EXCEL_SHEET_NAME_MAX = 31;

/** Column number (1-based) → letters. */
export function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
const RESERVED = new Set(['history']);

/**
 * A sheet name Excel accepts: at most 31 characters, none of []:*?/\, not starting or ending
 * with an apostrophe, not "History", and unique in the workbook (case-insensitive).
 */
export function safeSheetName(wanted: string, taken: Set<string>): string {
  let base = wanted
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[[\]:*?/\\\u0000-\u001F]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
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
  /** Number format, or undefined for text. A numeric column's heading is right-aligned over its numbers. */
  format?: string;
  /** Minimum width in characters. */
  min?: number;
}

/** Rows of one group (an organisation's roles, a role's flows) sit one outline level below their total. */
export const DETAIL_LEVEL = 1;

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
  /** The outline level of each kind of row (0 = none). */
  outlineLevels?: readonly number[];
  /** The header row of an autofilter to stretch over all rows, if any. */
  filterHeaderRow: number | null;
}

/** A total row's rule above and double rule below. */
export const TOTAL_BORDER: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, bottom: { style: 'double' } };

/** Widths from a rough rendering of each value: enough to read, capped so notes wrap. */
function displayLength(value: OutputValue, _format?: string): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') {
    const digits = Math.abs(value) >= 1 ? Math.floor(Math.log10(Math.abs(value))) + 1 : 1;
    const withCommas = digits + Math.floor((digits - 1) / 3);
    return withCommas + 3;
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
    c.font = { ...FONT, bold: true, size: 14, color: { argb: 'FF003087' } };
    this.row++;
    if (subtitle) {
      put(this.ws.getCell(this.row, 1), subtitle);
      this.ws.getCell(this.row, 1).font = { ...FONT, italic: true, color: { argb: 'FF425563' } };
      this.row++;
    }
    this.row++;
  }

  /** A bold white-on-blue header row. Returns its row number. */
  /** Header rows written, so that their height can fit their wrapped headings (fitHeaders). */
  private readonly headerRows: number[] = [];

  header(columns: readonly (Column | string)[], startCol = 1): number {
    const r = this.row;
    this.headerRows.push(r);
    columns.forEach((col, i) => {
      const c = typeof col === 'string' ? { header: col } : col;
      const cell = this.ws.getCell(r, startCol + i);
      put(cell, c.header);
      cell.font = { ...FONT, bold: true, color: { argb: 'FFFFFFFF' } };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: NHS_BLUE } };
      cell.alignment = { vertical: 'middle', wrapText: true, horizontal: c.format ? 'right' : 'left' };
      this.track(startCol + i, Math.max(c.header.length, c.min ?? 0));
    });
    this.row++;
    return r;
  }

  /** One data row; formats per column (undefined = text). */
  line(
    values: readonly OutputValue[],
    formats: readonly (string | undefined)[] = [],
    options: { bold?: boolean; startCol?: number; outlineLevel?: number; overflow?: boolean; top?: boolean } = {},
  ): ExcelJS.Row {
    const start = options.startCol ?? 1;
    const row = this.ws.getRow(this.row);
    if (options.outlineLevel) row.outlineLevel = options.outlineLevel;
    values.forEach((v, i) => {
      const cell = row.getCell(start + i);
      put(cell, v, formats[i]);
      cell.font = options.bold ? { ...FONT, bold: true } : FONT;
      // A note on one line runs on across the empty cells to its right, rather than wrapping.
      if (options.overflow) cell.alignment = { wrapText: false, vertical: 'top' };
      else if (options.top) cell.alignment = { ...cell.alignment, vertical: 'top', wrapText: i === 0 };
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
    cell.font = { ...FONT, bold: true, color: { argb: s.font } };
    this.track(col, s.text.length);
  }

  /**
   * Bulk rows: see BulkRows. `kinds` gives each row's kind (index into `formats`, one format list
   * per kind, and into `styles`); rows are written by exceljs, in order, until every kind that
   * occurs has had a row (its template); the rest are spliced in at write time.
   */
  bulk(
    rows: readonly (readonly OutputValue[])[],
    formats: readonly (readonly (string | undefined)[])[],
    out: BulkRows[],
    options: {
      filterHeaderRow?: number | null;
      kinds?: readonly number[];
      styles?: readonly { bold?: boolean; outlineLevel?: number; border?: boolean }[];
    } = {},
  ): void {
    if (rows.length === 0) return;
    const { kinds, styles = [] } = options;
    const kindOf = (i: number) => kinds?.[i] ?? 0;
    const needed = new Set(rows.map((_, k) => kindOf(k)));
    for (const k of needed) if (!formats[k]) throw new Error(`Bulk rows of kind ${k} have no formats.`);
    const templateRows: number[] = [];
    let seen = 0;
    let i = 0;
    while (i < rows.length && seen < needed.size) {
      const kind = kindOf(i);
      if (templateRows[kind] === undefined) {
        templateRows[kind] = this.row;
        seen++;
      }
      const style = styles[kind] ?? {};
      const row = this.line(rows[i]!, formats[kind], { bold: style.bold ?? false, outlineLevel: style.outlineLevel ?? 0 });
      if (style.border) row.eachCell((c) => (c.border = TOTAL_BORDER));
      i++;
    }
    // Widths from a sample: every row would cost as much as writing them.
    const step = Math.max(1, Math.floor(rows.length / 2000));
    for (let k = i; k < rows.length; k += step) rows[k]!.forEach((v, j) => this.track(1 + j, displayLength(v, formats[kindOf(k)]![j])));
    if (i < rows.length) {
      out.push({
        sheet: this.ws.name,
        firstRow: this.row,
        templateRows,
        rows: rows.slice(i),
        kinds: kinds?.slice(i),
        outlineLevels: templateRows.map((_, k) => styles[k]?.outlineLevel ?? 0),
        filterHeaderRow: options.filterHeaderRow ?? null,
      });
    }
    this.row += rows.length - i;
  }

  gapRow(): void {
    this.row++;
  }

  /** Ends the sheet: headings fitted, then the board's print setup (see printSetup). */
  finish(page: PageFurniture, options: { titleRows?: [number, number] | null; onePage?: boolean } = {}): void {
    this.fitHeaders();
    printSetup(this.ws, page, options);
  }

  /** Gives each header row the height its longest wrapped heading needs, once widths are set. */
  fitHeaders(): void {
    for (const r of this.headerRows) {
      let lines = 1;
      this.ws.getRow(r).eachCell((cell, c) => {
        const width = this.ws.getColumn(c).width ?? 9;
        const text = typeof cell.value === 'string' ? cell.value : '';
        // Words are not broken: count the lines word by word.
        let n = 1;
        let used = 0;
        for (const word of text.split(/\s+/)) {
          const w = word.length * 1.15 + 1;
          if (used > 0 && used + w > width - 1) {
            n++;
            used = w;
          } else used += w;
        }
        lines = Math.max(lines, n);
      });
      if (lines > 1) this.ws.getRow(r).height = lines * 13 + 3;
    }
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

/** What every printed page says in its header: the plan, the scenario(s) and when it was made. */
export interface PageFurniture {
  plan: string;
  scenario: string;
  made: string;
}

/** Text for a header or footer: "&" is a code there, so it is doubled; long names are cut. */
const hf = (text: string, max = 70) => (text.length > max ? `${text.slice(0, max - 1)}…` : text).replace(/&/g, '&&');

/**
 * The board's print setup for a sheet: A4 landscape, one page wide (as many pages down as it
 * takes, or exactly one page for a summary), the heading rows repeated on every page, the plan,
 * scenario and date in the header and the sheet's name and "Page x of y" in the footer.
 */
export function printSetup(ws: ExcelJS.Worksheet, page: PageFurniture, options: { titleRows?: [number, number] | null; onePage?: boolean } = {}): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: options.onePage ? 1 : 0,
    margins: { left: 0.4, right: 0.4, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    ...(options.titleRows ? { printTitlesRow: `${options.titleRows[0]}:${options.titleRows[1]}` } : {}),
  };
  ws.headerFooter = {
    ...ws.headerFooter,
    oddHeader: `&L&B${hf(page.plan)}&B&C${hf(page.scenario)}&R${hf(page.made, 40)}`,
    oddFooter: `&L&A&RPage &P of &N`,
  };
}
