/**
 * Reading numbers the way people type them into a spreadsheet: "1,234", "£12,000", "24%",
 * "(5)", "−3" (a Unicode minus), with blanks meaning "no value". Anything else is refused
 * with a reason that quotes the text.
 */
export type ParsedNumber = { ok: true; value: number | null } | { ok: false; reason: string };

const THOUSANDS = /^\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * @param percent the column holds a fraction shown as a percentage: "24", "24%" and "24 %" all mean 0.24.
 */
export function parseNumberText(text: string, options: { percent?: boolean } = {}): ParsedNumber {
  let s = text.replace(/\u00a0/g, ' ').trim();
  if (s === '') return { ok: true, value: null };
  const shown = text.trim();
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  s = s.replace(/^[−–]/, '-');
  if (s.startsWith('-')) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) {
    s = s.slice(1).trim();
  }
  if (s.startsWith('£')) s = s.slice(1).trim();
  let hadPercent = false;
  if (s.endsWith('%')) {
    hadPercent = true;
    s = s.slice(0, -1).trim();
  }
  if (hadPercent && !options.percent) return { ok: false, reason: `"${shown}" is a percentage, but this column is not` };
  if (THOUSANDS.test(s)) s = s.replace(/,/g, '');
  if (!PLAIN.test(s)) return { ok: false, reason: `"${shown}" is not a number` };
  let value = Number(s);
  if (!Number.isFinite(value)) return { ok: false, reason: `"${shown}" is not a number` };
  if (negative) value = -value;
  if (options.percent) value = value / 100;
  return { ok: true, value: value === 0 ? 0 : value };
}
