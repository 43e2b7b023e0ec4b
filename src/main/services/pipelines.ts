import { AppError } from '../../shared/api/errors';
import type { PipelineRow } from '../../shared/api/dto';
import type { PipelineChanges, PipelineFields } from '../../shared/api/schemas';
import { yearLabel } from '../../shared/format';
import type { Db } from '../db/connection';
import { recordChange } from '../db/changes';
import { deletePipeline as deletePipelineRow, getPipeline, insertPipeline, setIntake, updatePipeline } from '../db/repos/pipelines';
import { organisationName, roleName } from '../db/repos/reference';
import { checkRanges, PIPELINE_RANGES, syncRangeNotes } from './ranges';
import { requireScenario } from './scenarios';

export function requirePipeline(db: Db, pipelineId: number): PipelineRow {
  const p = getPipeline(db, pipelineId);
  if (!p) throw new AppError('NOT_FOUND', `Pipeline ${pipelineId} does not exist (it may have been deleted).`);
  return p;
}

function assertReferences(db: Db, fields: Partial<PipelineFields>): void {
  if (fields.orgId !== undefined && organisationName(db, fields.orgId) === undefined) {
    throw new AppError('VALIDATION', `Organisation ${fields.orgId} is not in the plan.`, { orgId: 'Unknown organisation' });
  }
  for (const key of ['roleId', 'sourceRoleId'] as const) {
    const v = fields[key];
    if (v !== undefined && v !== null && roleName(db, v) === undefined) {
      throw new AppError('VALIDATION', `Role ${v} is not in the plan.`, { [key]: 'Unknown role' });
    }
  }
}

const DEFAULTS: Omit<PipelineFields, 'name' | 'type' | 'orgId' | 'roleId'> = {
  sourceRoleId: null,
  traineesLeaveSourceRole: false,
  durationYears: 3,
  attrition: 0,
  conversion: 1,
  ftePerHead: 1,
  costPerLearnerYear: 0,
  entrantAgeBand: 0,
};

export function createPipeline(db: Db, scenarioId: number, fields: Pick<PipelineFields, 'name' | 'type' | 'orgId' | 'roleId'>): PipelineRow {
  requireScenario(db, scenarioId);
  assertReferences(db, fields);
  const id = recordChange(db, { source: 'grid', summary: `Added pipeline "${fields.name}"`, scenarioId }, () =>
    insertPipeline(db, { ...DEFAULTS, ...fields, scenarioId }),
  );
  return requirePipeline(db, id);
}

function describeValue(key: keyof PipelineChanges, v: unknown): string {
  if (v === null && (key.endsWith('Low') || key.endsWith('High'))) return 'none';
  if (typeof v === 'number' && (key === 'attrition' || key === 'conversion' || key.endsWith('Low') || key.endsWith('High'))) return `${(v * 100).toFixed(1)} %`;
  return String(v);
}

export function updatePipelineFields(db: Db, pipelineId: number, changes: PipelineChanges, source = 'grid'): PipelineRow {
  const before = requirePipeline(db, pipelineId);
  assertReferences(db, changes);
  const after = { ...before, ...changes };
  checkRanges(PIPELINE_RANGES, after);
  const parts = (Object.keys(changes) as (keyof PipelineChanges)[]).map((k) => `${k} ${describeValue(k, before[k])} → ${describeValue(k, changes[k])}`);
  recordChange(db, { source, summary: `${before.name}: ${parts.join(', ')}`, scenarioId: before.scenarioId }, () => {
    updatePipeline(db, pipelineId, changes);
    syncRangeNotes(db, 'pipeline', pipelineId, PIPELINE_RANGES, before as unknown as Record<string, unknown>, after);
  });
  return requirePipeline(db, pipelineId);
}

export function setPipelineIntake(db: Db, pipelineId: number, year: number, heads: number | null, source = 'grid'): PipelineRow {
  const before = requirePipeline(db, pipelineId);
  const old = before.intakes[year];
  recordChange(
    db,
    {
      source,
      summary: `${before.name} intake ${yearLabel(year)}: ${old ?? 'none'} → ${heads ?? 'none'}`,
      scenarioId: before.scenarioId,
    },
    () => setIntake(db, pipelineId, year, heads),
  );
  return requirePipeline(db, pipelineId);
}

export function deletePipeline(db: Db, pipelineId: number): { deleted: number } {
  const before = requirePipeline(db, pipelineId);
  const deleted = recordChange(db, { source: 'grid', summary: `Deleted pipeline "${before.name}"`, scenarioId: before.scenarioId }, () =>
    deletePipelineRow(db, pipelineId),
  );
  return { deleted };
}
