import type { ScenarioRow } from '../../../shared/api/dto';
import type { Db } from '../connection';

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
  db.prepare(
    "DELETE FROM assumption WHERE entity = 'pipeline' AND entity_id IN (SELECT id FROM pipeline WHERE scenario_id = ?)",
  ).run(id);
  return db.prepare('DELETE FROM scenario WHERE id = ?').run(id).changes;
}
