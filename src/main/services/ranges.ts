/**
 * Ranges on a scenario's uncertain inputs: the rule that a range holds its central value
 * (checked before any write, with a message that says what to do; the database's CHECK is the
 * backstop), the assumption note that puts a range in the register, and "Fill typical ranges".
 */
import { AppError } from '../../shared/api/errors';
import { formatPercent } from '../../shared/format';
import { typicalRanges, type TypicalRange } from '../../shared/model';
import { AGE_BAND_COUNT } from '../../shared/model/types';
import type { Db } from '../db/connection';
import { recordChange } from '../db/changes';
import { loadScenarioInputs } from '../db/repos/model-inputs';
import { addNoteIfNone, deleteNote, setAssumption } from '../db/repos/assumptions';
import { countRanged, setRange } from '../db/repos/ranges';
import { ensureRate } from '../db/repos/workforce';
import { requireScenario } from './scenarios';

/** One ranged input of a kind of row. */
export interface RangeSpec {
  /** The input in words, for messages: "Leaver rate". */
  label: string;
  low: string;
  high: string;
  /** The central value of a row, or 1 for a multiplier of the plan's own numbers. */
  central: (row: Record<string, unknown>) => number;
  /** The assumption note's field: "leaverRateRange". */
  note: string;
  /** Column prefix in the table: "leaver_rate" (…_low, …_high). */
  column: string;
  /** How the register shows a value of it. */
  show: (v: number) => string;
}

const pct = (v: number) => formatPercent(v);
const signedPct = (v: number) => `${v > 0 ? '+' : ''}${formatPercent(v)}`;
const fieldOf = (row: Record<string, unknown>, key: string): number => {
  const v = row[key];
  return typeof v === 'number' ? v : 0;
};

export const WORKFORCE_RANGES: RangeSpec[] = [
  {
    label: 'Leaver rate',
    low: 'leaverRateLow',
    high: 'leaverRateHigh',
    central: (r) => fieldOf(r, 'leaverRate'),
    note: 'leaverRateRange',
    column: 'leaver_rate',
    show: pct,
  },
  {
    label: 'Retirement (share of the rates entered)',
    low: 'retirementLow',
    high: 'retirementHigh',
    central: () => 1,
    note: 'retirementRange',
    column: 'retirement',
    show: pct,
  },
  {
    label: 'Agency share',
    low: 'agencyShareLow',
    high: 'agencyShareHigh',
    central: (r) => fieldOf(r, 'agencyShare'),
    note: 'agencyShareRange',
    column: 'agency_share',
    show: pct,
  },
];
export const PIPELINE_RANGES: RangeSpec[] = [
  {
    label: 'Attrition',
    low: 'attritionLow',
    high: 'attritionHigh',
    central: (r) => fieldOf(r, 'attrition'),
    note: 'attritionRange',
    column: 'attrition',
    show: pct,
  },
  {
    label: 'Conversion to a post',
    low: 'conversionLow',
    high: 'conversionHigh',
    central: (r) => fieldOf(r, 'conversion'),
    note: 'conversionRange',
    column: 'conversion',
    show: pct,
  },
  {
    label: 'Intake fill (share of planned starters)',
    low: 'intakeFillLow',
    high: 'intakeFillHigh',
    central: () => 1,
    note: 'intakeFillRange',
    column: 'intake_fill',
    show: pct,
  },
];
export const JOINER_RANGES: RangeSpec[] = [
  { label: 'Joiners (share of the FTE entered)', low: 'fteLow', high: 'fteHigh', central: () => 1, note: 'fteRange', column: 'fte', show: pct },
];
export const DRIVER_RANGES: RangeSpec[] = [
  { label: 'Growth', low: 'growthLow', high: 'growthHigh', central: (r) => fieldOf(r, 'growth'), note: 'growthRange', column: 'growth', show: signedPct },
];

/** Every range field's note name → its spec, for the register. */
export const RANGE_NOTES: Record<string, RangeSpec> = Object.fromEntries(
  [...WORKFORCE_RANGES, ...PIPELINE_RANGES, ...JOINER_RANGES, ...DRIVER_RANGES].map((s) => [s.note, s]),
);

const side = (row: Record<string, unknown>, key: string): number | null => {
  const v = row[key];
  return typeof v === 'number' ? v : null;
};

/**
 * Refuses a row whose ranges would not hold their central values, saying which and what to do.
 * `row` is the row as it would be after the edit.
 */
export function checkRanges(specs: readonly RangeSpec[], row: Record<string, unknown>): void {
  for (const s of specs) {
    const c = s.central(row);
    const low = side(row, s.low);
    const high = side(row, s.high);
    if (low !== null && high !== null && low > high) {
      throw new AppError('VALIDATION', `${s.label}: the low value (${s.show(low)}) is above the high value (${s.show(high)}).`, {
        [s.low]: 'Above the high value',
      });
    }
    if (low !== null && low > c) {
      throw new AppError(
        'VALIDATION',
        `${s.label}: the low value (${s.show(low)}) is above the central value (${s.show(c)}). A range must hold its central value: change the range, or clear it, so that low ≤ central ≤ high.`,
        { [s.low]: 'Above the central value' },
      );
    }
    if (high !== null && high < c) {
      throw new AppError(
        'VALIDATION',
        `${s.label}: the high value (${s.show(high)}) is below the central value (${s.show(c)}). A range must hold its central value: change the range, or clear it, so that low ≤ central ≤ high.`,
        { [s.high]: 'Below the central value' },
      );
    }
  }
}

/** A range in words: "8.0 % to 12.0 % (central 10.0 %)"; a missing side is the central value. */
export function describeRange(s: RangeSpec, row: Record<string, unknown>): string {
  const c = s.central(row);
  const low = side(row, s.low) ?? c;
  const high = side(row, s.high) ?? c;
  return `${s.show(low)} to ${s.show(high)} (central ${s.show(c)})`;
}

const hasRange = (s: RangeSpec, row: Record<string, unknown>) => side(row, s.low) !== null || side(row, s.high) !== null;

export const HAND_RANGE_SOURCE = 'Range entered by hand; where it comes from is not recorded yet: say so here.';

/**
 * Keeps the register in step with an edit: a range set where there was none gets a note (marked
 * illustrative, until the planner records its source), and a range cleared loses its note.
 * Runs inside the edit's change, so Undo takes both back.
 */
export function syncRangeNotes(
  db: Db,
  entity: string,
  entityId: number,
  specs: readonly RangeSpec[],
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): void {
  for (const s of specs) {
    const had = hasRange(s, before);
    const has = hasRange(s, after);
    if (!had && has) {
      addNoteIfNone(db, entity, entityId, s.note, 'illustrative', HAND_RANGE_SOURCE);
    } else if (had && !has) {
      deleteNote(db, entity, entityId, s.note);
    }
  }
}

const RULE_SPECS: Record<TypicalRange['field'], RangeSpec> = {
  leaverRate: WORKFORCE_RANGES[0]!,
  retirement: WORKFORCE_RANGES[1]!,
  agencyShare: WORKFORCE_RANGES[2]!,
  attrition: PIPELINE_RANGES[0]!,
  conversion: PIPELINE_RANGES[1]!,
  intakeFill: PIPELINE_RANGES[2]!,
  fte: JOINER_RANGES[0]!,
  growth: DRIVER_RANGES[0]!,
};

/**
 * "Fill typical ranges": every uncertain input of the scenario without a range gets the typical
 * one (typical-ranges.ts), marked illustrative with its rule as the source. Ranges already set
 * are left alone. One change: a single Undo removes them all.
 */
export function fillTypicalRanges(db: Db, scenarioId: number): { filled: number } {
  const scenario = requireScenario(db, scenarioId);
  const ranges = typicalRanges(loadScenarioInputs(db, scenarioId));
  if (ranges.length === 0) return { filled: 0 };
  recordChange(db, { source: 'typical ranges', summary: `Filled ${ranges.length} typical ranges (illustrative) in "${scenario.name}"`, scenarioId }, () => {
    for (const r of ranges) {
      const spec = RULE_SPECS[r.field];
      let table: string;
      let id: number;
      if (r.entity === 'cell') {
        // A range lives on the scenario's rates row. A cell without one has zero rates, which get
        // no typical range, so the row is there; the insert only guards that.
        table = 'workforce_rate';
        id = ensureRate(db, scenarioId, r.orgId, r.roleId, {
          leaverRate: 0,
          retirementByBand: new Array<number>(AGE_BAND_COUNT).fill(0),
          agencyShare: 0,
          agencyCostPerFte: 0,
        });
      } else {
        table = r.entity === 'pipeline' ? 'pipeline' : r.entity === 'joiner' ? 'other_joiner' : 'growth_driver';
        id = r.id;
      }
      setRange(db, table, spec.column, id, r.low, r.high);
      setAssumption(db, table, id, spec.note, 'illustrative', r.source);
    }
  });
  return { filled: ranges.length };
}

/** How many of the scenario's inputs carry a range (of any width). */
export function countRanges(db: Db, scenarioId: number): number {
  const count = (table: string, specs: readonly RangeSpec[]) =>
    countRanged(
      db,
      table,
      specs.map((s) => s.column),
      scenarioId,
    );
  return (
    count('workforce_rate', WORKFORCE_RANGES) +
    count('pipeline', PIPELINE_RANGES) +
    count('other_joiner', JOINER_RANGES) +
    count('growth_driver', DRIVER_RANGES)
  );
}
