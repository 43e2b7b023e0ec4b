/**
 * The pass over a sheet's data rows (inside the worker): recognises blank, notes and subtotal
 * rows, reads numbers, checks them, and adds every row into groups keyed by the file's own
 * organisation, staff group, role, pipeline, year and period values. Nothing here knows the
 * plan; main maps the groups' keys onto it. Personal columns are never read; a date of birth
 * is read only to work out an age band and is then forgotten.
 */
import type { CellValue, ColumnMap, ImportMapping, ImportProblem, ValueStat } from '../../../shared/api/channels/import';
import { AGE_BAND_COUNT } from '../../../shared/model/types';
import { parseNumberText } from '../../../shared/numbers';
import { cellText, columnLetter, LIMITS } from './limits';
import type { LoadedFile } from './read';
import { forEachRow } from './read';

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

export interface RowsOutput {
  rowsRead: number;
  rowsUsed: number;
  skipped: { blank: number; subtotal: number; filtered: number };
  problems: ImportProblem[];
  errors: number;
  warnings: number;
  groups: Group[];
  distinct: Record<DistinctKind, ValueStat[]>;
}

const PLAIN_NUMBER = /^-?\d{1,15}(\.\d{1,15})?$/;
const SUPPRESSED = new Set(['*', '-', '..', ':', 'x', '~', '–', '—', 'c', '[c]', '[x]', '[z]']);
const SUBTOTAL = /(^|\s)(sub-?\s*)?totals?(\s|$|:)|^grand total|^all (organisations|trusts|staff groups|staff|regions|roles)$|^england$/i;

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
}

export type Measure = 'fte' | 'headcount' | 'establishment' | null;

export function measureOf(value: string): Measure {
  const n = value.toLowerCase().replace(/[\s_-]+/g, '');
  if (n.includes('fte') || n.includes('wte') || n.includes('fulltimeequivalent')) return n.includes('budget') || n.includes('establishment') ? 'establishment' : 'fte';
  if (n.includes('headcount') || n === 'heads' || n.includes('staffcount')) return 'headcount';
  if (n.includes('establishment') || n.includes('budget')) return 'establishment';
  return null;
}

export function yearFromValue(v: CellValue): number | null {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1990 && v <= 2100) return v;
  const m = /^(?:fy\s*)?(\d{4})(?:\s*[/\-–]\s*\d{2,4})?$/i.exec(text(v));
  return m ? Number(m[1]) : null;
}

interface Ctx {
  file: string;
  sheet: string;
  headers: string[];
  out: RowsOutput;
}

function problem(ctx: Ctx, severity: 'error' | 'warning', row: number | null, col: number | null, message: string): void {
  if (severity === 'error') ctx.out.errors++;
  else ctx.out.warnings++;
  if (ctx.out.problems.length >= LIMITS.problemsListed) return;
  ctx.out.problems.push({
    severity,
    file: ctx.file,
    sheet: ctx.sheet,
    row,
    column: col === null ? null : `${columnLetter(col)}${ctx.headers[col] ? ` (${cellText(ctx.headers[col])})` : ''}`,
    message,
  });
}

const minus = (n: number) => (n < 0 ? `−${String(-n)}` : String(n));

/** Runs the mapping over every data row. */
export async function readGroups(
  file: LoadedFile,
  mapping: ImportMapping,
  headers: string[],
  onProgress: (fraction: number) => void,
  today = new Date(),
): Promise<RowsOutput> {
  const out: RowsOutput = {
    rowsRead: 0,
    rowsUsed: 0,
    skipped: { blank: 0, subtotal: 0, filtered: 0 },
    problems: [],
    errors: 0,
    warnings: 0,
    groups: [],
    distinct: { org: [], staffGroup: [], role: [], pipeline: [], period: [], measure: [], kind: [] },
  };
  const sheetName = mapping.sheet;
  const ctx: Ctx = { file: file.fileName, sheet: sheetName, headers, out };
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

  const num = (row: CellValue[], c: number, rowNumber: number, label: string, allowNegative: boolean): number | null | 'bad' => {
    const v = row[c];
    if (isBlank(v)) return null;
    let n: number;
    if (typeof v === 'number') n = v;
    else if (typeof v === 'boolean') {
      problem(ctx, 'error', rowNumber, c, `${v ? 'TRUE' : 'FALSE'} is not a number.`);
      return 'bad';
    } else {
      const t = text(v);
      // Plain decimals ("0.8") are by far the commonest: read them without the full parser.
      if (PLAIN_NUMBER.test(t)) {
        n = Number(t);
        if (n < 0 && !allowNegative) {
          problem(ctx, 'error', rowNumber, c, `${label} ${minus(n)} is negative.`);
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
        problem(ctx, 'error', rowNumber, c, `'${t.length > 40 ? `${t.slice(0, 40)}…` : t}' is not a number.`);
        return 'bad';
      }
      if (p.value === null) return null;
      n = p.value;
    }
    if (!Number.isFinite(n)) {
      problem(ctx, 'error', rowNumber, c, `${label} is not a finite number.`);
      return 'bad';
    }
    if (n < 0 && !allowNegative) {
      problem(ctx, 'error', rowNumber, c, `${label} ${minus(n)} is negative.`);
      return 'bad';
    }
    return n;
  };

  // The key of the row being read, shared with addTo() and useRow(). A field the mapping does
  // not read is the empty text of that field's own table, so ids never collide across tables.
  const noOrgName = parts.orgName.get('');
  const noStaffGroup = parts.staffGroup.get('');
  const noRole = parts.role.get('');
  const noPipeline = parts.pipeline.get('');
  const noPeriod = parts.period.get('');
  let org = orgParts.get('');
  let orgName = noOrgName;
  let role = noRole;
  let pipeline = noPipeline;
  let kind = fixedKind;
  let period = noPeriod;
  let ageBand: number | null = null;
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
  /** Counts the current row as used and notes its key values; false (and an error) when it has no organisation. */
  const useRow = (rowNumber: number, amount: number): boolean => {
    if (org.text === '' && target !== 'intakes') {
      problem(ctx, 'error', rowNumber, null, 'The row has no organisation: fill it in or delete the row.');
      return false;
    }
    out.rowsUsed++;
    if (org.text) note('org', org, rowNumber, amount);
    if (role.text) note('role', role, rowNumber, 0);
    if (pipeline.text) note('pipeline', pipeline, rowNumber, 0);
    if (kind.text) note('kind', kind, rowNumber, 0);
    return true;
  };
  const noYear = (rowNumber: number) => problem(ctx, 'error', rowNumber, cValue >= 0 ? cValue : null, 'The row has no year: map a Year column, or use a column per year.');

  const width = headers.length;
  const fromRow = mapping.headerRow + 1;
  const allowNegative = target === 'demand';
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
        return;
      }
      // A total or subtotal row is skipped, never summed.
      for (const k of keyColumns) {
        const p = k.parts.get(row[k.c]);
        if ((p.subtotal ??= SUBTOTAL.test(p.text))) {
          out.skipped.subtotal++;
          return;
        }
      }
      if (filled === 1 && !isBlank(row[0]) && typeof row[0] === 'string' && row[0].length > 25) {
        out.skipped.blank++; // a footnote
        return;
      }
      org = orgParts.get(row[orgSource]);
      orgName = cOrgName >= 0 ? parts.orgName.get(row[cOrgName]) : noOrgName;
      if (orgSource >= 0 && org.text === '') {
        // A region or group heading with a figure beside it: a subtotal in a cross-tab.
        out.skipped.subtotal++;
        return;
      }
      period = cPeriod >= 0 ? parts.period.get(row[cPeriod]) : noPeriod;
      if (cPeriod >= 0) note('period', period, rowNumber, 0);
      if (wantPeriod !== undefined && wantPeriod !== '' && !(period.wanted ??= period.text.toLowerCase() === wantPeriod)) {
        out.skipped.filtered++;
        return;
      }
      const staffGroup = cSg >= 0 ? parts.staffGroup.get(row[cSg]) : noStaffGroup;
      role = cRole >= 0 ? parts.role.get(row[cRole]) : noRole;
      pipeline = cPipeline >= 0 ? parts.pipeline.get(row[cPipeline]) : noPipeline;
      kind = cKind >= 0 ? parts.kind.get(row[cKind]) : fixedKind;
      let year: number | null = null;
      if (cYear >= 0) {
        year = yearFromValue(row[cYear] ?? null);
        if (year === null) {
          problem(ctx, 'error', rowNumber, cYear, `'${text(row[cYear]).slice(0, 20)}' is not a year: write it as 2024/25 or 2024.`);
          return;
        }
      }
      let measure: Measure = 'fte';
      if (cMeasure >= 0) {
        const m = parts.measure.get(row[cMeasure]);
        note('measure', m, rowNumber, 0);
        measure = m.measure === undefined ? (m.measure = measureOf(m.text)) : m.measure;
        if (measure === null) {
          out.skipped.filtered++;
          return;
        }
      }
      ageBand = null;
      if (cAge >= 0) ageBand = bandOf(row[cAge]);
      else if (cDob >= 0 && !isBlank(row[cDob])) {
        const age = ageFromBirth(row[cDob] ?? null, today);
        if (age === null) problem(ctx, 'warning', rowNumber, cDob, 'The date of birth is not a date between 14 and 100 years ago: the age band is left unknown.');
        else ageBand = ageBandFromAge(age);
      }

      if (wide.length > 0) {
        // A column per year or staff group: every cell is read before any is added, so that
        // a row with a bad cell adds nothing.
        const observations: { sg: KeyPart; year: number | null; n: number }[] = [];
        let bad = false;
        for (let i = 0; i < wide.length; i++) {
          const w = wide[i]!;
          const n = num(row, w.index, rowNumber, target === 'baseline' ? 'FTE' : 'Value', allowNegative);
          if (n === 'bad') bad = true;
          else if (n !== null) observations.push({ sg: wideGroup[i] ?? staffGroup, year: w.year ?? year, n });
        }
        if (bad) return;
        if (observations.length === 0) {
          out.skipped.blank++;
          return;
        }
        const isFte = target === 'baseline' ? measure === 'fte' : true;
        if (!useRow(rowNumber, observations.reduce((a, o) => a + (target === 'baseline' ? (isFte ? o.n : 0) : o.n), 0))) return;
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
            o.n, target === 'baseline' && isFte, measure === 'headcount', measure === 'establishment', rowNumber,
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
          else est = (est ?? 0) + value;
        }
      }
      if (target !== 'baseline' && value === null && fte !== null) value = fte;
      if (personLevel && head === null && target === 'baseline') head = 1;
      if (personLevel && fte !== null && fte > 1.5) problem(ctx, 'warning', rowNumber, cFte >= 0 ? cFte : cHours, `FTE ${fte.toFixed(2)} is above 1.5 for one person: check the contract.`);
      if (bad) return;
      if (fte === null && head === null && est === null && value === null) {
        out.skipped.blank++;
        return;
      }
      const amount = target === 'baseline' ? (fte ?? 0) : (value ?? 0);
      if (!useRow(rowNumber, amount)) return;
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
    problem(ctx, 'warning', s.first, c, `${s.rows.toLocaleString('en-GB')} cell${s.rows === 1 ? '' : 's'} hold a suppression mark (such as * or -): read as no value.`);
  }
  out.groups = groupList;
  for (const [kind, byValue] of distinct) for (const v of byValue.values()) out.distinct[kind].push(v);
  return out;
}
