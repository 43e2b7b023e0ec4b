/** The baseline workforce (plan-wide) and each scenario's rates, by organisation × role. */
import type { Db } from '../connection';
import { statement } from '../statements';

export interface BaselineFigures {
  fte: number;
  headcount: number;
  establishment: number;
  /** The age profile as stored (JSON of the bands). */
  ageProfile: string;
}

/** The baseline row of a cell, if the cell is in the baseline. */
export function baselineIdOf(db: Db, orgId: number, roleId: number): number | undefined {
  return (statement(db, 'SELECT id FROM workforce_baseline WHERE org_id = ? AND role_id = ?').get(orgId, roleId) as { id: number } | undefined)?.id;
}

export function insertBaseline(db: Db, orgId: number, roleId: number, f: BaselineFigures): void {
  statement(db, 'INSERT INTO workforce_baseline (org_id, role_id, fte, headcount, establishment, age_profile) VALUES (?, ?, ?, ?, ?, ?)').run(
    orgId,
    roleId,
    f.fte,
    f.headcount,
    f.establishment,
    f.ageProfile,
  );
}

/** Writes a baseline row's figures whole; a null age profile keeps the one it has. */
export function replaceBaseline(db: Db, baselineId: number, f: Omit<BaselineFigures, 'ageProfile'> & { ageProfile: string | null }): void {
  statement(db, 'UPDATE workforce_baseline SET fte = ?, headcount = ?, establishment = ?, age_profile = coalesce(?, age_profile) WHERE id = ?').run(
    f.fte,
    f.headcount,
    f.establishment,
    f.ageProfile,
    baselineId,
  );
}

/** Sets the named columns of a baseline row (column names come from the caller's own table, never from input). */
export function updateBaselineColumns(db: Db, baselineId: number, columns: [column: string, value: unknown][]): void {
  statement(db, `UPDATE workforce_baseline SET ${columns.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...columns.map(([, v]) => v), baselineId);
}

export interface RateFigures {
  leaverRate: number;
  retirementByBand: number[];
  agencyShare: number;
  agencyCostPerFte: number;
}

/** The scenario's own rate row for a cell, created from `current` (the rates it inherits) when it has none; returns its id. */
export function ensureRate(db: Db, scenarioId: number, orgId: number, roleId: number, current: RateFigures): number {
  statement(
    db,
    `INSERT INTO workforce_rate (scenario_id, org_id, role_id, leaver_rate, retirement_by_band, agency_share, agency_cost_per_fte)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (scenario_id, org_id, role_id) DO NOTHING`,
  ).run(scenarioId, orgId, roleId, current.leaverRate, JSON.stringify(current.retirementByBand), current.agencyShare, current.agencyCostPerFte);
  return (statement(db, 'SELECT id FROM workforce_rate WHERE scenario_id = ? AND org_id = ? AND role_id = ?').get(scenarioId, orgId, roleId) as { id: number })
    .id;
}

/** Sets the named columns of a rate row (column names come from the caller's own table, never from input). */
export function updateRateColumns(db: Db, rateId: number, columns: [column: string, value: unknown][]): void {
  statement(db, `UPDATE workforce_rate SET ${columns.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...columns.map(([, v]) => v), rateId);
}

/** Removes a cell from the baseline and every scenario's rates, with their notes; returns the baseline rows deleted. */
export function deleteWorkforceCell(db: Db, orgId: number, roleId: number): number {
  for (const table of ['workforce_baseline', 'workforce_rate'] as const) {
    statement(db, `DELETE FROM assumption WHERE entity = ? AND entity_id IN (SELECT id FROM ${table} WHERE org_id = ? AND role_id = ?)`).run(
      table,
      orgId,
      roleId,
    );
  }
  statement(db, 'DELETE FROM workforce_rate WHERE org_id = ? AND role_id = ?').run(orgId, roleId);
  return statement(db, 'DELETE FROM workforce_baseline WHERE org_id = ? AND role_id = ?').run(orgId, roleId).changes;
}

/** A cell's baseline figures as stored, if the cell is in the baseline. */
export function baselineStored(
  db: Db,
  orgId: number,
  roleId: number,
): { fte: number; headcount: number; establishment: number; age_profile: string } | undefined {
  return statement(db, 'SELECT fte, headcount, establishment, age_profile FROM workforce_baseline WHERE org_id = ? AND role_id = ?').get(orgId, roleId) as
    | { fte: number; headcount: number; establishment: number; age_profile: string }
    | undefined;
}

/** FTE and headcount summed by role over the baseline rows that hold both. */
export function fteAndHeadsByRole(db: Db): { role_id: number; fte: number; heads: number }[] {
  return statement(
    db,
    'SELECT role_id, sum(fte) AS fte, sum(headcount) AS heads FROM workforce_baseline WHERE fte > 0 AND headcount > 0 GROUP BY role_id',
  ).all() as {
    role_id: number;
    fte: number;
    heads: number;
  }[];
}
