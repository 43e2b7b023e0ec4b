/**
 * What the pass over a sheet's rows (rows.ts) produces, and the tables it fills as it goes: the
 * groups of rows by the file's own key values, the distinct values of each key field, and the
 * problems filed under their organisation, role and staff group (a few listed, every one counted).
 */
import type { ImportProblem, SkipReason, ValueStat } from '../../../shared/api/channels/import';
import { AGE_BAND_COUNT } from '../../../shared/model/types';
import { KEY_LIMIT, type KeyPart } from './cells';

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

/** Problems listed per organisation × role × staff group, and in all: every one is counted. */
const LISTED_PER_GROUP = 50;
const LISTED_IN_ALL = 5_000;

export class ProblemFiler {
  private readonly buckets = new Map<string, ProblemGroup>();
  private listed = 0;

  constructor(
    private readonly out: RowsOutput,
    private readonly fileName: string,
    private readonly sheet: string,
    private readonly colName: (c: number) => string,
  ) {}

  /** Counts a problem of a row, and lists it under its keys while there is room. */
  file(severity: 'error' | 'warning', row: number, c: number | null, message: string, org: string, role: string, staffGroup: string): void {
    if (severity === 'error') this.out.errors++;
    else this.out.warnings++;
    const k = `${org}\u0000${role}\u0000${staffGroup}`;
    let b = this.buckets.get(k);
    if (!b) {
      b = { org, role, staffGroup, errors: 0, warnings: 0, problems: [] };
      this.buckets.set(k, b);
    }
    if (severity === 'error') b.errors++;
    else b.warnings++;
    if (b.problems.length >= LISTED_PER_GROUP || this.listed >= LISTED_IN_ALL) return;
    this.listed++;
    b.problems.push({ severity, file: this.fileName, sheet: this.sheet, row, column: c === null ? null : this.colName(c), message });
  }

  /** One warning per column that held suppression marks. */
  suppressed(columns: Map<number, { rows: number; first: number }>): void {
    for (const [c, s] of columns) {
      this.out.warnings++;
      this.out.problems.push({
        severity: 'warning',
        file: this.fileName,
        sheet: this.sheet,
        row: s.first,
        column: this.colName(c),
        message: `${s.rows.toLocaleString('en-GB')} cell${s.rows === 1 ? ' holds' : 's hold'} a suppression mark (such as * or -): read as no value.`,
      });
    }
  }

  groups(): ProblemGroup[] {
    return [...this.buckets.values()];
  }
}

/** The distinct values of each key field, with how many rows hold each and their total. */
export class DistinctValues {
  private readonly byKind = new Map<DistinctKind, Map<string, ValueStat>>();

  note(kind: DistinctKind, p: KeyPart, row: number, amount: number): void {
    const s = (p.stat ??= this.statOf(kind, p.text, row));
    s.rows++;
    s.total += amount;
  }

  into(out: RowsOutput): void {
    for (const [k, byValue] of this.byKind) for (const v of byValue.values()) out.distinct[k].push(v);
  }

  private statOf(kind: DistinctKind, value: string, row: number): ValueStat {
    let byValue = this.byKind.get(kind);
    if (!byValue) {
      byValue = new Map();
      this.byKind.set(kind, byValue);
    }
    let s = byValue.get(value);
    if (!s) {
      s = { value, rows: 0, firstRow: row, total: 0 };
      byValue.set(value, s);
    }
    return s;
  }
}

export interface GroupKey {
  org: KeyPart;
  orgName: KeyPart;
  staffGroup: KeyPart;
  role: KeyPart;
  pipeline: KeyPart;
  kind: KeyPart;
  period: KeyPart;
}

/** The groups of rows, by their key values' numbers (a number key while the numbers allow). */
export class GroupTable {
  readonly list: Group[] = [];
  private readonly groups = new Map<number | string, Map<number | string, Group>>();

  /** Adds one observation of a row into its group. */
  add(
    k: GroupKey,
    year: number | null,
    ageBand: number | null,
    fte: number,
    head: number,
    est: number,
    value: number,
    hasF: boolean,
    hasH: boolean,
    hasE: boolean,
    rowNumber: number,
  ): void {
    const { org, staffGroup: sg, role, pipeline, kind, period } = k;
    const yearCode = year === null ? 0 : year + 1;
    const k1 =
      org.id < KEY_LIMIT && sg.id < KEY_LIMIT && role.id < KEY_LIMIT ? (org.id * KEY_LIMIT + sg.id) * KEY_LIMIT + role.id : `${org.id},${sg.id},${role.id}`;
    const k2 =
      pipeline.id < 4096 && kind.id < 2048 && period.id < 2048 && yearCode < 16384 && yearCode >= 0
        ? ((pipeline.id * 2048 + kind.id) * 2048 + period.id) * 16384 + yearCode
        : `${pipeline.id},${kind.id},${period.id},${yearCode}`;
    let inner = this.groups.get(k1);
    if (!inner) {
      inner = new Map();
      this.groups.set(k1, inner);
    }
    let g = inner.get(k2);
    if (!g) {
      g = {
        org: org.text,
        orgName: k.orgName.text,
        staffGroup: sg.text,
        role: role.text,
        pipeline: pipeline.text,
        kind: kind.text,
        period: period.text,
        year,
        fte: 0,
        headcount: 0,
        establishment: 0,
        value: 0,
        hasFte: false,
        hasHeadcount: false,
        hasEstablishment: false,
        ageFte: new Array<number>(AGE_BAND_COUNT).fill(0),
        rows: 0,
        firstRow: rowNumber,
      };
      inner.set(k2, g);
      this.list.push(g);
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
  }
}
