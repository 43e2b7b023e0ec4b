import type { PipelineRow } from '../../../shared/api/dto';
import type { PipelineFields, PipelineRanges } from '../../../shared/api/schemas';
import type { Pipeline, PipelineType } from '../../../shared/model/types';
import type { Db } from '../connection';
import { assumptionsFor, assumptionsOf } from './assumptions';
import { statement } from '../statements';

interface PipelineDbRow {
  id: number;
  scenario_id: number;
  lineage_id: number;
  name: string;
  type: PipelineType;
  org_id: number;
  role_id: number;
  source_role_id: number | null;
  trainees_leave_source: number;
  duration_years: number;
  attrition: number;
  conversion: number;
  fte_per_head: number;
  cost_per_learner_year: number;
  entrant_age_band: number;
  attrition_low: number | null;
  attrition_high: number | null;
  conversion_low: number | null;
  conversion_high: number | null;
  intake_fill_low: number | null;
  intake_fill_high: number | null;
}

/** A pipeline with its ranges (null: none). */
export type PipelineWithRanges = Pipeline & {
  attritionLow: number | null;
  attritionHigh: number | null;
  conversionLow: number | null;
  conversionHigh: number | null;
  intakeFillLow: number | null;
  intakeFillHigh: number | null;
};

/** Range field in the contract → column. */
export const PIPELINE_RANGE_COLUMNS = {
  attritionLow: 'attrition_low',
  attritionHigh: 'attrition_high',
  conversionLow: 'conversion_low',
  conversionHigh: 'conversion_high',
  intakeFillLow: 'intake_fill_low',
  intakeFillHigh: 'intake_fill_high',
} as const;

/** Field name in the contract → column. */
export const PIPELINE_COLUMNS: Record<keyof PipelineFields, string> = {
  name: 'name',
  type: 'type',
  orgId: 'org_id',
  roleId: 'role_id',
  sourceRoleId: 'source_role_id',
  traineesLeaveSourceRole: 'trainees_leave_source',
  durationYears: 'duration_years',
  attrition: 'attrition',
  conversion: 'conversion',
  ftePerHead: 'fte_per_head',
  costPerLearnerYear: 'cost_per_learner_year',
  entrantAgeBand: 'entrant_age_band',
};

function intakesByPipeline(db: Db, scenarioId: number): Map<number, Record<number, number>> {
  const rows = statement(
    db,
    'SELECT i.pipeline_id, i.year, i.heads FROM pipeline_intake i JOIN pipeline p ON p.id = i.pipeline_id WHERE p.scenario_id = ? ORDER BY i.year',
  ).all(scenarioId) as { pipeline_id: number; year: number; heads: number }[];
  const out = new Map<number, Record<number, number>>();
  for (const r of rows) {
    let m = out.get(r.pipeline_id);
    if (!m) {
      m = {};
      out.set(r.pipeline_id, m);
    }
    m[r.year] = r.heads;
  }
  return out;
}

function toModel(r: PipelineDbRow, intakes: Record<number, number>): PipelineWithRanges {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    orgId: r.org_id,
    roleId: r.role_id,
    sourceRoleId: r.source_role_id,
    traineesLeaveSourceRole: r.trainees_leave_source === 1,
    durationYears: r.duration_years,
    attrition: r.attrition,
    conversion: r.conversion,
    ftePerHead: r.fte_per_head,
    costPerLearnerYear: r.cost_per_learner_year,
    entrantAgeBand: r.entrant_age_band,
    intakes,
    attritionLow: r.attrition_low,
    attritionHigh: r.attrition_high,
    conversionLow: r.conversion_low,
    conversionHigh: r.conversion_high,
    intakeFillLow: r.intake_fill_low,
    intakeFillHigh: r.intake_fill_high,
  };
}

function selectRows(db: Db, scenarioId: number): PipelineDbRow[] {
  return statement(db, 'SELECT * FROM pipeline WHERE scenario_id = ? ORDER BY sort, id').all(scenarioId) as PipelineDbRow[];
}

/** The engine's view of a scenario's pipelines. */
export function pipelinesForModel(db: Db, scenarioId: number): (PipelineWithRanges & { lineageId: number })[] {
  const intakes = intakesByPipeline(db, scenarioId);
  return selectRows(db, scenarioId).map((r) => ({ ...toModel(r, intakes.get(r.id) ?? {}), lineageId: r.lineage_id }));
}

export function listPipelines(db: Db, scenarioId: number): PipelineRow[] {
  const intakes = intakesByPipeline(db, scenarioId);
  const notes = assumptionsFor(db, 'pipeline');
  return selectRows(db, scenarioId).map((r) => ({
    ...toModel(r, intakes.get(r.id) ?? {}),
    scenarioId: r.scenario_id,
    assumptions: notes.get(r.id) ?? {},
  }));
}

/** One pipeline with its intakes and notes, read on its own: the cost of one row whatever the plan's size. */
export function getPipeline(db: Db, pipelineId: number): PipelineRow | null {
  const row = statement(db, 'SELECT * FROM pipeline WHERE id = ?').get(pipelineId) as PipelineDbRow | undefined;
  if (!row) return null;
  const intakes: Record<number, number> = {};
  for (const r of statement(db, 'SELECT year, heads FROM pipeline_intake WHERE pipeline_id = ? ORDER BY year').all(pipelineId) as {
    year: number;
    heads: number;
  }[])
    intakes[r.year] = r.heads;
  return { ...toModel(row, intakes), scenarioId: row.scenario_id, assumptions: assumptionsOf(db, 'pipeline', pipelineId) };
}

/** The engine's view of one pipeline (with its lineage), or null when it is gone. */
export function pipelineForModel(db: Db, pipelineId: number): (Pipeline & { lineageId: number; scenarioId: number }) | null {
  const row = statement(db, 'SELECT * FROM pipeline WHERE id = ?').get(pipelineId) as PipelineDbRow | undefined;
  if (!row) return null;
  const intakes: Record<number, number> = {};
  for (const r of statement(db, 'SELECT year, heads FROM pipeline_intake WHERE pipeline_id = ? ORDER BY year').all(pipelineId) as {
    year: number;
    heads: number;
  }[])
    intakes[r.year] = r.heads;
  return { ...toModel(row, intakes), lineageId: row.lineage_id, scenarioId: row.scenario_id };
}

export interface NewPipeline extends PipelineFields {
  scenarioId: number;
  lineageId?: number;
}

export function insertPipeline(db: Db, p: NewPipeline): number {
  const sort = (statement(db, 'SELECT coalesce(max(sort), 0) + 1 AS s FROM pipeline WHERE scenario_id = ?').get(p.scenarioId) as { s: number }).s;
  const info = statement(
    db,
    `INSERT INTO pipeline (scenario_id, lineage_id, name, type, org_id, role_id, source_role_id, trainees_leave_source,
         duration_years, attrition, conversion, fte_per_head, cost_per_learner_year, entrant_age_band, sort)
       VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    p.scenarioId,
    p.name,
    p.type,
    p.orgId,
    p.roleId,
    p.sourceRoleId,
    p.traineesLeaveSourceRole ? 1 : 0,
    p.durationYears,
    p.attrition,
    p.conversion,
    p.ftePerHead,
    p.costPerLearnerYear,
    p.entrantAgeBand,
    sort,
  );
  const id = Number(info.lastInsertRowid);
  statement(db, 'UPDATE pipeline SET lineage_id = ? WHERE id = ?').run(p.lineageId ?? id, id);
  return id;
}

export function updatePipeline(db: Db, pipelineId: number, changes: Partial<PipelineFields & PipelineRanges>): void {
  const keys = Object.keys(changes) as (keyof (PipelineFields & PipelineRanges))[];
  if (keys.length === 0) return;
  const column = (k: keyof (PipelineFields & PipelineRanges)) =>
    k in PIPELINE_RANGE_COLUMNS ? PIPELINE_RANGE_COLUMNS[k as keyof PipelineRanges] : PIPELINE_COLUMNS[k as keyof PipelineFields];
  const sets = keys.map((k) => `${column(k)} = ?`).join(', ');
  const values = keys.map((k) => {
    const v = changes[k];
    return typeof v === 'boolean' ? (v ? 1 : 0) : v;
  });
  statement(db, `UPDATE pipeline SET ${sets} WHERE id = ?`).run(...values, pipelineId);
}

export function setIntake(db: Db, pipelineId: number, year: number, heads: number | null): void {
  if (heads === null) {
    statement(db, 'DELETE FROM pipeline_intake WHERE pipeline_id = ? AND year = ?').run(pipelineId, year);
  } else {
    statement(
      db,
      'INSERT INTO pipeline_intake (pipeline_id, year, heads) VALUES (?, ?, ?) ON CONFLICT (pipeline_id, year) DO UPDATE SET heads = excluded.heads',
    ).run(pipelineId, year, heads);
  }
}

export function deletePipeline(db: Db, pipelineId: number): number {
  statement(db, "DELETE FROM assumption WHERE entity = 'pipeline' AND entity_id = ?").run(pipelineId);
  return statement(db, 'DELETE FROM pipeline WHERE id = ?').run(pipelineId).changes;
}

/** Every intake figure of the plan's pipelines. */
export function allIntakes(db: Db): { p: number; year: number; heads: number }[] {
  return statement(db, 'SELECT pipeline_id AS p, year, heads FROM pipeline_intake').all() as { p: number; year: number; heads: number }[];
}

/** The organisation and role a pipeline trains for, by name. */
export function pipelinePlace(db: Db, pipelineId: number): { org: string; role: string } | undefined {
  return statement(
    db,
    'SELECT o.name AS org, r.name AS role FROM pipeline p JOIN organisation o ON o.id = p.org_id JOIN role r ON r.id = p.role_id WHERE p.id = ?',
  ).get(pipelineId) as { org: string; role: string } | undefined;
}
