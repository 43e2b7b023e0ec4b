/** Caps that keep a hostile or broken file from exhausting the app (docs/ARCHITECTURE.md, "Hostile files"). */
export const LIMITS = {
  /** Rows read from one sheet of a workbook (a full-height sheet is refused, not read). */
  sheetRows: 300_000,
  /** Rows read from a CSV, which is streamed and aggregated as it is read. */
  csvRows: 2_000_000,
  columns: 1_000,
  cells: 6_000_000,
  sheets: 200,
  zipEntries: 5_000,
  zipEntryBytes: 400 * 1024 * 1024,
  zipTotalBytes: 800 * 1024 * 1024,
  /** Uncompressed ÷ compressed above this, for a part of more than 1 MB, is a zip bomb. */
  zipRatio: 150,
  /** XML nesting no spreadsheet part comes near (a worksheet's cells are about 7 deep). */
  xmlDepth: 256,
  /** Distinct strings in a workbook's shared strings: past this, SheetJS needs seconds and hundreds of MB. */
  sharedStrings: 2_000_000,
  /** A .gz or a .zip holding one spreadsheet: the most the file inside may unpack to. */
  innerFileBytes: 400 * 1024 * 1024,
  /** Heap of the parsing worker. */
  workerHeapMb: 1_200,
  /** Time one step (read, analyse, validate) may take before the worker is stopped. */
  stepMs: 120_000,
  /** Problems listed in a report (all are counted). */
  problemsListed: 500,
} as const;

/** Column letters as the user sees them: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A refusal of the whole file, with a message for the user. */
export class ImportRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportRefusal';
  }
}

/** Cell text quoted in a message: at most 80 characters (79 and "…"), never cut inside a character. */
export function cellText(text: string, max = 80): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
