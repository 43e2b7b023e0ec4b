/**
 * Reading and changing the engine's inputs. Every write is one recorded change (undoable,
 * audited) and is checked against the plan's organisations, roles and years first.
 */
import type {
  AssumptionRow,
  DemandChangeRow,
  DemandInputs,
  GrowthDriverRow,
  OtherJoinerRow,
  TargetDto,
  WorkforceRow,
} from '../../shared/api/dto';
import { AppError } from '../../shared/api/errors';
import type { WorkforceChanges } from '../../shared/api/schemas';
import { formatFte, formatMoney, formatPercent, yearLabel } from '../../shared/format';
import { AGE_BAND_COUNT, type AssumptionStatus, type OtherJoinerKind, type ShortageCriteria, type TargetMetric } from '../../shared/model/types';
import type { Db } from '../db/connection';
import { recordChange } from '../db/changes';
import { assumptionsFor, assumptionsOf, setAssumption } from '../db/repos/assumptions';
import { getPlanSettings } from '../db/repos/meta';
import { demandChanges, growthDrivers, otherJoiner, otherJoiners, workforceRows } from '../db/repos/model-inputs';
import { checkRanges, describeRange, DRIVER_RANGES, JOINER_RANGES, RANGE_NOTES, syncRangeNotes, WORKFORCE_RANGES } from './ranges';
import { requireScenario } from './scenarios';
import { statement } from '../db/statements';

type JoinerRanges = { fteLow: number | null; fteHigh: number | null };
type DriverRanges = { growthLow: number | null; growthHigh: number | null };

function orgName(db: Db, orgId: number): string {
  const r = statement(db, 'SELECT name FROM organisation WHERE id = ?').get(orgId) as { name: string } | undefined;
  if (!r) throw new AppError('VALIDATION', `Organisation ${orgId} is not in the plan.`, { orgId: 'Unknown organisation' });
  return r.name;
}

function roleName(db: Db, roleId: number): string {
  const r = statement(db, 'SELECT name FROM role WHERE id = ?').get(roleId) as { name: string } | undefined;
  if (!r) throw new AppError('VALIDATION', `Role ${roleId} is not in the plan.`, { roleId: 'Unknown role' });
  return r.name;
}

function assertYearInPlan(db: Db, year: number): void {
  const { baseYear, horizonYear } = getPlanSettings(db);
  if (year < baseYear - 10 || year > horizonYear) {
    throw new AppError('VALIDATION', `${yearLabel(year)} is outside the plan (${yearLabel(baseYear)} to ${yearLabel(horizonYear)}).`, { year: 'Outside the plan' });
  }
}

// ---------------------------------------------------------------- workforce (baseline + rates)

const ZERO_BANDS = (): number[] => new Array<number>(AGE_BAND_COUNT).fill(0);

export function listWorkforce(db: Db, scenarioId: number, filter?: { orgId: number; roleId: number }): WorkforceRow[] {
  requireScenario(db, scenarioId);
  const baselineNotes = assumptionsFor(db, 'workforce_baseline');
  const rateNotes = assumptionsFor(db, 'workforce_rate');
  return workforceRows(db, scenarioId, filter).map((r) => ({
    ...r,
    assumptions: { ...(baselineNotes.get(r.baselineId) ?? {}), ...(r.rateId !== null ? (rateNotes.get(r.rateId) ?? {}) : {}) },
  }));
}

/** One cell with its notes, read on its own: a change to one cell costs the same however many there are. */
function requireWorkforce(db: Db, scenarioId: number, orgId: number, roleId: number): WorkforceRow {
  requireScenario(db, scenarioId);
  const row = workforceRows(db, scenarioId, { orgId, roleId })[0];
  if (!row) throw new AppError('NOT_FOUND', `${roleName(db, roleId)} at ${orgName(db, orgId)} is not in the baseline.`);
  return {
    ...row,
    assumptions: { ...assumptionsOf(db, 'workforce_baseline', row.baselineId), ...(row.rateId !== null ? assumptionsOf(db, 'workforce_rate', row.rateId) : {}) },
  };
}

export function createWorkforce(db: Db, scenarioId: number, orgId: number, roleId: number): WorkforceRow {
  requireScenario(db, scenarioId);
  const label = `${roleName(db, roleId)} at ${orgName(db, orgId)}`;
  if (statement(db, 'SELECT 1 FROM workforce_baseline WHERE org_id = ? AND role_id = ?').get(orgId, roleId)) {
    throw new AppError('CONFLICT', `${label} is already in the baseline.`);
  }
  recordChange(db, { source: 'grid', summary: `Added ${label} to the baseline`, scenarioId }, () => {
    statement(db, 'INSERT INTO workforce_baseline (org_id, role_id, fte, headcount, establishment, age_profile) VALUES (?, ?, 0, 0, 0, ?)').run(
      orgId,
      roleId,
      JSON.stringify(ZERO_BANDS()),
    );
  });
  return requireWorkforce(db, scenarioId, orgId, roleId);
}

const BASELINE_COLUMNS = { fte: 'fte', headcount: 'headcount', establishment: 'establishment', ageProfile: 'age_profile' } as const;
const RATE_COLUMNS = {
  leaverRate: 'leaver_rate',
  retirementByBand: 'retirement_by_band',
  agencyShare: 'agency_share',
  agencyCostPerFte: 'agency_cost_per_fte',
  leaverRateLow: 'leaver_rate_low',
  leaverRateHigh: 'leaver_rate_high',
  retirementLow: 'retirement_low',
  retirementHigh: 'retirement_high',
  agencyShareLow: 'agency_share_low',
  agencyShareHigh: 'agency_share_high',
} as const;

function describeWorkforceValue(key: keyof WorkforceChanges, v: unknown): string {
  if (Array.isArray(v)) return v.map((x: number) => formatPercent(x)).join(' / ');
  if (v === null) return 'none';
  if (typeof v !== 'number') return typeof v === 'string' ? v : JSON.stringify(v);
  if (key === 'leaverRate' || key === 'agencyShare' || key.endsWith('Low') || key.endsWith('High')) return formatPercent(v);
  if (key === 'agencyCostPerFte') return formatMoney(v);
  return formatFte(v);
}

export function updateWorkforce(db: Db, scenarioId: number, orgId: number, roleId: number, changes: WorkforceChanges, source = 'grid'): WorkforceRow {
  const before = requireWorkforce(db, scenarioId, orgId, roleId);
  const keys = Object.keys(changes) as (keyof WorkforceChanges)[];
  const summary = `${roleName(db, roleId)} at ${orgName(db, orgId)}: ${keys.map((k) => `${k} ${describeWorkforceValue(k, before[k])} → ${describeWorkforceValue(k, changes[k])}`).join(', ')}`;
  const encode = (v: unknown) => (Array.isArray(v) ? JSON.stringify(v) : v);
  const after = { ...before, ...changes };
  checkRanges(WORKFORCE_RANGES, after);
  recordChange(db, { source, summary, scenarioId }, () => {
    const baselineKeys = keys.filter((k): k is keyof typeof BASELINE_COLUMNS => k in BASELINE_COLUMNS);
    if (baselineKeys.length > 0) {
      statement(db, `UPDATE workforce_baseline SET ${baselineKeys.map((k) => `${BASELINE_COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`).run(
        ...baselineKeys.map((k) => encode(changes[k])),
        before.baselineId,
      );
    }
    const rateKeys = keys.filter((k): k is keyof typeof RATE_COLUMNS => k in RATE_COLUMNS);
    if (rateKeys.length > 0) {
      statement(db, 
        `INSERT INTO workforce_rate (scenario_id, org_id, role_id, leaver_rate, retirement_by_band, agency_share, agency_cost_per_fte)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scenario_id, org_id, role_id) DO NOTHING`,
      ).run(scenarioId, orgId, roleId, before.leaverRate, JSON.stringify(before.retirementByBand), before.agencyShare, before.agencyCostPerFte);
      statement(db, `UPDATE workforce_rate SET ${rateKeys.map((k) => `${RATE_COLUMNS[k]} = ?`).join(', ')} WHERE scenario_id = ? AND org_id = ? AND role_id = ?`).run(
        ...rateKeys.map((k) => encode(changes[k])),
        scenarioId,
        orgId,
        roleId,
      );
      const rate = statement(db, 'SELECT id FROM workforce_rate WHERE scenario_id = ? AND org_id = ? AND role_id = ?').get(scenarioId, orgId, roleId) as { id: number };
      syncRangeNotes(db, 'workforce_rate', rate.id, WORKFORCE_RANGES, before as unknown as Record<string, unknown>, after);
    }
  });
  return requireWorkforce(db, scenarioId, orgId, roleId);
}

/** Removes a cell from the baseline and from every scenario's rates. */
export function deleteWorkforce(db: Db, orgId: number, roleId: number): { deleted: number } {
  const label = `${roleName(db, roleId)} at ${orgName(db, orgId)}`;
  const deleted = recordChange(db, { source: 'grid', summary: `Removed ${label} from the baseline` }, () => {
    for (const entity of ['workforce_baseline', 'workforce_rate'] as const) {
      const table = entity;
      statement(db, `DELETE FROM assumption WHERE entity = ? AND entity_id IN (SELECT id FROM ${table} WHERE org_id = ? AND role_id = ?)`).run(entity, orgId, roleId);
    }
    statement(db, 'DELETE FROM workforce_rate WHERE org_id = ? AND role_id = ?').run(orgId, roleId);
    return statement(db, 'DELETE FROM workforce_baseline WHERE org_id = ? AND role_id = ?').run(orgId, roleId).changes;
  });
  if (deleted === 0) throw new AppError('NOT_FOUND', `${label} is not in the baseline.`);
  return { deleted };
}

// ---------------------------------------------------------------- other joiners

export function listJoiners(db: Db, scenarioId: number): OtherJoinerRow[] {
  requireScenario(db, scenarioId);
  const notes = assumptionsFor(db, 'other_joiner');
  return otherJoiners(db, scenarioId).map((j) => ({ ...j, scenarioId, assumptions: notes.get(j.id) ?? {} }));
}

/** One joiner row, read on its own: a change to one row costs the same however many rows there are. */
function requireJoiner(db: Db, joinerId: number): OtherJoinerRow {
  const row = otherJoiner(db, joinerId);
  if (!row) throw new AppError('NOT_FOUND', `Joiner row ${joinerId} does not exist (it may have been deleted).`);
  return { ...row, assumptions: assumptionsOf(db, 'other_joiner', joinerId) };
}

interface JoinerFields {
  kind: OtherJoinerKind;
  orgId: number;
  roleId: number;
  entrantAgeBand: number;
}

function joinerLabel(db: Db, j: { kind: string; orgId: number; roleId: number }): string {
  return `${j.kind.replace(/-/g, ' ')} joiners: ${roleName(db, j.roleId)} at ${orgName(db, j.orgId)}`;
}

function uniqueJoinerError(db: Db, j: JoinerFields): AppError {
  return new AppError('CONFLICT', `There is already a row of ${joinerLabel(db, j)} in this scenario: change that row instead.`);
}

export function createJoiner(db: Db, scenarioId: number, fields: JoinerFields): OtherJoinerRow {
  requireScenario(db, scenarioId);
  const label = joinerLabel(db, fields);
  if (statement(db, 'SELECT 1 FROM other_joiner WHERE scenario_id = ? AND kind = ? AND org_id = ? AND role_id = ?').get(scenarioId, fields.kind, fields.orgId, fields.roleId)) {
    throw uniqueJoinerError(db, fields);
  }
  const id = recordChange(db, { source: 'grid', summary: `Added ${label}`, scenarioId }, () =>
    Number(
      statement(db, 'INSERT INTO other_joiner (scenario_id, kind, org_id, role_id, entrant_age_band) VALUES (?, ?, ?, ?, ?)')
        .run(scenarioId, fields.kind, fields.orgId, fields.roleId, fields.entrantAgeBand).lastInsertRowid,
    ),
  );
  return requireJoiner(db, id);
}

export function updateJoiner(db: Db, joinerId: number, changes: Partial<JoinerFields & JoinerRanges>): OtherJoinerRow {
  const before = requireJoiner(db, joinerId);
  const next = { ...before, ...changes };
  joinerLabel(db, next);
  checkRanges(JOINER_RANGES, next);
  const clash = statement(db, 'SELECT 1 FROM other_joiner WHERE scenario_id = ? AND kind = ? AND org_id = ? AND role_id = ? AND id <> ?')
    .get(before.scenarioId, next.kind, next.orgId, next.roleId, joinerId);
  if (clash) throw uniqueJoinerError(db, next);
  recordChange(db, { source: 'grid', summary: `Changed ${joinerLabel(db, before)}`, scenarioId: before.scenarioId }, () => {
    statement(db, 'UPDATE other_joiner SET kind = ?, org_id = ?, role_id = ?, entrant_age_band = ?, fte_low = ?, fte_high = ? WHERE id = ?').run(
      next.kind,
      next.orgId,
      next.roleId,
      next.entrantAgeBand,
      next.fteLow,
      next.fteHigh,
      joinerId,
    );
    syncRangeNotes(db, 'other_joiner', joinerId, JOINER_RANGES, before as unknown as Record<string, unknown>, next);
  });
  return requireJoiner(db, joinerId);
}

export function setJoinerFte(db: Db, joinerId: number, year: number, fte: number | null, source = 'grid'): OtherJoinerRow {
  const before = requireJoiner(db, joinerId);
  assertYearInPlan(db, year);
  const old = before.fteByYear[year];
  recordChange(
    db,
    { source, summary: `${joinerLabel(db, before)} ${yearLabel(year)}: ${old === undefined ? 'none' : formatFte(old)} → ${fte === null ? 'none' : formatFte(fte)}`, scenarioId: before.scenarioId },
    () => {
      if (fte === null) statement(db, 'DELETE FROM other_joiner_fte WHERE other_joiner_id = ? AND year = ?').run(joinerId, year);
      else
        statement(db, 'INSERT INTO other_joiner_fte (other_joiner_id, year, fte) VALUES (?, ?, ?) ON CONFLICT (other_joiner_id, year) DO UPDATE SET fte = excluded.fte').run(
          joinerId,
          year,
          fte,
        );
    },
  );
  return requireJoiner(db, joinerId);
}

export function deleteJoiner(db: Db, joinerId: number): { deleted: number } {
  const before = requireJoiner(db, joinerId);
  const deleted = recordChange(db, { source: 'grid', summary: `Deleted ${joinerLabel(db, before)}`, scenarioId: before.scenarioId }, () => {
    statement(db, "DELETE FROM assumption WHERE entity = 'other_joiner' AND entity_id = ?").run(joinerId);
    return statement(db, 'DELETE FROM other_joiner WHERE id = ?').run(joinerId).changes;
  });
  return { deleted };
}

// ---------------------------------------------------------------- demand

export function listDemand(db: Db, scenarioId: number): DemandInputs {
  requireScenario(db, scenarioId);
  const driverNotes = assumptionsFor(db, 'growth_driver');
  const changeNotes = assumptionsFor(db, 'demand_change');
  return {
    drivers: growthDrivers(db, scenarioId).map((d) => ({ ...d, assumptions: driverNotes.get(d.id) ?? {} })),
    changes: demandChanges(db, scenarioId).map((c) => ({ ...c, assumptions: changeNotes.get(c.id) ?? {} })),
  };
}

interface DriverFields {
  name: string;
  growth: number;
  startYear: number;
  endYear: number;
  orgId: number | null;
  roleId: number | null;
  staffGroup: string | null;
}

function requireDriver(db: Db, driverId: number): GrowthDriverRow & { scenarioId: number } {
  const row = statement(db, 
      'SELECT id, scenario_id AS scenarioId, name, growth, start_year AS startYear, end_year AS endYear, org_id AS orgId, role_id AS roleId, staff_group AS staffGroup, growth_low AS growthLow, growth_high AS growthHigh FROM growth_driver WHERE id = ?',
    )
    .get(driverId) as (Omit<GrowthDriverRow, 'assumptions'> & { scenarioId: number }) | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Growth driver ${driverId} does not exist (it may have been deleted).`);
  return { ...row, assumptions: assumptionsOf(db, 'growth_driver', driverId) };
}

function checkDriver(db: Db, d: DriverFields): void {
  if (d.endYear < d.startYear) throw new AppError('VALIDATION', `The driver ends (${yearLabel(d.endYear)}) before it starts (${yearLabel(d.startYear)}).`, { endYear: 'Before the start' });
  if (d.orgId !== null) orgName(db, d.orgId);
  if (d.roleId !== null) roleName(db, d.roleId);
}

export function createDriver(db: Db, scenarioId: number, fields: DriverFields): GrowthDriverRow {
  requireScenario(db, scenarioId);
  checkDriver(db, fields);
  const id = recordChange(db, { source: 'grid', summary: `Added growth driver "${fields.name}"`, scenarioId }, () =>
    Number(
      statement(db, 'INSERT INTO growth_driver (scenario_id, name, growth, start_year, end_year, org_id, role_id, staff_group) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(scenarioId, fields.name, fields.growth, fields.startYear, fields.endYear, fields.orgId, fields.roleId, fields.staffGroup).lastInsertRowid,
    ),
  );
  return requireDriver(db, id);
}

export function updateDriver(db: Db, driverId: number, changes: Partial<DriverFields & DriverRanges>): GrowthDriverRow {
  const before = requireDriver(db, driverId);
  const next = { ...before, ...changes };
  checkDriver(db, next);
  checkRanges(DRIVER_RANGES, next);
  recordChange(db, { source: 'grid', summary: `Changed growth driver "${before.name}"`, scenarioId: before.scenarioId }, () => {
    statement(db, 'UPDATE growth_driver SET name = ?, growth = ?, start_year = ?, end_year = ?, org_id = ?, role_id = ?, staff_group = ?, growth_low = ?, growth_high = ? WHERE id = ?').run(
      next.name,
      next.growth,
      next.startYear,
      next.endYear,
      next.orgId,
      next.roleId,
      next.staffGroup,
      next.growthLow,
      next.growthHigh,
      driverId,
    );
    syncRangeNotes(db, 'growth_driver', driverId, DRIVER_RANGES, before as unknown as Record<string, unknown>, next);
  });
  return requireDriver(db, driverId);
}

export function deleteDriver(db: Db, driverId: number): { deleted: number } {
  const before = requireDriver(db, driverId);
  const deleted = recordChange(db, { source: 'grid', summary: `Deleted growth driver "${before.name}"`, scenarioId: before.scenarioId }, () => {
    statement(db, "DELETE FROM assumption WHERE entity = 'growth_driver' AND entity_id = ?").run(driverId);
    return statement(db, 'DELETE FROM growth_driver WHERE id = ?').run(driverId).changes;
  });
  return { deleted };
}

interface ChangeFields {
  orgId: number;
  roleId: number;
  year: number;
  deltaFte: number;
  description: string;
}

function requireDemandChange(db: Db, changeId: number): DemandChangeRow & { scenarioId: number } {
  const row = statement(db, 'SELECT id, scenario_id AS scenarioId, org_id AS orgId, role_id AS roleId, year, delta_fte AS deltaFte, description FROM demand_change WHERE id = ?')
    .get(changeId) as (Omit<DemandChangeRow, 'assumptions'> & { scenarioId: number }) | undefined;
  if (!row) throw new AppError('NOT_FOUND', `Demand change ${changeId} does not exist (it may have been deleted).`);
  return { ...row, assumptions: assumptionsOf(db, 'demand_change', changeId) };
}

function changeLabel(db: Db, c: ChangeFields): string {
  return `${c.deltaFte >= 0 ? '+' : ''}${formatFte(c.deltaFte)} FTE ${roleName(db, c.roleId)} at ${orgName(db, c.orgId)} from ${yearLabel(c.year)}`;
}

export function createDemandChange(db: Db, scenarioId: number, fields: ChangeFields): DemandChangeRow {
  requireScenario(db, scenarioId);
  assertYearInPlan(db, fields.year);
  const id = recordChange(db, { source: 'grid', summary: `Added demand change ${changeLabel(db, fields)}`, scenarioId }, () =>
    Number(
      statement(db, 'INSERT INTO demand_change (scenario_id, org_id, role_id, year, delta_fte, description) VALUES (?, ?, ?, ?, ?, ?)')
        .run(scenarioId, fields.orgId, fields.roleId, fields.year, fields.deltaFte, fields.description).lastInsertRowid,
    ),
  );
  return requireDemandChange(db, id);
}

export function updateDemandChange(db: Db, changeId: number, changes: Partial<ChangeFields>): DemandChangeRow {
  const before = requireDemandChange(db, changeId);
  const next = { ...before, ...changes };
  assertYearInPlan(db, next.year);
  recordChange(db, { source: 'grid', summary: `Changed demand change to ${changeLabel(db, next)}`, scenarioId: before.scenarioId }, () => {
    statement(db, 'UPDATE demand_change SET org_id = ?, role_id = ?, year = ?, delta_fte = ?, description = ? WHERE id = ?').run(
      next.orgId,
      next.roleId,
      next.year,
      next.deltaFte,
      next.description,
      changeId,
    );
  });
  return requireDemandChange(db, changeId);
}

export function deleteDemandChange(db: Db, changeId: number): { deleted: number } {
  const before = requireDemandChange(db, changeId);
  const deleted = recordChange(db, { source: 'grid', summary: `Deleted demand change ${changeLabel(db, before)}`, scenarioId: before.scenarioId }, () => {
    statement(db, "DELETE FROM assumption WHERE entity = 'demand_change' AND entity_id = ?").run(changeId);
    return statement(db, 'DELETE FROM demand_change WHERE id = ?').run(changeId).changes;
  });
  return { deleted };
}

// ---------------------------------------------------------------- targets

interface TargetFields {
  name: string;
  metric: TargetMetric;
  lineageIds: number[];
  orgId: number | null;
  roleId: number | null;
  year: number;
  value: number | null;
  comparison: 'at-least' | 'at-most';
}

export function listTargets(db: Db): TargetDto[] {
  const notes = assumptionsFor(db, 'target');
  const rows = statement(db, 'SELECT id, name, metric, org_id, role_id, year, value, comparison FROM target ORDER BY sort, id').all() as {
    id: number;
    name: string;
    metric: TargetMetric;
    org_id: number | null;
    role_id: number | null;
    year: number;
    value: number | null;
    comparison: 'at-least' | 'at-most';
  }[];
  const lineages = statement(db, 'SELECT target_id, lineage_id FROM target_pipeline ORDER BY lineage_id').all() as { target_id: number; lineage_id: number }[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    metric: r.metric,
    lineageIds: lineages.filter((l) => l.target_id === r.id).map((l) => l.lineage_id),
    orgId: r.org_id,
    roleId: r.role_id,
    year: r.year,
    value: r.value,
    comparison: r.comparison,
    assumptions: notes.get(r.id) ?? {},
  }));
}

function requireTarget(db: Db, targetId: number): TargetDto {
  const t = listTargets(db).find((x) => x.id === targetId);
  if (!t) throw new AppError('NOT_FOUND', `Target ${targetId} does not exist (it may have been deleted).`);
  return t;
}

function checkTarget(db: Db, t: TargetFields): void {
  if (t.orgId !== null) orgName(db, t.orgId);
  if (t.roleId !== null) roleName(db, t.roleId);
  for (const l of t.lineageIds) {
    if (!statement(db, 'SELECT 1 FROM pipeline WHERE lineage_id = ?').get(l)) throw new AppError('VALIDATION', `Pipeline ${l} is not in the plan.`, { lineageIds: 'Unknown pipeline' });
  }
}

function writeTargetPipelines(db: Db, targetId: number, lineageIds: number[]): void {
  statement(db, 'DELETE FROM target_pipeline WHERE target_id = ?').run(targetId);
  for (const l of new Set(lineageIds)) statement(db, 'INSERT INTO target_pipeline (target_id, lineage_id) VALUES (?, ?)').run(targetId, l);
}

export function createTarget(db: Db, fields: TargetFields): TargetDto {
  checkTarget(db, fields);
  const id = recordChange(db, { source: 'grid', summary: `Added target "${fields.name}"` }, () => {
    const targetId = Number(
      statement(db, 'INSERT INTO target (name, metric, org_id, role_id, year, value, comparison, sort) VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(sort), 0) + 1 FROM target))')
        .run(fields.name, fields.metric, fields.orgId, fields.roleId, fields.year, fields.value, fields.comparison).lastInsertRowid,
    );
    writeTargetPipelines(db, targetId, fields.lineageIds);
    return targetId;
  });
  return requireTarget(db, id);
}

export function updateTarget(db: Db, targetId: number, changes: Partial<TargetFields>): TargetDto {
  const before = requireTarget(db, targetId);
  const next = { ...before, ...changes };
  checkTarget(db, next);
  const what = changes.value !== undefined ? `value ${before.value ?? 'not set'} → ${changes.value ?? 'not set'}` : Object.keys(changes).join(', ');
  recordChange(db, { source: 'grid', summary: `Target "${before.name}": ${what}` }, () => {
    statement(db, 'UPDATE target SET name = ?, metric = ?, org_id = ?, role_id = ?, year = ?, value = ?, comparison = ? WHERE id = ?').run(
      next.name,
      next.metric,
      next.orgId,
      next.roleId,
      next.year,
      next.value,
      next.comparison,
      targetId,
    );
    if (changes.lineageIds) writeTargetPipelines(db, targetId, changes.lineageIds);
  });
  return requireTarget(db, targetId);
}

export function deleteTarget(db: Db, targetId: number): { deleted: number } {
  const before = requireTarget(db, targetId);
  const deleted = recordChange(db, { source: 'grid', summary: `Deleted target "${before.name}"` }, () => {
    statement(db, "DELETE FROM assumption WHERE entity = 'target' AND entity_id = ?").run(targetId);
    return statement(db, 'DELETE FROM target WHERE id = ?').run(targetId).changes;
  });
  return { deleted };
}

// ---------------------------------------------------------------- shortage criteria

export function getShortageCriteria(db: Db): ShortageCriteria {
  const r = statement(db, 'SELECT vacancy_rate_above, leaver_rate_above, aged55_plus_above, mode FROM shortage_criteria WHERE id = 1').get() as
    | { vacancy_rate_above: number | null; leaver_rate_above: number | null; aged55_plus_above: number | null; mode: 'any' | 'all' }
    | undefined;
  return r
    ? { vacancyRateAbove: r.vacancy_rate_above, leaverRateAbove: r.leaver_rate_above, aged55PlusAbove: r.aged55_plus_above, mode: r.mode }
    : { vacancyRateAbove: null, leaverRateAbove: null, aged55PlusAbove: null, mode: 'any' };
}

export function setShortageCriteria(db: Db, c: ShortageCriteria): ShortageCriteria {
  recordChange(db, { source: 'grid', summary: 'Changed the shortage-role criteria' }, () => {
    statement(db, 
      `INSERT INTO shortage_criteria (id, vacancy_rate_above, leaver_rate_above, aged55_plus_above, mode) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET vacancy_rate_above = excluded.vacancy_rate_above, leaver_rate_above = excluded.leaver_rate_above,
         aged55_plus_above = excluded.aged55_plus_above, mode = excluded.mode`,
    ).run(c.vacancyRateAbove, c.leaverRateAbove, c.aged55PlusAbove, c.mode);
  });
  return getShortageCriteria(db);
}

// ---------------------------------------------------------------- assumptions register

const FIELD_LABELS: Record<string, string> = {
  fte: 'FTE in post',
  headcount: 'headcount',
  establishment: 'establishment (FTE)',
  ageProfile: 'age profile',
  leaverRate: 'leaver rate',
  retirementByBand: 'retirement by age band',
  agencyShare: 'agency share of shortfall',
  agencyCostPerFte: 'agency cost per FTE',
  intakes: 'intakes',
  durationYears: 'course length',
  attrition: 'attrition',
  conversion: 'conversion to post',
  ftePerHead: 'FTE per head',
  costPerLearnerYear: 'cost per learner-year',
  traineesLeaveSourceRole: 'trainees leave their role',
  growth: 'growth',
  deltaFte: 'change (FTE)',
  value: 'target value',
  leaverRateRange: 'leaver rate range',
  retirementRange: 'retirement range',
  agencyShareRange: 'agency share range',
  attritionRange: 'attrition range',
  conversionRange: 'conversion range',
  intakeFillRange: 'intake fill range',
  fteRange: 'range',
  growthRange: 'growth range',
};

type Row = Record<string, unknown>;

/**
 * The whole register for a scenario: every plan-level note, plus the notes of this scenario's
 * pipelines, rates, joiners and demand. Each row says what the number is and shows its value.
 */
interface NoteRow {
  entity: string;
  entity_id: number;
  field: string;
  status: AssumptionStatus;
  source: string;
}

/**
 * One assumption note as the register shows it: what the number is and its value now. Null when
 * the number is gone, or belongs to a scenario other than `scenarioId` (null: any scenario).
 */
function describeNote(db: Db, n: NoteRow, scenarioId: number | null): AssumptionRow | null {
  const inScope = (row: Row) => scenarioId === null || row['scenario_id'] === scenarioId;
  const get = (sql: string, ...params: unknown[]) => statement(db, sql).get(...params) as Row | undefined;
  const fmt = (field: string, v: unknown): string => {
    if (v === null || v === undefined) return 'not set';
    if (typeof v === 'string' && v.startsWith('[')) return `${(JSON.parse(v) as number[]).map((x) => `${Math.round(x * 1000) / 10}`).join(' / ')} %`;
    if (typeof v !== 'number') return typeof v === 'string' ? v : JSON.stringify(v);
    if (['leaverRate', 'agencyShare', 'attrition', 'conversion', 'growth'].includes(field)) return formatPercent(v);
    if (['agencyCostPerFte', 'costPerLearnerYear'].includes(field)) return formatMoney(v);
    return formatFte(v);
  };
  const col = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace('trainees_leave_source_role', 'trainees_leave_source');
  // A range's note: the row's columns read as the engine's fields (leaver_rate_low → leaverRateLow).
  const range = RANGE_NOTES[n.field];
  const camel = (row: Row): Row => Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()), v]));
  let label: string | null = null;
  let subject = '';
  let value = '';
  let owner: number | null = null;
  let what = FIELD_LABELS[n.field] ?? n.field;
  if (n.entity === 'pipeline') {
    const p = get('SELECT * FROM pipeline WHERE id = ?', n.entity_id);
    if (!p || !inScope(p)) return null;
    owner = Number(p['scenario_id']);
    subject = String(p['name']);
    label = `${subject}: ${what}`;
    if (n.field === 'intakes') {
      const intakes = statement(db, 'SELECT year, heads FROM pipeline_intake WHERE pipeline_id = ? ORDER BY year').all(n.entity_id) as { year: number; heads: number }[];
      value = intakes.length ? intakes.map((i) => `${yearLabel(i.year)}: ${i.heads}`).join(', ') : 'not set';
    } else value = range ? describeRange(range, camel(p)) : fmt(n.field, p[col(n.field)]);
  } else if (n.entity === 'workforce_baseline' || n.entity === 'workforce_rate') {
    const r = get(`SELECT t.*, o.name AS org, ro.name AS role FROM ${n.entity} t JOIN organisation o ON o.id = t.org_id JOIN role ro ON ro.id = t.role_id WHERE t.id = ?`, n.entity_id);
    if (!r) return null;
    if (n.entity === 'workforce_rate') {
      if (!inScope(r)) return null;
      owner = Number(r['scenario_id']);
    }
    subject = `${String(r['role'])}, ${String(r['org'])}`;
    label = `${subject}: ${what}`;
    value = range ? describeRange(range, camel(r)) : fmt(n.field, r[col(n.field)]);
  } else if (n.entity === 'other_joiner') {
    const r = get('SELECT j.*, o.name AS org, ro.name AS role FROM other_joiner j JOIN organisation o ON o.id = j.org_id JOIN role ro ON ro.id = j.role_id WHERE j.id = ?', n.entity_id);
    if (!r || !inScope(r)) return null;
    owner = Number(r['scenario_id']);
    subject = `${String(r['kind']).replace(/-/g, ' ')} joiners, ${String(r['role'])}, ${String(r['org'])}`;
    if (!range) what = 'joiners (FTE a year)';
    label = range ? `${subject}: ${what}` : subject;
    const years = statement(db, 'SELECT year, fte FROM other_joiner_fte WHERE other_joiner_id = ? ORDER BY year').all(n.entity_id) as { year: number; fte: number }[];
    const distinct = new Set(years.map((y) => y.fte));
    value = range
      ? `${describeRange(range, camel(r))} of the FTE entered`
      : years.length === 0
        ? 'not set'
        : distinct.size === 1
          ? `${formatFte(years[0]!.fte)} FTE a year`
          : years.map((y) => `${yearLabel(y.year)}: ${formatFte(y.fte)}`).join(', ');
  } else if (n.entity === 'growth_driver') {
    const r = get('SELECT * FROM growth_driver WHERE id = ?', n.entity_id);
    if (!r || !inScope(r)) return null;
    owner = Number(r['scenario_id']);
    subject = `Demand driver: ${String(r['name'])}`;
    label = range ? `${subject}: ${what}` : subject;
    value = range ? describeRange(range, camel(r)) : fmt('growth', r['growth']);
  } else if (n.entity === 'demand_change') {
    const r = get('SELECT d.*, o.name AS org, ro.name AS role FROM demand_change d JOIN organisation o ON o.id = d.org_id JOIN role ro ON ro.id = d.role_id WHERE d.id = ?', n.entity_id);
    if (!r || !inScope(r)) return null;
    owner = Number(r['scenario_id']);
    const description = typeof r['description'] === 'string' ? r['description'] : '';
    label = `Demand change: ${description || `${String(r['role'])}, ${String(r['org'])}`} (${yearLabel(Number(r['year']))})`;
    subject = `${label}, ${String(r['role'])}, ${String(r['org'])}`;
    value = `${Number(r['delta_fte']) >= 0 ? '+' : ''}${formatFte(Number(r['delta_fte']))} FTE`;
  } else if (n.entity === 'target') {
    const r = get('SELECT * FROM target WHERE id = ?', n.entity_id);
    if (!r) return null;
    label = `Target: ${String(r['name'])} by ${yearLabel(Number(r['year']))}`;
    subject = label;
    value = r['value'] === null ? 'not set' : Number(r['value']).toLocaleString('en-GB');
  }
  if (label === null) return null;
  return { entity: n.entity, entityId: n.entity_id, field: n.field, status: n.status, source: n.source, label, subject, fieldLabel: what, value, scenarioId: owner };
}

/** The assumptions register of a scenario: every note on a number it can see, by label. */
export function listAssumptions(db: Db, scenarioId: number): AssumptionRow[] {
  requireScenario(db, scenarioId);
  const notes = statement(db, 'SELECT entity, entity_id, field, status, source FROM assumption').all() as NoteRow[];
  const out: AssumptionRow[] = [];
  for (const n of notes) {
    const row = describeNote(db, n, scenarioId);
    if (row) out.push(row);
  }
  return out.sort((a, b) => a.label.localeCompare(b.label, 'en-GB'));
}

/** One note of the register, whichever scenario its number belongs to. */
export function getAssumption(db: Db, entity: string, entityId: number, field: string): AssumptionRow {
  const n = statement(db, 'SELECT entity, entity_id, field, status, source FROM assumption WHERE entity = ? AND entity_id = ? AND field = ?').get(entity, entityId, field) as NoteRow | undefined;
  const row = n ? describeNote(db, n, null) : null;
  if (!row) throw new AppError('NOT_FOUND', 'That number is no longer in the plan.');
  return row;
}

const ENTITY_TABLES: Record<string, string> = {
  pipeline: 'pipeline',
  workforce_baseline: 'workforce_baseline',
  workforce_rate: 'workforce_rate',
  other_joiner: 'other_joiner',
  growth_driver: 'growth_driver',
  demand_change: 'demand_change',
  target: 'target',
};

export function setAssumptionNote(
  db: Db,
  scenarioId: number | null,
  note: { entity: string; entityId: number; field: string; status: AssumptionStatus; source: string },
): void {
  const table = ENTITY_TABLES[note.entity];
  if (!table || !statement(db, `SELECT 1 FROM ${table} WHERE id = ?`).get(note.entityId)) throw new AppError('NOT_FOUND', 'That number is no longer in the plan.');
  recordChange(db, { source: 'assumptions', summary: `Marked ${FIELD_LABELS[note.field] ?? note.field} as ${note.status}: ${note.source}`, scenarioId }, () =>
    setAssumption(db, note.entity, note.entityId, note.field, note.status, note.source),
  );
}
