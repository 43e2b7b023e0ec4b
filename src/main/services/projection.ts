/**
 * Runs the engine over a scenario and shapes the result for the window and the exports.
 * The engine itself is pure (src/shared/model); this module only loads its inputs.
 */
import type { CellResult, ComparisonResult, PipelineResult, ProjectionResult, SystemTotalsDto } from '../../shared/api/dto';
import { AppError } from '../../shared/api/errors';
import { yearLabel } from '../../shared/format';
import {
  applyConstantIntake,
  compareProjections,
  evaluateTargets,
  projectScenario,
  requiredRoleIntake,
  shortageRoles,
  systemTotals,
  type Projection,
  type RoleIntakeAnswer,
  type RoleIntakeQuestion,
  type ScenarioInputs,
  type ShortageRoleResult,
  type TargetProgress,
} from '../../shared/model';
import type { PipelineRow } from '../../shared/api/dto';
import type { Db } from '../db/connection';
import { recordChange } from '../db/changes';
import { loadScenarioInputs, loadTargets } from '../db/repos/model-inputs';
import { setIntake } from '../db/repos/pipelines';
import { getShortageCriteria } from './inputs';
import { requirePipeline } from './pipelines';
import { requireScenario } from './scenarios';

const arr = (a: Float64Array): number[] => Array.from(a);

function cellsOf(p: Projection): CellResult[] {
  return p.cells.map((c) => ({
    orgId: c.orgId,
    roleId: c.roleId,
    opening: arr(c.opening),
    leavers: arr(c.leavers),
    retirements: arr(c.retirements),
    progressionOut: arr(c.progressionOut),
    qualified: arr(c.qualified),
    otherJoiners: arr(c.otherJoiners),
    closing: arr(c.closing),
    closingHeadcount: arr(c.closingHeadcount),
    demand: arr(c.demand),
    gap: arr(c.gap),
    vacancyRate: arr(c.vacancyRate),
    agencyCost: arr(c.agencyCost),
  }));
}

function pipelinesOf(p: Projection): PipelineResult[] {
  return p.pipelines.map((x) => ({
    pipelineId: x.pipelineId,
    starts: arr(x.starts),
    inTraining: arr(x.inTraining),
    completers: arr(x.completers),
    joinedFte: arr(x.joinedFte),
    sourceOutFte: arr(x.sourceOutFte),
    trainingCost: arr(x.trainingCost),
  }));
}

function totalsOf(p: Projection): SystemTotalsDto {
  const t = systemTotals(p);
  return {
    closing: [...t.closing],
    demand: [...t.demand],
    gap: [...t.gap],
    agencyCost: [...t.agencyCost],
    qualified: [...t.qualified],
    leavers: [...t.leavers],
    retirements: [...t.retirements],
    otherJoiners: [...t.otherJoiners],
    trainingCost: [...t.trainingCost],
  };
}

export interface ScenarioRun {
  inputs: ScenarioInputs;
  projection: Projection;
  result: ProjectionResult;
}

/** The engine's projection as the plain arrays the window and the exports read. */
export function toProjectionResult(scenarioId: number, projection: Projection, targets: TargetProgress[], shortage: ShortageRoleResult[]): ProjectionResult {
  return { scenarioId, years: projection.years, cells: cellsOf(projection), pipelines: pipelinesOf(projection), totals: totalsOf(projection), targets, shortage };
}

/** Loads, projects and evaluates one scenario. */
export function runScenario(db: Db, scenarioId: number): ScenarioRun {
  requireScenario(db, scenarioId);
  const inputs = loadScenarioInputs(db, scenarioId);
  if (inputs.horizonYear < inputs.baseYear) throw new AppError('VALIDATION', 'The plan’s horizon is before its base year.');
  const projection = projectScenario(inputs);
  const targets = evaluateTargets(inputs, projection, loadTargets(db, scenarioId));
  const shortage = shortageRoles(inputs, projection, getShortageCriteria(db));
  return {
    inputs,
    projection,
    result: toProjectionResult(scenarioId, projection, targets, shortage),
  };
}

export function runProjection(db: Db, scenarioId: number): ProjectionResult {
  return runScenario(db, scenarioId).result;
}

/** The intake into a role's pipelines that closes its gap (see the engine's requiredRoleIntake). */
export function askRequiredIntake(db: Db, scenarioId: number, question: RoleIntakeQuestion): RoleIntakeAnswer {
  requireScenario(db, scenarioId);
  if (question.pipelineId !== null) {
    const pipeline = requirePipeline(db, question.pipelineId);
    if (pipeline.scenarioId !== scenarioId) throw new AppError('VALIDATION', `"${pipeline.name}" belongs to another scenario.`);
  }
  return requiredRoleIntake(loadScenarioInputs(db, scenarioId), question);
}

/**
 * Sets a constant yearly intake into each of several pipelines of one scenario, from a year to
 * the horizon (earlier years kept): one undoable change, so a single Undo brings every one back.
 */
export function applyRequiredIntake(db: Db, scenarioId: number, fromYear: number, intakes: readonly { pipelineId: number; heads: number }[]): PipelineRow[] {
  const inputs = loadScenarioInputs(db, scenarioId);
  if (fromYear < inputs.baseYear || fromYear > inputs.horizonYear) {
    throw new AppError('VALIDATION', `${yearLabel(fromYear)} is outside the plan (${yearLabel(inputs.baseYear)} to ${yearLabel(inputs.horizonYear)}).`);
  }
  const seen = new Set<number>();
  const rows = intakes.map(({ pipelineId, heads }) => {
    if (seen.has(pipelineId)) throw new AppError('VALIDATION', `Pipeline ${pipelineId} is listed twice.`);
    seen.add(pipelineId);
    const pipeline = requirePipeline(db, pipelineId);
    if (pipeline.scenarioId !== scenarioId) throw new AppError('VALIDATION', `"${pipeline.name}" belongs to another scenario.`);
    const model = inputs.pipelines.find((p) => p.id === pipelineId);
    if (!model) throw new AppError('NOT_FOUND', `Pipeline ${pipelineId} does not exist.`);
    return { pipeline, next: applyConstantIntake(model, fromYear, inputs.horizonYear, heads), heads };
  });
  const summary =
    rows.length === 1
      ? `${rows[0]!.pipeline.name}: ${rows[0]!.heads} starters a year from ${yearLabel(fromYear)}`
      : `${rows.reduce((s, r) => s + r.heads, 0)} starters a year from ${yearLabel(fromYear)} across ${rows.length} pipelines`;
  recordChange(db, { source: 'required intake', summary, scenarioId }, () => {
    for (const { pipeline, next } of rows) for (let y = fromYear; y <= inputs.horizonYear; y++) setIntake(db, pipeline.id, y, next[y] ?? null);
  });
  return rows.map((r) => requirePipeline(db, r.pipeline.id));
}

export function compareScenarios(db: Db, scenarioA: number, scenarioB: number): ComparisonResult {
  const a = runScenario(db, scenarioA);
  const b = runScenario(db, scenarioB);
  const diff = compareProjections(a.projection, b.projection);
  return {
    scenarioA,
    scenarioB,
    years: a.projection.years,
    cells: diff.cells.map((c) => ({ orgId: c.orgId, roleId: c.roleId, closing: [...c.closing], demand: [...c.demand], gap: [...c.gap], agencyCost: [...c.agencyCost], changed: c.changed })),
    totalsA: a.result.totals,
    totalsB: b.result.totals,
    targetsA: a.result.targets,
    targetsB: b.result.targets,
  };
}
