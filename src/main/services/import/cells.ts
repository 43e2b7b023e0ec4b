/**
 * Reading one cell of a data row (inside the worker): text trimmed only when it needs it, blanks,
 * numbers (suppression marks such as * read as no value), ages and age bands, years, measures,
 * and the numbered distinct values of a key column (KeyParts). See rows.ts for the pass itself.
 */
import type { CellValue, ValueStat } from '../../../shared/api/channels/import';
import { AGE_BAND_COUNT } from '../../../shared/model/types';
import { parseNumberText } from '../../../shared/numbers';
import { headingWords, measureOfHeading } from './vocabulary';

export const PLAIN_NUMBER = /^-?\d{1,15}(\.\d{1,15})?$/;
export const SUPPRESSED = new Set(['*', '-', '..', ':', 'x', '~', '–', '—', 'c', '[c]', '[x]', '[z]']);

export function ageBandFromText(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === '' || /unknown|not (known|stated)/.test(t)) return null;
  const m = /(\d{1,3})/.exec(t);
  if (!m) return null;
  let lower = Number(m[1]);
  if (/^(under|<|less than|up to)/.test(t) || /^<=/.test(t)) lower = Math.min(lower, 24);
  if (lower < 25) return 0;
  return Math.min(AGE_BAND_COUNT - 1, Math.floor((lower - 25) / 5) + 1);
}

export function ageBandFromAge(age: number): number {
  if (age < 25) return 0;
  return Math.min(AGE_BAND_COUNT - 1, Math.floor((age - 25) / 5) + 1);
}

/** Age today from a date of birth cell: an Excel serial day, "dd/mm/yyyy" or "yyyy-mm-dd". */
export function ageFromBirth(v: CellValue, today: Date): number | null {
  let d: Date | null = null;
  if (typeof v === 'number' && v > 0 && v < 80_000) d = new Date(Date.UTC(1899, 11, 30) + v * 86_400_000);
  else if (typeof v === 'string') {
    const t = v.trim();
    let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
    if (m) d = new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])));
    m = /^(\d{4})-(\d{2})-(\d{2})/.exec(t);
    if (m) d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  }
  if (!d || Number.isNaN(d.getTime())) return null;
  let age = today.getUTCFullYear() - d.getUTCFullYear();
  if (today.getUTCMonth() < d.getUTCMonth() || (today.getUTCMonth() === d.getUTCMonth() && today.getUTCDate() < d.getUTCDate())) age--;
  return age >= 14 && age <= 100 ? age : null;
}

/** True when a character code cannot be trimmed: printable ASCII other than the space. */
const solid = (code: number) => code > 32 && code < 127;

export function text(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'string') return String(v).trim();
  // Most cells have nothing to trim: checking both ends is cheaper than trimming.
  return v.length > 0 && solid(v.charCodeAt(0)) && solid(v.charCodeAt(v.length - 1)) ? v : v.trim();
}

export function isBlank(v: CellValue | undefined): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== 'string') return false;
  return v.length === 0 || (!solid(v.charCodeAt(0)) && v.trim() === '');
}

/** One distinct value of a key field, as read: trimmed, numbered, and what it was found to be. */
export interface KeyPart {
  text: string;
  id: number;
  subtotal?: boolean;
  measure?: Measure;
  wanted?: boolean;
  stat?: ValueStat;
}

/** Ids below this make a number key for a group; past it, a text key (a file with huge numbers of distinct values). */
export const KEY_LIMIT = 1 << 17;

/** The distinct values of one key field: a cell value (raw or trimmed) → its KeyPart. */
export class KeyParts {
  private readonly byValue = new Map<CellValue, KeyPart>();
  private count = 0;

  get(v: CellValue | undefined): KeyPart {
    const raw = v ?? '';
    const known = this.byValue.get(raw);
    if (known !== undefined) return known;
    const t = text(raw);
    let p = this.byValue.get(t);
    if (p === undefined) {
      p = { text: t, id: this.count++ };
      this.byValue.set(t, p);
    }
    // The untrimmed spelling too, unless a file has very many of them.
    if (raw !== t && this.byValue.size < 200_000) this.byValue.set(raw, p);
    return p;
  }

  /** Whether this text has been read in the column. */
  seen(t: string): boolean {
    return this.byValue.has(t);
  }
}

export type Measure = 'fte' | 'headcount' | 'establishment' | null;

/** A Data Type cell's measure, by whole words: "FTE", "Headcount", "Establishment"; null for anything else ("Leavers FTE"). */
export function measureOf(value: string): Measure {
  const m = measureOfHeading(value);
  if (m !== null && m !== 'other') return m.confidence === 'sure' ? m.measure : null;
  if (m === null) {
    const w = headingWords(value);
    if (w.length > 0 && w.every((x) => ['establishment', 'budget', 'budgeted', 'funded', 'posts'].includes(x))) return 'establishment';
  }
  return null;
}

export function yearFromValue(v: CellValue): number | null {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1990 && v <= 2100) return v;
  const m = /^(?:fy\s*)?(\d{4})(?:\s*[/\-–]\s*\d{2,4})?$/i.exec(text(v));
  return m ? Number(m[1]) : null;
}

export const minus = (n: number) => (n < 0 ? `−${String(-n)}` : String(n));

export const quote = (t: string) => `'${t.length > 40 ? `${t.slice(0, 40)}…` : t}'`;

/** A number cell as read: the number, null (blank or suppressed), or why it is not one. */
export type NumberRead = number | null | { error: string } | { suppressed: true };

const SUPPRESSED_READ: NumberRead = { suppressed: true };

/** Reads a figure; `label` names it in a message ("FTE", "Headcount"), negative figures only where allowed. */
export function readNumber(v: CellValue | undefined, label: string, allowNegative: boolean): NumberRead {
  if (isBlank(v)) return null;
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'boolean') return { error: `${v ? 'TRUE' : 'FALSE'} is not a number: type the figure, or clear the cell.` };
  else {
    const t = text(v);
    // Plain decimals ("0.8") are by far the commonest: read them without the full parser.
    if (PLAIN_NUMBER.test(t)) {
      n = Number(t);
      if (n < 0 && !allowNegative) return { error: `${label} ${minus(n)} is negative: correct it, or delete the row.` };
      return n;
    }
    if (SUPPRESSED.has(t.toLowerCase())) return SUPPRESSED_READ;
    const p = parseNumberText(t);
    if (!p.ok) return { error: `${quote(t)} is not a number: type the figure, or clear the cell.` };
    if (p.value === null) return null;
    n = p.value;
  }
  if (!Number.isFinite(n)) return { error: `${label} is not a finite number: type the figure, or clear the cell.` };
  if (n < 0 && !allowNegative) return { error: `${label} ${minus(n)} is negative: correct it, or delete the row.` };
  return n;
}
