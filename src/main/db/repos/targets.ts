/** The plan's targets (with the pipelines each counts) and its shortage-role criteria. */
import type { ShortageCriteria, TargetMetric } from '../../../shared/model/types';
import type { Db } from '../connection';
import { statement } from '../statements';
import { deleteAssumptions } from './assumptions';

export interface TargetFields {
  name: string;
  metric: TargetMetric;
  lineageIds: number[];
  orgId: number | null;
  roleId: number | null;
  year: number;
  value: number | null;
  comparison: 'at-least' | 'at-most';
}

/** A target as stored. */
export interface TargetDbRow {
  id: number;
  name: string;
  metric: TargetMetric;
  org_id: number | null;
  role_id: number | null;
  year: number;
  value: number | null;
  comparison: 'at-least' | 'at-most';
  sort: number;
}

export const TARGET_SQL = 'SELECT id, name, metric, org_id, role_id, year, value, comparison, sort FROM target';

/** Every target with the pipeline lineages it counts, in the plan's order. */
export function targetRows(db: Db): (TargetFields & { id: number })[] {
  const rows = statement(db, `${TARGET_SQL} ORDER BY sort, id`).all() as TargetDbRow[];
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
  }));
}

export function lineageExists(db: Db, lineageId: number): boolean {
  return statement(db, 'SELECT 1 FROM pipeline WHERE lineage_id = ?').get(lineageId) !== undefined;
}

function writeTargetPipelines(db: Db, targetId: number, lineageIds: number[]): void {
  statement(db, 'DELETE FROM target_pipeline WHERE target_id = ?').run(targetId);
  for (const l of new Set(lineageIds)) statement(db, 'INSERT INTO target_pipeline (target_id, lineage_id) VALUES (?, ?)').run(targetId, l);
}

/** A target's fields in the order of TARGET_COLUMNS. */
const targetValues = (t: Omit<TargetFields, 'lineageIds'>) => [t.name, t.metric, t.orgId, t.roleId, t.year, t.value, t.comparison];
const TARGET_COLUMNS = ['name', 'metric', 'org_id', 'role_id', 'year', 'value', 'comparison'];

/** Adds a target after the others; returns its id. */
export function insertTarget(db: Db, t: TargetFields): number {
  const sql = `INSERT INTO target (${TARGET_COLUMNS.join(', ')}, sort) VALUES (${TARGET_COLUMNS.map(() => '?').join(', ')}, (SELECT coalesce(max(sort), 0) + 1 FROM target))`;
  const targetId = Number(statement(db, sql).run(...targetValues(t)).lastInsertRowid);
  writeTargetPipelines(db, targetId, t.lineageIds);
  return targetId;
}

/** Writes a target's fields; its pipelines only when `lineageIds` is given. */
export function updateTargetRow(db: Db, targetId: number, t: Omit<TargetFields, 'lineageIds'>, lineageIds?: number[]): void {
  statement(db, `UPDATE target SET ${TARGET_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...targetValues(t), targetId);
  if (lineageIds) writeTargetPipelines(db, targetId, lineageIds);
}

/** Deletes a target with its notes; returns the rows deleted. */
export function deleteTargetRow(db: Db, targetId: number): number {
  deleteAssumptions(db, 'target', targetId);
  return statement(db, 'DELETE FROM target WHERE id = ?').run(targetId).changes;
}

export function shortageCriteria(db: Db): ShortageCriteria {
  const r = statement(db, 'SELECT vacancy_rate_above, leaver_rate_above, aged55_plus_above, mode FROM shortage_criteria WHERE id = 1').get() as
    | { vacancy_rate_above: number | null; leaver_rate_above: number | null; aged55_plus_above: number | null; mode: 'any' | 'all' }
    | undefined;
  return r
    ? { vacancyRateAbove: r.vacancy_rate_above, leaverRateAbove: r.leaver_rate_above, aged55PlusAbove: r.aged55_plus_above, mode: r.mode }
    : { vacancyRateAbove: null, leaverRateAbove: null, aged55PlusAbove: null, mode: 'any' };
}

export function writeShortageCriteria(db: Db, c: ShortageCriteria): void {
  statement(
    db,
    `INSERT INTO shortage_criteria (id, vacancy_rate_above, leaver_rate_above, aged55_plus_above, mode) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET vacancy_rate_above = excluded.vacancy_rate_above, leaver_rate_above = excluded.leaver_rate_above,
       aged55_plus_above = excluded.aged55_plus_above, mode = excluded.mode`,
  ).run(c.vacancyRateAbove, c.leaverRateAbove, c.aged55PlusAbove, c.mode);
}
