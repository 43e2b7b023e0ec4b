/**
 * The pass over a sheet's data rows (inside the worker): recognises blank, notes and subtotal
 * rows, reads numbers, checks them, and adds every row into groups keyed by the file's own
 * organisation, staff group, role, pipeline, year and period values. Nothing here knows the
 * plan; main maps the groups' keys onto it, and so decides which rows' problems count: each
 * problem is filed under its row's organisation, role and staff group. Personal columns are
 * never read; a date of birth is read only to work out an age band and is then forgotten.
 *
 * Subtotal rows are recognised by the whole key cell ("Total", "Grand total", "RBD Total",
 * "All staff groups", "England"), by a blank key under a filled one, and by figures equal to
 * the sum of the rows above them; never by a word inside a name ("Total Health Partnership PCN").
 */
import type { CellValue, ColumnMap, ImportMapping, ImportProblem, SkipReason, ValueStat } from '../../../shared/api/channels/import';
import { AGE_BAND_COUNT } from '../../../shared/model/types';
import { parseNumberText } from '../../../shared/numbers';
import { columnLetter } from './limits';
import type { LoadedFile } from './read';
import { forEachRow } from './read';
import { headingWords, measureOfHeading, TOTAL_LABEL, totalOfLabel } from './vocabulary';

export interface Group {
  org: string;
  orgName: string;
  staffGroup: string;
  role: string;
  pipeline: string;
  kind: string;
  period: string;
  year: number | null;
  fte: number;
  headcount: number;
  establishment: number;
  value: number;
  hasFte: boolean;
  hasHeadcount: boolean;
  hasEstablishment: boolean;
  /** FTE by age band, for rows whose age band is known. */
  ageFte: number[];
  rows: number;
  firstRow: number;
}

export type DistinctKind = 'org' | 'staffGroup' | 'role' | 'pipeline' | 'period' | 'measure' | 'kind';

/** Why a row was not read: main lists them by reason, with examples. */
export type RowSkip = Exclude<SkipReason, 'unmapped'>;
export const ROW_SKIPS: readonly RowSkip[] = ['blank', 'notes', 'total', 'blank-key', 'sum', 'period', 'measure'];

/** The problems of the rows of one organisation, role and staff group, as the file spells them. */
export interface ProblemGroup {
  org: string;
  role: string;
  staffGroup: string;
  errors: number;
  warnings: number;
  /** The first few, in row order. */
  problems: ImportProblem[];
}

export interface RowsOutput {
  rowsRead: number;
  rowsUsed: number;
  skipped: Record<RowSkip, number>;
  examples: Record<RowSkip, string[]>;
  /** Problems of the whole file, not of one row (suppression marks in a column). */
  problems: ImportProblem[];
  problemGroups: ProblemGroup[];
  errors: number;
  warnings: number;
  groups: Group[];
  distinct: Record<DistinctKind, ValueStat[]>;
}

export function emptyRowsOutput(): RowsOutput {
  const zero = { blank: 0, notes: 0, total: 0, 'blank-key': 0, sum: 0, period: 0, measure: 0 };
  return {
    rowsRead: 0,
    rowsUsed: 0,
    skipped: zero,
    examples: { blank: [], notes: [], total: [], 'blank-key': [], sum: [], period: [], measure: [] },
    problems: [],
    problemGroups: [],
    errors: 0,
    warnings: 0,
    groups: [],
    distinct: { org: [], staffGroup: [], role: [], pipeline: [], period: [], measure: [], kind: [] },
  };
}

const PLAIN_NUMBER = /^-?\d{1,15}(\.\d{1,15})?$/;
const SUPPRESSED = new Set(['*', '-', '..', ':', 'x', '~', '–', '—', 'c', '[c]', '[x]', '[z]']);

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

function text(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'string') return String(v).trim();
  // Most cells have nothing to trim: checking both ends is cheaper than trimming.
  return v.length > 0 && solid(v.charCodeAt(0)) && solid(v.charCodeAt(v.length - 1)) ? v : v.trim();
}

function isBlank(v: CellValue | undefined): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v !== 'string') return false;
  return v.length === 0 || (!solid(v.charCodeAt(0)) && v.trim() === '');
}

/** One distinct value of a key field, as read: trimmed, numbered, and what it was found to be. */
interface KeyPart {
  text: string;
  id: number;
  subtotal?: boolean;
  measure?: Measure;
  wanted?: boolean;
  stat?: ValueStat;
}

/** Ids below this make a number key for a group; past it, a text key (a file with huge numbers of distinct values). */
const KEY_LIMIT = 1 << 17;

/** The distinct values of one key field: a cell value (raw or trimmed) → its KeyPart. */
class KeyParts {
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

const minus = (n: number) => (n < 0 ? `−${String(-n)}` : String(n));

/** Problems listed per organisation × role × staff group, and in all: every one is counted. */
const LISTED_PER_GROUP = 50;
const LISTED_IN_ALL = 5_000;
const EXAMPLES = 3;

const quote = (t: string) => `'${t.length > 40 ? `${t.slice(0, 40)}…` : t}'`;

/** Runs the mapping over every data row. */
export async function readGroups(
  file: LoadedFile,
  mapping: ImportMapping,
  headers: string[],
  onProgress: (fraction: number) => void,
  today = new Date(),
): Promise<RowsOutput> {
  const out = emptyRowsOutput();
  const sheetName = mapping.sheet;
  const col = (field: ColumnMap['field']): number => mapping.columns.find((c) => c.field === field && c.year === undefined && c.staffGroup === undefined)?.index ?? -1;
  const cOrg = col('org_code');
  const cOrgName = col('org_name');
  const cSg = col('staff_group');
  const cRole = col('job_role');
  const cFte = col('fte');
  const cHead = col('headcount');
  const cEst = col('establishment');
  const cHours = col('hours');
  const cAge = col('age_band');
  const cDob = col('date_of_birth');
  const cPeriod = col('period');
  const cMeasure = col('measure');
  const cValue = col('value');
  const cYear = col('year');
  const cPipeline = col('pipeline');
  const cKind = col('joiner_kind');
  const wide = mapping.columns.filter((c) => c.field === 'value' && (c.year !== undefined || c.staffGroup !== undefined));
  const target = mapping.target;
  const personal = mapping.columns.some((c) => c.field === 'personal' || c.field === 'date_of_birth');
  const personLevel = mapping.options.personLevel ?? personal;
  const hoursPerFte = mapping.options.hoursPerFte ?? 37.5;
  const wantPeriod = mapping.options.period?.trim().toLowerCase();
  // What a value column counts when no Data Type column says: baseline figures must be told.
  const givenMeasure: Measure = target === 'baseline' ? (mapping.options.measure ?? null) : 'fte';
  const colName = (c: number) => `${columnLetter(c)}${headers[c] ? ` (${headers[c]})` : ''}`;

  // Parts of a group's key, one table per field: each distinct cell value is trimmed, checked
  // for a subtotal and numbered once, not on every one of a million rows.
  const parts = {
    org: new KeyParts(),
    orgName: new KeyParts(),
    staffGroup: new KeyParts(),
    role: new KeyParts(),
    pipeline: new KeyParts(),
    kind: new KeyParts(),
    period: new KeyParts(),
    measure: new KeyParts(),
    other: new KeyParts(),
  };
  const orgSource = cOrg >= 0 ? cOrg : cOrgName;
  const orgParts = cOrg >= 0 ? parts.org : parts.orgName;
  const keyColumns: { c: number; parts: KeyParts }[] = (
    [
      [cOrg, parts.org],
      [cOrgName, parts.orgName],
      [cSg, parts.staffGroup],
      [cRole, parts.role],
      [cPipeline, parts.pipeline],
    ] as const
  )
    .filter(([c]) => c >= 0)
    .map(([c, p]) => ({ c, parts: p }));
  // With no key column mapped, the first three columns are looked at for "Total".
  if (keyColumns.length === 0) for (const c of [0, 1, 2]) keyColumns.push({ c, parts: parts.other });
  /** A key cell labels a total: by the whole cell, or as "<a value seen above> Total". */
  const isTotal = (p: KeyPart, kp: KeyParts): boolean => {
    if (p.subtotal !== undefined) return p.subtotal;
    const of = totalOfLabel(p.text);
    p.subtotal = TOTAL_LABEL.test(p.text) || (of !== null && kp.seen(of));
    return p.subtotal;
  };
  // The columns a blank under a filled cell marks a subtotal in: the organisation, and the role (or staff group).
  const innerKey = cRole >= 0 ? cRole : cSg;
  const innerParts = cRole >= 0 ? parts.role : parts.staffGroup;
  const fixedKind = parts.kind.get(mapping.options.joinerKind ?? '');
  // A wide column's own staff group, looked up once.
  const wideGroup = wide.map((w) => (w.staffGroup !== undefined ? parts.staffGroup.get(w.staffGroup) : null));

  const groupList: Group[] = [];
  const groups = new Map<number | string, Map<number | string, Group>>();
  const distinct = new Map<DistinctKind, Map<string, ValueStat>>();
  const statOf = (kind: DistinctKind, value: string, row: number): ValueStat => {
    let byValue = distinct.get(kind);
    if (!byValue) {
      byValue = new Map();
      distinct.set(kind, byValue);
    }
    let s = byValue.get(value);
    if (!s) {
      s = { value, rows: 0, firstRow: row, total: 0 };
      byValue.set(value, s);
    }
    return s;
  };
  const note = (kind: DistinctKind, p: KeyPart, row: number, amount: number) => {
    const s = (p.stat ??= statOf(kind, p.text, row));
    s.rows++;
    s.total += amount;
  };
  const bandSeen = new Map<CellValue | undefined, number | null>();
  const bandOf = (v: CellValue | undefined): number | null => {
    let b = bandSeen.get(v);
    if (b === undefined) {
      b = ageBandFromText(text(v));
      if (bandSeen.size < 10_000) bandSeen.set(v, b);
    }
    return b;
  };
  const suppressedCols = new Map<number, { rows: number; first: number }>();

  const skip = (reason: RowSkip, rowNumber: number, example: string) => {
    out.skipped[reason]++;
    const ex = out.examples[reason];
    if (ex.length < EXAMPLES) ex.push(`row ${rowNumber.toLocaleString('en-GB')}: ${example}`);
  };

  // The key of the row being read, shared with problem(), addTo() and useRow(). A field the
  // mapping does not read is the empty text of that field's own table, so ids never collide.
  const noOrgName = parts.orgName.get('');
  const noStaffGroup = parts.staffGroup.get('');
  const noRole = parts.role.get('');
  const noPipeline = parts.pipeline.get('');
  const noPeriod = parts.period.get('');
  let org = orgParts.get('');
  let orgName = noOrgName;
  let staffGroup = noStaffGroup;
  let role = noRole;
  let pipeline = noPipeline;
  let kind = fixedKind;
  let period = noPeriod;
  let ageBand: number | null = null;
  /** The staff group a problem belongs to: a wide column's own, else the row's. */
  let problemGroup = noStaffGroup;

  const buckets = new Map<string, ProblemGroup>();
  let listed = 0;
  /** A problem of the current row, filed under its organisation, role and staff group. */
  const problem = (severity: 'error' | 'warning', row: number, c: number | null, message: string) => {
    if (severity === 'error') out.errors++;
    else out.warnings++;
    const k = `${org.text}\u0000${role.text}\u0000${problemGroup.text}`;
    let b = buckets.get(k);
    if (!b) {
      b = { org: org.text, role: role.text, staffGroup: problemGroup.text, errors: 0, warnings: 0, problems: [] };
      buckets.set(k, b);
    }
    if (severity === 'error') b.errors++;
    else b.warnings++;
    if (b.problems.length >= LISTED_PER_GROUP || listed >= LISTED_IN_ALL) return;
    listed++;
    b.problems.push({ severity, file: file.fileName, sheet: sheetName, row, column: c === null ? null : colName(c), message });
  };

  const num = (row: CellValue[], c: number, rowNumber: number, label: string, allowNegative: boolean): number | null | 'bad' => {
    const v = row[c];
    if (isBlank(v)) return null;
    let n: number;
    if (typeof v === 'number') n = v;
    else if (typeof v === 'boolean') {
      problem('error', rowNumber, c, `${v ? 'TRUE' : 'FALSE'} is not a number: type the figure, or clear the cell.`);
      return 'bad';
    } else {
      const t = text(v);
      // Plain decimals ("0.8") are by far the commonest: read them without the full parser.
      if (PLAIN_NUMBER.test(t)) {
        n = Number(t);
        if (n < 0 && !allowNegative) {
          problem('error', rowNumber, c, `${label} ${minus(n)} is negative: correct it, or delete the row.`);
          return 'bad';
        }
        return n;
      }
      if (SUPPRESSED.has(t.toLowerCase())) {
        const s = suppressedCols.get(c);
        if (s) s.rows++;
        else suppressedCols.set(c, { rows: 1, first: rowNumber });
        return null;
      }
      const p = parseNumberText(t);
      if (!p.ok) {
        problem('error', rowNumber, c, `${quote(t)} is not a number: type the figure, or clear the cell.`);
        return 'bad';
      }
      if (p.value === null) return null;
      n = p.value;
    }
    if (!Number.isFinite(n)) {
      problem('error', rowNumber, c, `${label} is not a finite number: type the figure, or clear the cell.`);
      return 'bad';
    }
    if (n < 0 && !allowNegative) {
      problem('error', rowNumber, c, `${label} ${minus(n)} is negative: correct it, or delete the row.`);
      return 'bad';
    }
    return n;
  };

  /** Adds one observation of the current row into its group. */
  const addTo = (sg: KeyPart, year: number | null, fte: number, head: number, est: number, value: number, hasF: boolean, hasH: boolean, hasE: boolean, rowNumber: number) => {
    const yearCode = year === null ? 0 : year + 1;
    const k1 = org.id < KEY_LIMIT && sg.id < KEY_LIMIT && role.id < KEY_LIMIT ? (org.id * KEY_LIMIT + sg.id) * KEY_LIMIT + role.id : `${org.id},${sg.id},${role.id}`;
    const k2 =
      pipeline.id < 4096 && kind.id < 2048 && period.id < 2048 && yearCode < 16384 && yearCode >= 0
        ? ((pipeline.id * 2048 + kind.id) * 2048 + period.id) * 16384 + yearCode
        : `${pipeline.id},${kind.id},${period.id},${yearCode}`;
    let inner = groups.get(k1);
    if (!inner) {
      inner = new Map();
      groups.set(k1, inner);
    }
    let g = inner.get(k2);
    if (!g) {
      g = {
        org: org.text, orgName: orgName.text, staffGroup: sg.text, role: role.text, pipeline: pipeline.text, kind: kind.text, period: period.text, year,
        fte: 0, headcount: 0, establishment: 0, value: 0, hasFte: false, hasHeadcount: false, hasEstablishment: false,
        ageFte: new Array<number>(AGE_BAND_COUNT).fill(0), rows: 0, firstRow: rowNumber,
      };
      inner.set(k2, g);
      groupList.push(g);
    }
    g.fte += fte;
    g.headcount += head;
    g.establishment += est;
    g.value += value;
    g.hasFte ||= hasF;
    g.hasHeadcount ||= hasH;
    g.hasEstablishment ||= hasE;
    g.rows++;
    if (ageBand !== null) g.ageFte[ageBand]! += fte > 0 ? fte : head;
  };
  /** Notes the current row's key values, so that they can be mapped (or skipped) whether or not the row is good. */
  const noteKeys = (rowNumber: number, amount: number) => {
    if (org.text) note('org', org, rowNumber, amount);
    if (role.text) note('role', role, rowNumber, 0);
    if (pipeline.text) note('pipeline', pipeline, rowNumber, 0);
    if (kind.text) note('kind', kind, rowNumber, 0);
  };
  const noYear = (rowNumber: number) => problem('error', rowNumber, cValue >= 0 ? cValue : null, 'The row has no year: map a Year column, or use a column per year.');

  // Subtotals by sum: the figures of a row equal to the sums of the rows above it (since the
  // last break, or since its organisation began). Only where two or more figures must agree:
  // one column of a staff list would match by chance.
  const numericCols = [cFte, cHours, cHead, cEst, cValue, ...wide.map((w) => w.index)].filter((c) => c >= 0);
  const sumRows = !personLevel && !mapping.options.keepSumRows && numericCols.length >= 2;
  const nCols = numericCols.length;
  const vec = new Float64Array(nCols);
  const run = { rows: 0, first: 0, sums: new Float64Array(nCols) };
  const orgRun = { rows: 0, first: 0, sums: new Float64Array(nCols), org: '' };
  const resetRuns = () => {
    run.rows = 0;
    run.sums.fill(0);
    orgRun.rows = 0;
    orgRun.sums.fill(0);
  };
  const readVec = (row: CellValue[]): number => {
    let nonZero = 0;
    for (let i = 0; i < nCols; i++) {
      const v = row[numericCols[i]!];
      let n = NaN;
      if (typeof v === 'number') n = v;
      else if (typeof v === 'string' && PLAIN_NUMBER.test(text(v))) n = Number(text(v));
      else if (typeof v === 'string' && !isBlank(v)) {
        const p = parseNumberText(text(v));
        if (p.ok && p.value !== null) n = p.value;
      }
      vec[i] = n;
      if (n === n && n !== 0) nonZero++;
    }
    return nonZero;
  };
  const equalsSums = (sums: Float64Array): boolean => {
    for (let i = 0; i < nCols; i++) {
      const v = vec[i]!;
      const s = sums[i]!;
      if (v !== v) {
        if (s !== 0) return false;
      } else if (Math.abs(v - s) > 1e-6 * Math.max(1, Math.abs(s))) return false;
    }
    return true;
  };
  const addVec = (r: { rows: number; first: number; sums: Float64Array }, rowNumber: number) => {
    if (r.rows === 0) r.first = rowNumber;
    r.rows++;
    for (let i = 0; i < nCols; i++) {
      const v = vec[i]!;
      if (v === v) r.sums[i]! += v;
    }
  };

  const width = headers.length;
  const fromRow = mapping.headerRow + 1;
  const allowNegative = target === 'demand';
  /** Whether the row above had the organisation (or the role) filled in, or was a subtotal. */
  let orgAbove = false;
  let innerAbove = false;
  let orgAboveText = '';
  let innerAboveText = '';
  await forEachRow(
    file,
    sheetName,
    fromRow,
    (row, rowNumber) => {
      out.rowsRead++;
      // Only whether the row has none, one or more filled cells matters.
      let filled = 0;
      const cells = row.length > width ? row.length : width;
      for (let c = 0; c < cells; c++) if (!isBlank(row[c]) && ++filled === 2) break;
      if (filled === 0) {
        out.skipped.blank++;
        if (sumRows) resetRuns();
        return;
      }
      // A total or subtotal row is skipped, never summed.
      for (const k of keyColumns) {
        const p = k.parts.get(row[k.c]);
        if (isTotal(p, k.parts)) {
          skip('total', rowNumber, quote(p.text));
          orgAbove = innerAbove = true;
          orgAboveText = innerAboveText = p.text;
          if (sumRows) resetRuns();
          return;
        }
      }
      if (filled === 1 && !isBlank(row[0]) && typeof row[0] === 'string' && row[0].length > 25) {
        skip('notes', rowNumber, quote(row[0])); // a footnote
        return;
      }
      org = orgParts.get(row[orgSource]);
      orgName = cOrgName >= 0 ? parts.orgName.get(row[cOrgName]) : noOrgName;
      const inner = innerKey >= 0 ? innerParts.get(row[innerKey]) : null;
      if (!personLevel) {
        // A blank key under a filled one: a group heading or subtotal with figures beside it.
        if (orgSource >= 0 && org.text === '' && orgAbove) {
          skip('blank-key', rowNumber, `no ${headers[orgSource] || 'organisation'} under ${quote(orgAboveText)}`);
          if (sumRows) resetRuns();
          return;
        }
        if (inner !== null && inner.text === '' && innerAbove && org.text !== '') {
          skip('blank-key', rowNumber, `no ${headers[innerKey] || 'role'} under ${quote(innerAboveText)}`);
          if (sumRows) resetRuns();
          return;
        }
      }
      orgAbove = org.text !== '';
      orgAboveText = org.text;
      innerAbove = inner !== null && inner.text !== '';
      innerAboveText = inner?.text ?? '';
      period = cPeriod >= 0 ? parts.period.get(row[cPeriod]) : noPeriod;
      if (cPeriod >= 0) note('period', period, rowNumber, 0);
      if (wantPeriod !== undefined && wantPeriod !== '' && !(period.wanted ??= period.text.toLowerCase() === wantPeriod)) {
        skip('period', rowNumber, quote(period.text));
        return;
      }
      staffGroup = cSg >= 0 ? parts.staffGroup.get(row[cSg]) : noStaffGroup;
      problemGroup = staffGroup;
      role = cRole >= 0 ? parts.role.get(row[cRole]) : noRole;
      pipeline = cPipeline >= 0 ? parts.pipeline.get(row[cPipeline]) : noPipeline;
      kind = cKind >= 0 ? parts.kind.get(row[cKind]) : fixedKind;
      if (sumRows) {
        const nonZero = readVec(row);
        if (orgRun.org !== org.text) {
          orgRun.org = org.text;
          orgRun.rows = 0;
          orgRun.sums.fill(0);
        }
        if (nonZero >= 2) {
          const whole = run.rows >= 2 && equalsSums(run.sums) ? run : orgRun.rows >= 2 && equalsSums(orgRun.sums) ? orgRun : null;
          if (whole) {
            skip('sum', rowNumber, `equals the sum of rows ${whole.first.toLocaleString('en-GB')} to ${(rowNumber - 1).toLocaleString('en-GB')}`);
            resetRuns();
            return;
          }
        }
        addVec(run, rowNumber);
        addVec(orgRun, rowNumber);
      }
      if (orgSource >= 0 && org.text === '' && target !== 'intakes') {
        problem('error', rowNumber, orgSource, 'The row has no organisation: fill it in, or delete the row.');
        return;
      }
      let year: number | null = null;
      if (cYear >= 0) {
        year = yearFromValue(row[cYear] ?? null);
        if (year === null) {
          noteKeys(rowNumber, 0);
          problem('error', rowNumber, cYear, `${quote(text(row[cYear]).slice(0, 20))} is not a year: write it as 2024/25 or 2024.`);
          return;
        }
      }
      let measure: Measure = givenMeasure;
      if (cMeasure >= 0) {
        const m = parts.measure.get(row[cMeasure]);
        note('measure', m, rowNumber, 0);
        measure = m.measure === undefined ? (m.measure = measureOf(m.text)) : m.measure;
        if (measure === null) {
          skip('measure', rowNumber, quote(m.text));
          return;
        }
      }
      ageBand = null;
      if (cAge >= 0) ageBand = bandOf(row[cAge]);
      else if (cDob >= 0 && !isBlank(row[cDob])) {
        const age = ageFromBirth(row[cDob] ?? null, today);
        if (age === null) problem('warning', rowNumber, cDob, 'The date of birth is not a date between 14 and 100 years ago: the age band is left unknown.');
        else ageBand = ageBandFromAge(age);
      }

      if (wide.length > 0) {
        // A column per year or staff group: every cell is read before any is added, so that
        // a row with a bad cell adds nothing.
        const observations: { sg: KeyPart; year: number | null; n: number }[] = [];
        let bad = false;
        for (let i = 0; i < wide.length; i++) {
          const w = wide[i]!;
          problemGroup = wideGroup[i] ?? staffGroup;
          const n = num(row, w.index, rowNumber, target === 'baseline' ? (measure === 'headcount' ? 'Headcount' : 'FTE') : 'Value', allowNegative);
          if (n === 'bad') bad = true;
          else if (n !== null) observations.push({ sg: wideGroup[i] ?? staffGroup, year: w.year ?? year, n });
        }
        problemGroup = staffGroup;
        if (bad) {
          noteKeys(rowNumber, 0);
          return;
        }
        if (observations.length === 0) {
          skip('blank', rowNumber, 'no figures');
          return;
        }
        if (target === 'baseline' && measure === null) {
          skip('measure', rowNumber, 'the figures are not known to be FTE or headcount');
          return;
        }
        const isFte = target === 'baseline' ? measure === 'fte' : true;
        out.rowsUsed++;
        noteKeys(rowNumber, observations.reduce((a, o) => a + (target === 'baseline' ? (isFte ? o.n : 0) : o.n), 0));
        for (const o of observations) {
          const fte = target === 'baseline' && isFte ? o.n : 0;
          if (o.sg.text) note('staffGroup', o.sg, rowNumber, target === 'baseline' ? fte : o.n);
          if (target !== 'baseline' && o.year === null) {
            noYear(rowNumber);
            continue;
          }
          addTo(
            o.sg, o.year, fte,
            target === 'baseline' && measure === 'headcount' ? o.n : 0,
            target === 'baseline' && measure === 'establishment' ? o.n : 0,
            o.n, target === 'baseline' && isFte, target === 'baseline' && measure === 'headcount', target === 'baseline' && measure === 'establishment', rowNumber,
          );
        }
        return;
      }

      let bad = false;
      let fte: number | null = null;
      let head: number | null = null;
      let est: number | null = null;
      let value: number | null = null;
      if (cFte >= 0) {
        const n = num(row, cFte, rowNumber, 'FTE', allowNegative);
        if (n === 'bad') bad = true;
        else fte = n;
      }
      if (cHours >= 0 && fte === null) {
        const n = num(row, cHours, rowNumber, 'Hours', false);
        if (n === 'bad') bad = true;
        else if (n !== null) fte = n / hoursPerFte;
      }
      if (cHead >= 0) {
        const n = num(row, cHead, rowNumber, 'Headcount', false);
        if (n === 'bad') bad = true;
        else head = n;
      }
      if (cEst >= 0) {
        const n = num(row, cEst, rowNumber, 'Establishment', false);
        if (n === 'bad') bad = true;
        else est = n;
      }
      if (cValue >= 0) {
        const n = num(row, cValue, rowNumber, measure === 'headcount' ? 'Headcount' : target === 'baseline' ? 'FTE' : 'Value', allowNegative);
        if (n === 'bad') bad = true;
        else value = n;
        if (target === 'baseline' && value !== null) {
          if (measure === 'fte') fte = (fte ?? 0) + value;
          else if (measure === 'headcount') head = (head ?? 0) + value;
          else if (measure === 'establishment') est = (est ?? 0) + value;
          else if (fte === null && head === null && est === null) {
            skip('measure', rowNumber, 'the figures are not known to be FTE or headcount');
            return;
          }
        }
      }
      if (target !== 'baseline' && value === null && fte !== null) value = fte;
      if (personLevel && head === null && target === 'baseline') head = 1;
      if (personLevel && fte !== null && fte > 1.5) problem('warning', rowNumber, cFte >= 0 ? cFte : cHours, `FTE ${fte.toFixed(2)} is above 1.5 for one person: check the contract.`);
      if (bad) {
        noteKeys(rowNumber, 0);
        if (staffGroup.text) note('staffGroup', staffGroup, rowNumber, 0);
        return;
      }
      if (fte === null && head === null && est === null && value === null) {
        skip('blank', rowNumber, 'no figures');
        return;
      }
      const amount = target === 'baseline' ? (fte ?? 0) : (value ?? 0);
      out.rowsUsed++;
      noteKeys(rowNumber, amount);
      if (staffGroup.text) note('staffGroup', staffGroup, rowNumber, amount);
      if (target !== 'baseline' && year === null) {
        noYear(rowNumber);
        return;
      }
      addTo(staffGroup, year, fte ?? 0, head ?? 0, est ?? 0, value ?? 0, fte !== null, head !== null, est !== null, rowNumber);
    },
    onProgress,
  );
  for (const [c, s] of suppressedCols) {
    out.warnings++;
    out.problems.push({
      severity: 'warning',
      file: file.fileName,
      sheet: sheetName,
      row: s.first,
      column: colName(c),
      message: `${s.rows.toLocaleString('en-GB')} cell${s.rows === 1 ? ' holds' : 's hold'} a suppression mark (such as * or -): read as no value.`,
    });
  }
  out.groups = groupList;
  out.problemGroups = [...buckets.values()];
  for (const [k, byValue] of distinct) for (const v of byValue.values()) out.distinct[k].push(v);
  return out;
}
