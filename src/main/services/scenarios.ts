import { AppError } from '../../shared/api/errors';
import type { ScenarioRow } from '../../shared/api/dto';
import type { Db } from '../db/connection';
import { statement } from '../db/statements';
import { recordChange } from '../db/changes';
import { copyAssumptions } from '../db/repos/assumptions';
import {
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
  if (scenarioNameTaken(db, name, exceptId)) throw new AppError('CONFLICT', `There is already a scenario called "${name}". Choose another name.`, { name: 'Name already used' });
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
    const pipelines = statement(db, 'SELECT id FROM pipeline WHERE scenario_id = ? ORDER BY id').all(fromId) as { id: number }[];
    for (const p of pipelines) {
      const newId = Number(
        statement(db, 
            `INSERT INTO pipeline (scenario_id, lineage_id, name, type, org_id, role_id, source_role_id, trainees_leave_source,
               duration_years, attrition, conversion, fte_per_head, cost_per_learner_year, entrant_age_band, sort,
               attrition_low, attrition_high, conversion_low, conversion_high, intake_fill_low, intake_fill_high)
             SELECT ?, lineage_id, name, type, org_id, role_id, source_role_id, trainees_leave_source,
               duration_years, attrition, conversion, fte_per_head, cost_per_learner_year, entrant_age_band, sort,
               attrition_low, attrition_high, conversion_low, conversion_high, intake_fill_low, intake_fill_high
             FROM pipeline WHERE id = ?`,
          )
          .run(to, p.id).lastInsertRowid,
      );
      statement(db, 'INSERT INTO pipeline_intake (pipeline_id, year, heads) SELECT ?, year, heads FROM pipeline_intake WHERE pipeline_id = ?').run(newId, p.id);
      copyAssumptions(db, 'pipeline', p.id, newId);
    }
    const rates = statement(db, 'SELECT id FROM workforce_rate WHERE scenario_id = ? ORDER BY id').all(fromId) as { id: number }[];
    for (const r of rates) {
      const newId = Number(
        statement(
          db,
            `INSERT INTO workforce_rate (scenario_id, org_id, role_id, leaver_rate, retirement_by_band, agency_share, agency_cost_per_fte,
               leaver_rate_low, leaver_rate_high, retirement_low, retirement_high, agency_share_low, agency_share_high)
             SELECT ?, org_id, role_id, leaver_rate, retirement_by_band, agency_share, agency_cost_per_fte,
               leaver_rate_low, leaver_rate_high, retirement_low, retirement_high, agency_share_low, agency_share_high
             FROM workforce_rate WHERE id = ?`,
          )
          .run(to, r.id).lastInsertRowid,
      );
      copyAssumptions(db, 'workforce_rate', r.id, newId);
    }
    const joiners = statement(db, 'SELECT id FROM other_joiner WHERE scenario_id = ? ORDER BY id').all(fromId) as { id: number }[];
    for (const j of joiners) {
      const newId = Number(
        statement(
          db,
            'INSERT INTO other_joiner (scenario_id, kind, org_id, role_id, entrant_age_band, fte_low, fte_high) SELECT ?, kind, org_id, role_id, entrant_age_band, fte_low, fte_high FROM other_joiner WHERE id = ?',
          )
          .run(to, j.id).lastInsertRowid,
      );
      statement(db, 'INSERT INTO other_joiner_fte (other_joiner_id, year, fte) SELECT ?, year, fte FROM other_joiner_fte WHERE other_joiner_id = ?').run(newId, j.id);
      copyAssumptions(db, 'other_joiner', j.id, newId);
    }
    const drivers = statement(db, 'SELECT id FROM growth_driver WHERE scenario_id = ? ORDER BY id').all(fromId) as { id: number }[];
    for (const g of drivers) {
      const newId = Number(
        statement(
          db,
            `INSERT INTO growth_driver (scenario_id, name, growth, start_year, end_year, org_id, role_id, staff_group, growth_low, growth_high)
             SELECT ?, name, growth, start_year, end_year, org_id, role_id, staff_group, growth_low, growth_high FROM growth_driver WHERE id = ?`,
          )
          .run(to, g.id).lastInsertRowid,
      );
      copyAssumptions(db, 'growth_driver', g.id, newId);
    }
    const changes = statement(db, 'SELECT id FROM demand_change WHERE scenario_id = ? ORDER BY id').all(fromId) as { id: number }[];
    for (const c of changes) {
      const newId = Number(
        statement(db, 'INSERT INTO demand_change (scenario_id, org_id, role_id, year, delta_fte, description) SELECT ?, org_id, role_id, year, delta_fte, description FROM demand_change WHERE id = ?')
          .run(to, c.id).lastInsertRowid,
      );
      copyAssumptions(db, 'demand_change', c.id, newId);
    }
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
