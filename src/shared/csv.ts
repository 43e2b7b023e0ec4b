/**
 * Safe output of planners' text into CSV and xlsx (docs/ARCHITECTURE.md, "Formula-safe output"; OWASP CSV injection,
 * CWE-1236). A spreadsheet treats text that starts with =, +, -, @, tab, CR (or NUL, which some
 * readers drop, exposing the next character) as the start of a formula. Such text is written so
 * that it can only ever be read back as text; numbers stay numbers. Shared by main (exports) and
 * the renderer (the CSV button prepares its rows with the same rules).
 */

/** A value a grid cell can hold on its way to a file. */
export type OutputValue = string | number | boolean | null | undefined;

const FORMULA_TRIGGER = /^[=+\-@\t\r\0]/;
// XML 1.0 cannot carry these at all; an xlsx holding one will not open.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** True when a spreadsheet could read this text as the start of a formula. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_TRIGGER.test(text);
}

/**
 * Text for a CSV field: formula-like text gets a leading apostrophe (the convention Excel and
 * LibreOffice show as "this is text"), so `=SUM(A1)` is written `'=SUM(A1)`.
 */
export function neutraliseCsvText(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

/**
 * Text for an xlsx string cell. A string cell is never evaluated, so the text is kept as typed;
 * characters XML cannot hold (NUL and other controls except tab, LF, CR) are dropped so the
 * workbook always opens.
 */
export function xlsxText(text: string): string {
  return text.replace(XML_INVALID, '');
}

/** One CSV field: numbers as numbers (non-finite as empty), text neutralised and quoted when needed. */
export function csvField(value: OutputValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  const text = neutraliseCsvText(value);
  return /[",\r\n\t]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A whole CSV document: a header row then the rows, CRLF line ends (RFC 4180) and a UTF-8 byte
 * order mark so that Excel reads £ and en dashes correctly.
 */
export function toCsv(headers: readonly string[], rows: readonly (readonly OutputValue[])[]): string {
  const lines = [headers.map(csvField).join(','), ...rows.map((r) => r.map(csvField).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
