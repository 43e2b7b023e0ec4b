/**
 * "Fill typical ranges": a low and a high value for every uncertain input that has no range
 * yet, by a stated rule per kind of input. They are illustrative: allowances the app assumes for
 * not knowing a number exactly, not published figures; each carries its rule as its source so
 * that the assumptions register shows it, and a planner can replace it with local evidence.
 */
import type { ScenarioInputs } from './types';

export type TypicalRangeField = 'leaverRate' | 'retirement' | 'agencyShare' | 'attrition' | 'conversion' | 'intakeFill' | 'fte' | 'growth';

export type TypicalRangeTarget =
  | { entity: 'cell'; orgId: number; roleId: number; field: 'leaverRate' | 'retirement' | 'agencyShare' }
  | { entity: 'pipeline'; id: number; field: 'attrition' | 'conversion' | 'intakeFill' }
  | { entity: 'joiner'; id: number; field: 'fte' }
  | { entity: 'driver'; id: number; field: 'growth' };

export type TypicalRange = TypicalRangeTarget & {
  low: number;
  high: number;
  /** The rule, in words, for the assumptions register. */
  source: string;
};

const ILLUSTRATIVE = 'Typical range (illustrative), filled by the app:';
const ASSUMED = 'An assumed allowance for not knowing the number exactly, not a published figure: replace it with local evidence where there is some.';

/** The rules, in words: also what the README and the window say about "Fill typical ranges". */
export const TYPICAL_RULES: Record<TypicalRangeField, string> = {
  leaverRate: `${ILLUSTRATIVE} the central leaver rate ±20 % of itself (10 % becomes 8 % to 12 %). ${ASSUMED}`,
  retirement: `${ILLUSTRATIVE} every age band's retirement probability × 0.8 to × 1.25. ${ASSUMED}`,
  agencyShare: `${ILLUSTRATIVE} the central agency share ±10 percentage points (within 0 % to 100 %). ${ASSUMED}`,
  attrition: `${ILLUSTRATIVE} the central attrition ±5 percentage points (within 0 % to 100 %). ${ASSUMED}`,
  conversion: `${ILLUSTRATIVE} from 10 percentage points below the central conversion to 5 above it (within 0 % to 100 %). ${ASSUMED}`,
  intakeFill: `${ILLUSTRATIVE} 85 % to 105 % of the planned starters start (falling short of plan more likely than recruiting above it). ${ASSUMED}`,
  fte: `${ILLUSTRATIVE} 70 % to 110 % of the planned FTE joins each year. ${ASSUMED}`,
  growth: `${ILLUSTRATIVE} half to one and a half times the central growth (+5.5 % becomes +2.75 % to +8.25 %). ${ASSUMED}`,
};

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
/** Six decimals are plenty for a rate and keep 0.1 × 0.8 from showing as 0.08000000000000002. */
const tidy = (v: number) => Math.round(v * 1e6) / 1e6;
const empty = (low: number | null | undefined, high: number | null | undefined) => (low === null || low === undefined) && (high === null || high === undefined);

/** A range around `central`, tidied, never crossing it; null when it has no width. */
function around(central: number, low: number, high: number): { low: number; high: number } | null {
  const lo = Math.min(tidy(low), central);
  const hi = Math.max(tidy(high), central);
  return hi > lo ? { low: lo, high: hi } : null;
}

/**
 * The typical range of every uncertain input of a scenario that has none yet (neither side set),
 * skipping inputs that cannot matter: a zero leaver rate or agency share, a pipeline with no
 * starters, a joiners row with no FTE, a driver with no growth.
 */
export function typicalRanges(inputs: ScenarioInputs): TypicalRange[] {
  const out: TypicalRange[] = [];
  for (const c of inputs.workforce) {
    const cell = { entity: 'cell' as const, orgId: c.orgId, roleId: c.roleId };
    if (empty(c.leaverRateLow, c.leaverRateHigh) && c.leaverRate > 0) {
      const r = around(c.leaverRate, c.leaverRate * 0.8, Math.min(1, c.leaverRate * 1.2));
      if (r) out.push({ ...cell, field: 'leaverRate', ...r, source: TYPICAL_RULES.leaverRate });
    }
    if (empty(c.retirementLow, c.retirementHigh) && c.retirementByBand.some((x) => x > 0)) {
      out.push({ ...cell, field: 'retirement', low: 0.8, high: 1.25, source: TYPICAL_RULES.retirement });
    }
    if (empty(c.agencyShareLow, c.agencyShareHigh) && c.agencyShare > 0) {
      const r = around(c.agencyShare, clamp(c.agencyShare - 0.1, 0, 1), clamp(c.agencyShare + 0.1, 0, 1));
      if (r) out.push({ ...cell, field: 'agencyShare', ...r, source: TYPICAL_RULES.agencyShare });
    }
  }
  for (const p of inputs.pipelines) {
    if (!Object.values(p.intakes).some((n) => n > 0)) continue;
    const pipe = { entity: 'pipeline' as const, id: p.id };
    if (empty(p.attritionLow, p.attritionHigh)) {
      const r = around(p.attrition, clamp(p.attrition - 0.05, 0, 1), clamp(p.attrition + 0.05, 0, 1));
      if (r) out.push({ ...pipe, field: 'attrition', ...r, source: TYPICAL_RULES.attrition });
    }
    if (empty(p.conversionLow, p.conversionHigh)) {
      const r = around(p.conversion, clamp(p.conversion - 0.1, 0, 1), clamp(p.conversion + 0.05, 0, 1));
      if (r) out.push({ ...pipe, field: 'conversion', ...r, source: TYPICAL_RULES.conversion });
    }
    if (empty(p.intakeFillLow, p.intakeFillHigh)) out.push({ ...pipe, field: 'intakeFill', low: 0.85, high: 1.05, source: TYPICAL_RULES.intakeFill });
  }
  for (const j of inputs.otherJoiners) {
    if (empty(j.fteLow, j.fteHigh) && Object.values(j.fteByYear).some((v) => v > 0))
      out.push({ entity: 'joiner', id: j.id, field: 'fte', low: 0.7, high: 1.1, source: TYPICAL_RULES.fte });
  }
  for (const d of inputs.growthDrivers) {
    if (!empty(d.growthLow, d.growthHigh) || d.growth === 0) continue;
    const r = around(d.growth, Math.min(d.growth * 0.5, d.growth * 1.5), Math.max(d.growth * 0.5, d.growth * 1.5));
    if (r) out.push({ entity: 'driver', id: d.id, field: 'growth', ...r, source: TYPICAL_RULES.growth });
  }
  return out;
}

/** The inputs with the typical ranges applied (for a simulation that must not write to the plan, e.g. the command line). */
export function withTypicalRanges(inputs: ScenarioInputs): ScenarioInputs {
  const ranges = typicalRanges(inputs);
  const cell = new Map<string, TypicalRange[]>();
  const byId = new Map<string, TypicalRange[]>();
  for (const r of ranges) {
    const key = r.entity === 'cell' ? `${r.orgId}:${r.roleId}` : `${r.entity}:${r.id}`;
    const map = r.entity === 'cell' ? cell : byId;
    map.set(key, [...(map.get(key) ?? []), r]);
  }
  const sides = (list: TypicalRange[] | undefined): Record<string, number> => {
    const o: Record<string, number> = {};
    for (const r of list ?? []) {
      o[`${r.field}Low`] = r.low;
      o[`${r.field}High`] = r.high;
    }
    return o;
  };
  return {
    ...inputs,
    workforce: inputs.workforce.map((c) => ({ ...c, ...sides(cell.get(`${c.orgId}:${c.roleId}`)) })),
    pipelines: inputs.pipelines.map((p) => ({ ...p, ...sides(byId.get(`pipeline:${p.id}`)) })),
    otherJoiners: inputs.otherJoiners.map((j) => ({ ...j, ...sides(byId.get(`joiner:${j.id}`)) })),
    growthDrivers: inputs.growthDrivers.map((d) => ({ ...d, ...sides(byId.get(`driver:${d.id}`)) })),
  };
}
