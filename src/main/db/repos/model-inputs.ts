/** Reads a scenario's rows into the engine's inputs. */
import {
  AGE_BAND_COUNT,
  type DemandChange,
  type GrowthDriver,
  type OtherJoiner,
  type OtherJoinerKind,
  type ScenarioInputs,
  type Target,
  type WorkforceCell,
} from '../../../shared/model/types';
import type { Db } from '../connection';
import { getPlanSettings } from './meta';
import { pipelinesForModel } from './pipelines';
import { TARGET_SQL, type TargetDbRow } from './targets';
import { statement } from '../statements';

export function parseBands(json: string): number[] {
  const v = JSON.parse(json) as unknown;
  if (!Array.isArray(v) || v.length !== AGE_BAND_COUNT || v.some((x) => typeof x !== 'number')) throw new Error('Malformed age-band array');
  return v as number[];
}

interface CellRow {
  baseline_id: number;
  rate_id: number | null;
  org_id: number;
  role_id: number;
  fte: number;
  headcount: number;
  establishment: number;
  age_profile: string;
  leaver_rate: number | null;
  retirement_by_band: string | null;
  agency_share: number | null;
  agency_cost_per_fte: number | null;
  leaver_rate_low: number | null;
  leaver_rate_high: number | null;
  retirement_low: number | null;
  retirement_high: number | null;
  agency_share_low: number | null;
  agency_share_high: number | null;
}

/** A workforce cell with the ids of its baseline row and (if the scenario has one) its rates row, and its ranges (null: none). */
export interface WorkforceCellRow extends WorkforceCell {
  baselineId: number;
  rateId: number | null;
  leaverRateLow: number | null;
  leaverRateHigh: number | null;
  retirementLow: number | null;
  retirementHigh: number | null;
  agencyShareLow: number | null;
  agencyShareHigh: number | null;
}

/**
 * Baseline rows joined with the scenario's rates (a row without rates has zero rates), in
 * organisation and role order; optionally one organisation × role.
 */
export function workforceRows(db: Db, scenarioId: number, only?: { orgId: number; roleId: number } | { roleId: number }): WorkforceCellRow[] {
  const select = `SELECT b.id AS baseline_id, r.id AS rate_id, b.org_id, b.role_id, b.fte, b.headcount, b.establishment, b.age_profile,
              r.leaver_rate, r.retirement_by_band, r.agency_share, r.agency_cost_per_fte,
              r.leaver_rate_low, r.leaver_rate_high, r.retirement_low, r.retirement_high, r.agency_share_low, r.agency_share_high
       FROM workforce_baseline b
       JOIN organisation o ON o.id = b.org_id JOIN role ro ON ro.id = b.role_id
       LEFT JOIN workforce_rate r ON r.scenario_id = ? AND r.org_id = b.org_id AND r.role_id = b.role_id`;
  // One cell is looked up by its unique key (an index seek), never by scanning the baseline.
  const rows = (
    only && 'orgId' in only
      ? statement(db, `${select} WHERE b.org_id = ? AND b.role_id = ?`).all(scenarioId, only.orgId, only.roleId)
      : only
        ? statement(db, `${select} WHERE b.role_id = ? ORDER BY o.sort, o.id`).all(scenarioId, only.roleId)
        : statement(db, `${select} ORDER BY o.sort, o.id, ro.sort, ro.id`).all(scenarioId)
  ) as CellRow[];
  return rows.map((r) => ({
    baselineId: r.baseline_id,
    rateId: r.rate_id,
    orgId: r.org_id,
    roleId: r.role_id,
    fte: r.fte,
    headcount: r.headcount,
    establishment: r.establishment,
    ageProfile: parseBands(r.age_profile),
    leaverRate: r.leaver_rate ?? 0,
    retirementByBand: r.retirement_by_band ? parseBands(r.retirement_by_band) : new Array<number>(AGE_BAND_COUNT).fill(0),
    agencyShare: r.agency_share ?? 0,
    agencyCostPerFte: r.agency_cost_per_fte ?? 0,
    leaverRateLow: r.leaver_rate_low,
    leaverRateHigh: r.leaver_rate_high,
    retirementLow: r.retirement_low,
    retirementHigh: r.retirement_high,
    agencyShareLow: r.agency_share_low,
    agencyShareHigh: r.agency_share_high,
  }));
}

/** Other joiners with their range (a multiplier of every year's FTE; null: none). */
export type OtherJoinerWithRange = OtherJoiner & { fteLow: number | null; fteHigh: number | null };

export function otherJoiners(db: Db, scenarioId: number): OtherJoinerWithRange[] {
  const rows = statement(db, 'SELECT id, kind, org_id, role_id, entrant_age_band, fte_low, fte_high FROM other_joiner WHERE scenario_id = ? ORDER BY id').all(
    scenarioId,
  ) as {
    id: number;
    kind: OtherJoinerKind;
    org_id: number;
    role_id: number;
    entrant_age_band: number;
    fte_low: number | null;
    fte_high: number | null;
  }[];
  const fte = statement(
    db,
    'SELECT f.other_joiner_id AS id, f.year, f.fte FROM other_joiner_fte f JOIN other_joiner j ON j.id = f.other_joiner_id WHERE j.scenario_id = ? ORDER BY f.year',
  ).all(scenarioId) as { id: number; year: number; fte: number }[];
  const byId = new Map<number, Record<number, number>>();
  for (const f of fte) {
    const m = byId.get(f.id) ?? {};
    m[f.year] = f.fte;
    byId.set(f.id, m);
  }
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    orgId: r.org_id,
    roleId: r.role_id,
    entrantAgeBand: r.entrant_age_band,
    fteByYear: byId.get(r.id) ?? {},
    fteLow: r.fte_low,
    fteHigh: r.fte_high,
  }));
}

/** One joiner row with its yearly FTE and range, or undefined when there is none with that id. */
export function otherJoiner(db: Db, joinerId: number): (OtherJoinerWithRange & { scenarioId: number }) | undefined {
  const r = statement(db, 'SELECT id, scenario_id, kind, org_id, role_id, entrant_age_band, fte_low, fte_high FROM other_joiner WHERE id = ?').get(joinerId) as
    | {
        id: number;
        scenario_id: number;
        kind: OtherJoinerKind;
        org_id: number;
        role_id: number;
        entrant_age_band: number;
        fte_low: number | null;
        fte_high: number | null;
      }
    | undefined;
  if (!r) return undefined;
  const fteByYear: Record<number, number> = {};
  for (const f of statement(db, 'SELECT year, fte FROM other_joiner_fte WHERE other_joiner_id = ? ORDER BY year').all(joinerId) as {
    year: number;
    fte: number;
  }[])
    fteByYear[f.year] = f.fte;
  return {
    id: r.id,
    scenarioId: r.scenario_id,
    kind: r.kind,
    orgId: r.org_id,
    roleId: r.role_id,
    entrantAgeBand: r.entrant_age_band,
    fteByYear,
    fteLow: r.fte_low,
    fteHigh: r.fte_high,
  };
}

/** A growth driver with its range (fractions; null: none). */
export type GrowthDriverWithRange = GrowthDriver & { growthLow: number | null; growthHigh: number | null };

export function growthDrivers(db: Db, scenarioId: number): GrowthDriverWithRange[] {
  return statement(
    db,
    `SELECT id, name, growth, start_year AS startYear, end_year AS endYear, org_id AS orgId, role_id AS roleId, staff_group AS staffGroup,
              growth_low AS growthLow, growth_high AS growthHigh
       FROM growth_driver WHERE scenario_id = ? ORDER BY id`,
  ).all(scenarioId) as GrowthDriverWithRange[];
}

export function demandChanges(db: Db, scenarioId: number): (DemandChange & { description: string })[] {
  return statement(
    db,
    'SELECT id, org_id AS orgId, role_id AS roleId, year, delta_fte AS deltaFte, description FROM demand_change WHERE scenario_id = ? ORDER BY year, id',
  ).all(scenarioId) as (DemandChange & { description: string })[];
}

/** Everything the engine needs to project one scenario. */
export function loadScenarioInputs(db: Db, scenarioId: number): ScenarioInputs {
  const settings = getPlanSettings(db);
  return {
    baseYear: settings.baseYear,
    horizonYear: settings.horizonYear,
    organisations: statement(db, 'SELECT id, code, name FROM organisation ORDER BY sort, id').all() as ScenarioInputs['organisations'],
    roles: statement(db, 'SELECT id, code, name, staff_group AS staffGroup FROM role ORDER BY sort, id').all() as ScenarioInputs['roles'],
    workforce: workforceRows(db, scenarioId),
    pipelines: pipelinesForModel(db, scenarioId),
    otherJoiners: otherJoiners(db, scenarioId),
    growthDrivers: growthDrivers(db, scenarioId),
    demandChanges: demandChanges(db, scenarioId),
  };
}

export interface TargetRow extends Target {
  lineageIds: number[];
  sort: number;
}

/** The plan's targets, with pipeline lineages resolved to this scenario's pipeline ids. */
export function loadTargets(db: Db, scenarioId: number): TargetRow[] {
  const rows = statement(db, `${TARGET_SQL} ORDER BY sort, id`).all() as TargetDbRow[];
  const lineages = statement(db, 'SELECT target_id, lineage_id FROM target_pipeline').all() as { target_id: number; lineage_id: number }[];
  const pipelineByLineage = new Map<number, number[]>();
  for (const p of statement(db, 'SELECT id, lineage_id FROM pipeline WHERE scenario_id = ?').all(scenarioId) as { id: number; lineage_id: number }[]) {
    pipelineByLineage.set(p.lineage_id, [...(pipelineByLineage.get(p.lineage_id) ?? []), p.id]);
  }
  return rows.map((r) => {
    const lineageIds = lineages.filter((l) => l.target_id === r.id).map((l) => l.lineage_id);
    return {
      id: r.id,
      name: r.name,
      metric: r.metric,
      pipelineIds: lineageIds.flatMap((l) => pipelineByLineage.get(l) ?? []),
      lineageIds,
      orgId: r.org_id,
      roleId: r.role_id,
      year: r.year,
      value: r.value,
      comparison: r.comparison,
      sort: r.sort,
    };
  });
}
