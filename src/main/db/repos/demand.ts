/** Each scenario's demand: growth drivers and one-off demand changes. */
import type { DemandChangeRow, GrowthDriverRow } from '../../../shared/api/dto';
import type { Db } from '../connection';
import { statement } from '../statements';
import { deleteAssumptions } from './assumptions';

export interface DriverFields {
  name: string;
  growth: number;
  startYear: number;
  endYear: number;
  orgId: number | null;
  roleId: number | null;
  staffGroup: string | null;
}

export type DriverRecord = Omit<GrowthDriverRow, 'assumptions'> & { scenarioId: number };

export function driverRow(db: Db, driverId: number): DriverRecord | undefined {
  return statement(
    db,
    'SELECT id, scenario_id AS scenarioId, name, growth, start_year AS startYear, end_year AS endYear, org_id AS orgId, role_id AS roleId, staff_group AS staffGroup, growth_low AS growthLow, growth_high AS growthHigh FROM growth_driver WHERE id = ?',
  ).get(driverId) as DriverRecord | undefined;
}

/** A driver's fields in the order of DRIVER_COLUMNS. */
const driverValues = (d: DriverFields) => [d.name, d.growth, d.startYear, d.endYear, d.orgId, d.roleId, d.staffGroup];
const DRIVER_COLUMNS = ['name', 'growth', 'start_year', 'end_year', 'org_id', 'role_id', 'staff_group'];

export function insertDriver(db: Db, scenarioId: number, d: DriverFields): number {
  const sql = `INSERT INTO growth_driver (scenario_id, ${DRIVER_COLUMNS.join(', ')}) VALUES (?, ${DRIVER_COLUMNS.map(() => '?').join(', ')})`;
  return Number(statement(db, sql).run(scenarioId, ...driverValues(d)).lastInsertRowid);
}

export function updateDriverRow(db: Db, driverId: number, d: DriverFields & { growthLow: number | null; growthHigh: number | null }): void {
  const sql = `UPDATE growth_driver SET ${DRIVER_COLUMNS.map((c) => `${c} = ?`).join(', ')}, growth_low = ?, growth_high = ? WHERE id = ?`;
  statement(db, sql).run(...driverValues(d), d.growthLow, d.growthHigh, driverId);
}

/** Deletes a growth driver with its notes; returns the rows deleted. */
export function deleteDriverRow(db: Db, driverId: number): number {
  deleteAssumptions(db, 'growth_driver', driverId);
  return statement(db, 'DELETE FROM growth_driver WHERE id = ?').run(driverId).changes;
}

export interface DemandChangeFields {
  orgId: number;
  roleId: number;
  year: number;
  deltaFte: number;
  description: string;
}

export type DemandChangeRecord = Omit<DemandChangeRow, 'assumptions'> & { scenarioId: number };

export function demandChangeRow(db: Db, changeId: number): DemandChangeRecord | undefined {
  return statement(
    db,
    'SELECT id, scenario_id AS scenarioId, org_id AS orgId, role_id AS roleId, year, delta_fte AS deltaFte, description FROM demand_change WHERE id = ?',
  ).get(changeId) as DemandChangeRecord | undefined;
}

export function insertDemandChange(db: Db, scenarioId: number, c: DemandChangeFields): number {
  return Number(
    statement(db, 'INSERT INTO demand_change (scenario_id, org_id, role_id, year, delta_fte, description) VALUES (?, ?, ?, ?, ?, ?)').run(
      scenarioId,
      c.orgId,
      c.roleId,
      c.year,
      c.deltaFte,
      c.description,
    ).lastInsertRowid,
  );
}

export function updateDemandChangeRow(db: Db, changeId: number, c: DemandChangeFields): void {
  statement(db, 'UPDATE demand_change SET org_id = ?, role_id = ?, year = ?, delta_fte = ?, description = ? WHERE id = ?').run(
    c.orgId,
    c.roleId,
    c.year,
    c.deltaFte,
    c.description,
    changeId,
  );
}

/** Deletes a demand change with its notes; returns the rows deleted. */
export function deleteDemandChangeRow(db: Db, changeId: number): number {
  deleteAssumptions(db, 'demand_change', changeId);
  return statement(db, 'DELETE FROM demand_change WHERE id = ?').run(changeId).changes;
}

/** Removes the scenario's demand changes for one cell and year (an import replaces them). */
export function deleteDemandChangesAt(db: Db, scenarioId: number, orgId: number, roleId: number, year: number): void {
  statement(db, 'DELETE FROM demand_change WHERE scenario_id = ? AND org_id = ? AND role_id = ? AND year = ?').run(scenarioId, orgId, roleId, year);
}

/** The scenario's demand changes summed by cell and year. */
export function demandTotals(db: Db, scenarioId: number): { o: number; r: number; year: number; d: number | null }[] {
  return statement(
    db,
    'SELECT org_id AS o, role_id AS r, year, sum(delta_fte) AS d FROM demand_change WHERE scenario_id = ? GROUP BY org_id, role_id, year',
  ).all(scenarioId) as {
    o: number;
    r: number;
    year: number;
    d: number | null;
  }[];
}
