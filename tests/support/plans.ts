import path from 'node:path';
import { createDemoPlan, type PlanSession } from '../../src/main/services/plan-session';
import { tempDir } from './temp';

/** A fresh demo plan on disk (removed after the test). */
export function demoSession(): PlanSession {
  return createDemoPlan(path.join(tempDir(), 'demo.wfplan'));
}

/** Every table's rows, for before/after comparisons. */
export function dumpPlan(db: PlanSession['db'], exclude: string[] = ['change_set', 'change_row']): Record<string, unknown[]> {
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[])
    .map((t) => t.name)
    .filter((t) => !exclude.includes(t));
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1, 2`).all()]));
}
