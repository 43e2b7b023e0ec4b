import type { ScenarioRow } from '../../../shared/api/dto';
import type { Db } from '../connection';
import { statement } from '../statements';
import { copyAssumptions } from './assumptions';

export function listScenarios(db: Db): ScenarioRow[] {
  return db.prepare('SELECT id, name, description FROM scenario ORDER BY sort, id').all() as ScenarioRow[];
}

export function getScenario(db: Db, id: number): ScenarioRow | null {
  return (db.prepare('SELECT id, name, description FROM scenario WHERE id = ?').get(id) as ScenarioRow | undefined) ?? null;
}

export function scenarioNameTaken(db: Db, name: string, exceptId = 0): boolean {
  return !!db.prepare('SELECT 1 FROM scenario WHERE name = ? COLLATE NOCASE AND id <> ?').get(name, exceptId);
}

export function insertScenario(db: Db, name: string, description = ''): number {
  const sort = (db.prepare('SELECT coalesce(max(sort), 0) + 1 AS s FROM scenario').get() as { s: number }).s;
  return Number(db.prepare('INSERT INTO scenario (name, description, sort) VALUES (?, ?, ?)').run(name, description, sort).lastInsertRowid);
}

export function renameScenario(db: Db, id: number, name: string): void {
  db.prepare('UPDATE scenario SET name = ? WHERE id = ?').run(name, id);
}

/** Deletes a scenario and everything it owns (explicitly, so the change log sees every row). */
export function deleteScenario(db: Db, id: number): number {
  db.prepare("DELETE FROM assumption WHERE entity = 'pipeline' AND entity_id IN (SELECT id FROM pipeline WHERE scenario_id = ?)").run(id);
  return db.prepare('DELETE FROM scenario WHERE id = ?').run(id).changes;
}

/** Copies everything scenario `fromId` owns into scenario `to`: pipelines and intakes, rates, joiners, demand, with their ranges and notes. */
export function copyScenarioContent(db: Db, fromId: number, to: number): void {
  const pipelines = statement(db, 'SELECT id FROM pipeline WHERE scenario_id = ? ORDER BY id').all(fromId) as { id: number }[];
  for (const p of pipelines) {
    const newId = Number(
      statement(
        db,
        `INSERT INTO pipeline (scenario_id, lineage_id, name, type, org_id, role_id, source_role_id, trainees_leave_source,
             duration_years, attrition, conversion, fte_per_head, cost_per_learner_year, entrant_age_band, sort,
             attrition_low, attrition_high, conversion_low, conversion_high, intake_fill_low, intake_fill_high)
           SELECT ?, lineage_id, name, type, org_id, role_id, source_role_id, trainees_leave_source,
             duration_years, attrition, conversion, fte_per_head, cost_per_learner_year, entrant_age_band, sort,
             attrition_low, attrition_high, conversion_low, conversion_high, intake_fill_low, intake_fill_high
           FROM pipeline WHERE id = ?`,
      ).run(to, p.id).lastInsertRowid,
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
      ).run(to, r.id).lastInsertRowid,
    );
    copyAssumptions(db, 'workforce_rate', r.id, newId);
  }
  const joiners = statement(db, 'SELECT id FROM other_joiner WHERE scenario_id = ? ORDER BY id').all(fromId) as { id: number }[];
  for (const j of joiners) {
    const newId = Number(
      statement(
        db,
        'INSERT INTO other_joiner (scenario_id, kind, org_id, role_id, entrant_age_band, fte_low, fte_high) SELECT ?, kind, org_id, role_id, entrant_age_band, fte_low, fte_high FROM other_joiner WHERE id = ?',
      ).run(to, j.id).lastInsertRowid,
    );
    statement(db, 'INSERT INTO other_joiner_fte (other_joiner_id, year, fte) SELECT ?, year, fte FROM other_joiner_fte WHERE other_joiner_id = ?').run(
      newId,
      j.id,
    );
    copyAssumptions(db, 'other_joiner', j.id, newId);
  }
  const drivers = statement(db, 'SELECT id FROM growth_driver WHERE scenario_id = ? ORDER BY id').all(fromId) as { id: number }[];
  for (const g of drivers) {
    const newId = Number(
      statement(
        db,
        `INSERT INTO growth_driver (scenario_id, name, growth, start_year, end_year, org_id, role_id, staff_group, growth_low, growth_high)
           SELECT ?, name, growth, start_year, end_year, org_id, role_id, staff_group, growth_low, growth_high FROM growth_driver WHERE id = ?`,
      ).run(to, g.id).lastInsertRowid,
    );
    copyAssumptions(db, 'growth_driver', g.id, newId);
  }
  const changes = statement(db, 'SELECT id FROM demand_change WHERE scenario_id = ? ORDER BY id').all(fromId) as { id: number }[];
  for (const c of changes) {
    const newId = Number(
      statement(
        db,
        'INSERT INTO demand_change (scenario_id, org_id, role_id, year, delta_fte, description) SELECT ?, org_id, role_id, year, delta_fte, description FROM demand_change WHERE id = ?',
      ).run(to, c.id).lastInsertRowid,
    );
    copyAssumptions(db, 'demand_change', c.id, newId);
  }
}
