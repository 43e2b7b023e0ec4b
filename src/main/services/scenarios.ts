import { AppError } from '../../shared/api/errors';
import type { ScenarioRow } from '../../shared/api/dto';
import type { Db } from '../db/connection';
import { recordChange } from '../db/changes';
import {
  copyScenarioContent,
  deleteScenario as deleteScenarioRow,
  getScenario,
  insertScenario,
  listScenarios,
  renameScenario as renameScenarioRow,
  scenarioNameTaken,
} from '../db/repos/scenarios';

export function requireScenario(db: Db, scenarioId: number): ScenarioRow {
  const s = getScenario(db, scenarioId);
  if (!s) throw new AppError('NOT_FOUND', `Scenario ${scenarioId} does not exist (it may have been deleted).`);
  return s;
}

function assertNameFree(db: Db, name: string, exceptId = 0): void {
  if (scenarioNameTaken(db, name, exceptId))
    throw new AppError('CONFLICT', `There is already a scenario called "${name}". Choose another name.`, { name: 'Name already used' });
}

export function createScenario(db: Db, name: string): ScenarioRow {
  assertNameFree(db, name);
  const id = recordChange(db, { source: 'scenarios', summary: `Created scenario "${name}"` }, () => insertScenario(db, name));
  return requireScenario(db, id);
}

/** Copies a scenario with everything it owns: pipelines and intakes, rates, joiners, demand, and their ranges and notes. */
export function copyScenario(db: Db, fromId: number, name: string): ScenarioRow {
  const from = requireScenario(db, fromId);
  assertNameFree(db, name);
  const id = recordChange(db, { source: 'scenarios', summary: `Copied scenario "${from.name}" as "${name}"` }, () => {
    const to = insertScenario(db, name, from.description);
    copyScenarioContent(db, fromId, to);
    return to;
  });
  return requireScenario(db, id);
}

export function renameScenario(db: Db, scenarioId: number, name: string): ScenarioRow {
  const s = requireScenario(db, scenarioId);
  assertNameFree(db, name, scenarioId);
  recordChange(db, { source: 'scenarios', summary: `Renamed scenario "${s.name}" to "${name}"`, scenarioId }, () => renameScenarioRow(db, scenarioId, name));
  return requireScenario(db, scenarioId);
}

export function deleteScenario(db: Db, scenarioId: number): { deleted: number } {
  const s = requireScenario(db, scenarioId);
  if (listScenarios(db).length <= 1) throw new AppError('CONFLICT', `"${s.name}" is the plan's only scenario and cannot be deleted. Create another first.`);
  const deleted = recordChange(db, { source: 'scenarios', summary: `Deleted scenario "${s.name}"`, scenarioId }, () => deleteScenarioRow(db, scenarioId));
  return { deleted };
}
