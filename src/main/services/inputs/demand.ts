/** Each scenario's demand: growth drivers and one-off demand changes. */
import type { DemandChangeRow, DemandInputs, GrowthDriverRow } from '../../../shared/api/dto';
import { AppError } from '../../../shared/api/errors';
import { formatFte, yearLabel } from '../../../shared/format';
import type { Db } from '../../db/connection';
import { recordChange } from '../../db/changes';
import { assumptionsFor, assumptionsOf } from '../../db/repos/assumptions';
import {
  deleteDemandChangeRow,
  deleteDriverRow,
  demandChangeRow,
  driverRow,
  insertDemandChange,
  insertDriver,
  updateDemandChangeRow,
  updateDriverRow,
  type DemandChangeFields,
  type DriverFields,
} from '../../db/repos/demand';
import { demandChanges, growthDrivers } from '../../db/repos/model-inputs';
import { checkRanges, DRIVER_RANGES, syncRangeNotes } from '../ranges';
import { requireScenario } from '../scenarios';
import { assertYearInPlan, orgName, roleName } from './common';

type DriverRanges = { growthLow: number | null; growthHigh: number | null };

export function listDemand(db: Db, scenarioId: number): DemandInputs {
  requireScenario(db, scenarioId);
  const driverNotes = assumptionsFor(db, 'growth_driver');
  const changeNotes = assumptionsFor(db, 'demand_change');
  return {
    drivers: growthDrivers(db, scenarioId).map((d) => ({ ...d, assumptions: driverNotes.get(d.id) ?? {} })),
    changes: demandChanges(db, scenarioId).map((c) => ({ ...c, assumptions: changeNotes.get(c.id) ?? {} })),
  };
}

function requireDriver(db: Db, driverId: number): GrowthDriverRow & { scenarioId: number } {
  const row = driverRow(db, driverId);
  if (!row) throw new AppError('NOT_FOUND', `Growth driver ${driverId} does not exist (it may have been deleted).`);
  return { ...row, assumptions: assumptionsOf(db, 'growth_driver', driverId) };
}

function checkDriver(db: Db, d: DriverFields): void {
  if (d.endYear < d.startYear)
    throw new AppError('VALIDATION', `The driver ends (${yearLabel(d.endYear)}) before it starts (${yearLabel(d.startYear)}).`, {
      endYear: 'Before the start',
    });
  if (d.orgId !== null) orgName(db, d.orgId);
  if (d.roleId !== null) roleName(db, d.roleId);
}

export function createDriver(db: Db, scenarioId: number, fields: DriverFields): GrowthDriverRow {
  requireScenario(db, scenarioId);
  checkDriver(db, fields);
  const id = recordChange(db, { source: 'grid', summary: `Added growth driver "${fields.name}"`, scenarioId }, () => insertDriver(db, scenarioId, fields));
  return requireDriver(db, id);
}

export function updateDriver(db: Db, driverId: number, changes: Partial<DriverFields & DriverRanges>): GrowthDriverRow {
  const before = requireDriver(db, driverId);
  const next = { ...before, ...changes };
  checkDriver(db, next);
  checkRanges(DRIVER_RANGES, next);
  recordChange(db, { source: 'grid', summary: `Changed growth driver "${before.name}"`, scenarioId: before.scenarioId }, () => {
    updateDriverRow(db, driverId, next);
    syncRangeNotes(db, 'growth_driver', driverId, DRIVER_RANGES, before as unknown as Record<string, unknown>, next);
  });
  return requireDriver(db, driverId);
}

export function deleteDriver(db: Db, driverId: number): { deleted: number } {
  const before = requireDriver(db, driverId);
  const deleted = recordChange(db, { source: 'grid', summary: `Deleted growth driver "${before.name}"`, scenarioId: before.scenarioId }, () =>
    deleteDriverRow(db, driverId),
  );
  return { deleted };
}

function requireDemandChange(db: Db, changeId: number): DemandChangeRow & { scenarioId: number } {
  const row = demandChangeRow(db, changeId);
  if (!row) throw new AppError('NOT_FOUND', `Demand change ${changeId} does not exist (it may have been deleted).`);
  return { ...row, assumptions: assumptionsOf(db, 'demand_change', changeId) };
}

function changeLabel(db: Db, c: DemandChangeFields): string {
  return `${c.deltaFte >= 0 ? '+' : ''}${formatFte(c.deltaFte)} FTE ${roleName(db, c.roleId)} at ${orgName(db, c.orgId)} from ${yearLabel(c.year)}`;
}

export function createDemandChange(db: Db, scenarioId: number, fields: DemandChangeFields): DemandChangeRow {
  requireScenario(db, scenarioId);
  assertYearInPlan(db, fields.year);
  const id = recordChange(db, { source: 'grid', summary: `Added demand change ${changeLabel(db, fields)}`, scenarioId }, () =>
    insertDemandChange(db, scenarioId, fields),
  );
  return requireDemandChange(db, id);
}

export function updateDemandChange(db: Db, changeId: number, changes: Partial<DemandChangeFields>): DemandChangeRow {
  const before = requireDemandChange(db, changeId);
  const next = { ...before, ...changes };
  assertYearInPlan(db, next.year);
  recordChange(db, { source: 'grid', summary: `Changed demand change to ${changeLabel(db, next)}`, scenarioId: before.scenarioId }, () => {
    updateDemandChangeRow(db, changeId, next);
  });
  return requireDemandChange(db, changeId);
}

export function deleteDemandChange(db: Db, changeId: number): { deleted: number } {
  const before = requireDemandChange(db, changeId);
  const deleted = recordChange(db, { source: 'grid', summary: `Deleted demand change ${changeLabel(db, before)}`, scenarioId: before.scenarioId }, () =>
    deleteDemandChangeRow(db, changeId),
  );
  return { deleted };
}
