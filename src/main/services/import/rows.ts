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
import { LIMITS, columnLetter } from './limits';
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

function text(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  return String(v).trim();
}

function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
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
    column: col === null ? null : `${columnLetter(col)}${ctx.headers[col] ? ` (${ctx.headers[col]})` : ''}`,
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
  // Columns whose text may be quoted in messages: everything the mapping reads except dates of birth.
  const keyCols = [cOrg, cOrgName, cSg, cRole, cPipeline].filter((c) => c >= 0);

  const groups = new Map<string, Group>();
  // Per kind, keyed by the value itself: no key strings built per row (a million rows).
  const distinct = new Map<DistinctKind, Map<string, ValueStat>>();
  // The same few texts repeat down a column: remember what each one was found to be.
  const subtotalSeen = new Map<string, boolean>();
  const isSubtotal = (t: string): boolean => {
    let v = subtotalSeen.get(t);
    if (v === undefined) {
      v = SUBTOTAL.test(t);
      if (subtotalSeen.size < 50_000) subtotalSeen.set(t, v);
    }
    return v;
  };
  const bandSeen = new Map<string, number | null>();
  const bandOf = (t: string): number | null => {
    let v = bandSeen.get(t);
    if (v === undefined) {
      v = ageBandFromText(t);
      if (bandSeen.size < 10_000) bandSeen.set(t, v);
    }
    return v;
  };
  const suppressedCols = new Map<number, { rows: number; first: number }>();
  const note = (kind: DistinctKind, value: string, row: number, amount: number) => {
    let byValue = distinct.get(kind);
    if (!byValue) {
      byValue = new Map();
      distinct.set(kind, byValue);
    }
    const s = byValue.get(value);
    if (s) {
      s.rows++;
      s.total += amount;
    } else byValue.set(value, { value, rows: 1, firstRow: row, total: amount });
  };

  const num = (row: CellValue[], c: number, rowNumber: number, label: string, allowNegative: boolean): number | null | 'bad' => {
    const v = row[c];
    if (isBlank(v)) return null;
    let n: number;
    if (typeof v === 'number') n = v;
    else if (typeof v === 'boolean') {
      problem(ctx, 'error', rowNumber, c, `${v ? 'TRUE' : 'FALSE'} is not a number.`);
      return 'bad';
    } else {
      const t = String(v).trim();
      if (SUPPRESSED.has(t.toLowerCase())) {
        const s = suppressedCols.get(c);
        if (s) s.rows++;
        else suppressedCols.set(c, { rows: 1, first: rowNumber });
        return null;
      }
      // Plain decimals ("0.8") are by far the commonest: read them without the full parser.
      if (PLAIN_NUMBER.test(t)) {
        n = Number(t);
        if (n < 0 && !allowNegative) {
          problem(ctx, 'error', rowNumber, c, `${label} ${minus(n)} is negative.`);
          return 'bad';
        }
        return n;
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

  const width = headers.length;
  const fromRow = mapping.headerRow + 1;
  await forEachRow(
    file,
    sheetName,
    fromRow,
    (row, rowNumber) => {
      out.rowsRead++;
      let filled = 0;
      for (let c = 0; c < Math.max(row.length, width); c++) if (!isBlank(row[c])) filled++;
      if (filled === 0) {
        out.skipped.blank++;
        return;
      }
      // A total or subtotal row is skipped, never summed.
      for (const c of keyCols.length > 0 ? keyCols : [0, 1, 2]) {
        if (isSubtotal(text(row[c]))) {
          out.skipped.subtotal++;
          return;
        }
      }
      if (filled === 1 && !isBlank(row[0]) && typeof row[0] === 'string' && row[0].length > 25) {
        out.skipped.blank++; // a footnote
        return;
      }
      const org = text(cOrg >= 0 ? row[cOrg] : row[cOrgName]);
      const orgName = cOrgName >= 0 ? text(row[cOrgName]) : '';
      if ((cOrg >= 0 || cOrgName >= 0) && org === '') {
        // A region or group heading with a figure beside it: a subtotal in a cross-tab.
        out.skipped.subtotal++;
        return;
      }
      const period = cPeriod >= 0 ? text(row[cPeriod]) : '';
      if (cPeriod >= 0) note('period', period, rowNumber, 0);
      if (wantPeriod !== undefined && wantPeriod !== '' && period.toLowerCase() !== wantPeriod) {
        out.skipped.filtered++;
        return;
      }
      const staffGroup = cSg >= 0 ? text(row[cSg]) : '';
      const role = cRole >= 0 ? text(row[cRole]) : '';
      const pipeline = cPipeline >= 0 ? text(row[cPipeline]) : '';
      const kind = cKind >= 0 ? text(row[cKind]) : (mapping.options.joinerKind ?? '');
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
        const m = text(row[cMeasure]);
        note('measure', m, rowNumber, 0);
        measure = measureOf(m);
        if (measure === null) {
          out.skipped.filtered++;
          return;
        }
      }
      let ageBand: number | null = null;
      if (cAge >= 0) ageBand = bandOf(text(row[cAge]));
      else if (cDob >= 0 && !isBlank(row[cDob])) {
        const age = ageFromBirth(row[cDob] ?? null, today);
        if (age === null) problem(ctx, 'warning', rowNumber, cDob, 'The date of birth is not a date between 14 and 100 years ago: the age band is left unknown.');
        else ageBand = ageBandFromAge(age);
      }

      const observations: { sg: string; year: number | null; fte: number; head: number; est: number; value: number; hasF: boolean; hasH: boolean; hasE: boolean }[] = [];
      let bad = false;
      const allowNegative = target === 'demand';
      if (wide.length > 0) {
        for (const w of wide) {
          const n = num(row, w.index, rowNumber, target === 'baseline' ? 'FTE' : 'Value', allowNegative);
          if (n === 'bad') {
            bad = true;
            continue;
          }
          if (n === null) continue;
          const isFte = target === 'baseline' ? measure === 'fte' : true;
          observations.push({
            sg: w.staffGroup ?? staffGroup,
            year: w.year ?? year,
            fte: target === 'baseline' && isFte ? n : 0,
            head: target === 'baseline' && measure === 'headcount' ? n : 0,
            est: target === 'baseline' && measure === 'establishment' ? n : 0,
            value: n,
            hasF: target === 'baseline' && isFte,
            hasH: measure === 'headcount',
            hasE: measure === 'establishment',
          });
        }
      } else {
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
        if (fte !== null || head !== null || est !== null || value !== null) {
          observations.push({ sg: staffGroup, year, fte: fte ?? 0, head: head ?? 0, est: est ?? 0, value: value ?? 0, hasF: fte !== null, hasH: head !== null, hasE: est !== null });
        }
      }
      if (bad) return;
      if (observations.length === 0) {
        out.skipped.blank++;
        return;
      }
      if (org === '' && target !== 'intakes') {
        problem(ctx, 'error', rowNumber, null, 'The row has no organisation: fill it in or delete the row.');
        return;
      }
      out.rowsUsed++;
      if (org) note('org', org, rowNumber, observations.reduce((a, o) => a + (target === 'baseline' ? o.fte : o.value), 0));
      if (role) note('role', role, rowNumber, 0);
      if (pipeline) note('pipeline', pipeline, rowNumber, 0);
      if (kind) note('kind', kind, rowNumber, 0);
      for (const o of observations) {
        if (o.sg) note('staffGroup', o.sg, rowNumber, target === 'baseline' ? o.fte : o.value);
        if (target !== 'baseline' && o.year === null) {
          problem(ctx, 'error', rowNumber, cValue >= 0 ? cValue : null, 'The row has no year: map a Year column, or use a column per year.');
          continue;
        }
        const key = `${org}\u0000${o.sg}\u0000${role}\u0000${pipeline}\u0000${kind}\u0000${period}\u0000${o.year ?? ''}`;
        let g = groups.get(key);
        if (!g) {
          g = {
            org, orgName, staffGroup: o.sg, role, pipeline, kind, period, year: o.year,
            fte: 0, headcount: 0, establishment: 0, value: 0, hasFte: false, hasHeadcount: false, hasEstablishment: false,
            ageFte: new Array<number>(AGE_BAND_COUNT).fill(0), rows: 0, firstRow: rowNumber,
          };
          groups.set(key, g);
        }
        g.fte += o.fte;
        g.headcount += o.head;
        g.establishment += o.est;
        g.value += o.value;
        g.hasFte ||= o.hasF;
        g.hasHeadcount ||= o.hasH;
        g.hasEstablishment ||= o.hasE;
        g.rows++;
        if (ageBand !== null) g.ageFte[ageBand]! += o.fte > 0 ? o.fte : o.head;
      }
    },
    onProgress,
  );
  for (const [c, s] of suppressedCols) {
    problem(ctx, 'warning', s.first, c, `${s.rows.toLocaleString('en-GB')} cell${s.rows === 1 ? '' : 's'} hold a suppression mark (such as * or -): read as no value.`);
  }
  out.groups = [...groups.values()];
  for (const [kind, byValue] of distinct) for (const v of byValue.values()) out.distinct[kind].push(v);
  return out;
}
