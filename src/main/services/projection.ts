/**
 * Runs the engine over a scenario and shapes the result for the window and the exports.
 * The engine itself is pure (src/shared/model); this module only loads its inputs.
 */
import {
  MAX_ROW_VALUES,
  type CellResult,
  type ComparisonResult,
  type GapRow,
  type PipelineResult,
  type ProjectionResult,
  type ProjectionRows,
  type ProjectionSeries,
  type ProjectionSummary,
  type ScopeGap,
  type SystemTotalsDto,
} from '../../shared/api/dto';
import { agencyExplanation, costliestAgencyRole } from '../../shared/agency';
import { AppError } from '../../shared/api/errors';
import { yearLabel } from '../../shared/format';
import {
  applyConstantIntake,
  compareProjections,
  evaluateTargets,
  requiredRoleIntake,
  shortageRoles,
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
import { loadScenarioInputs, loadTargets, workforceRows } from '../db/repos/model-inputs';
import { cachedProjection } from './projection-cache';
import { observeProjection, previousTotals, scopeGap, totalsOf } from './projection-observed';
import { assumptionsOf } from '../db/repos/assumptions';
import { listOrganisations, listRoles } from '../db/repos/reference';
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

export interface ScenarioRun {
  inputs: ScenarioInputs;
  projection: Projection;
  result: ProjectionResult;
}

/** A scenario's inputs and projection (kept between edits, see projection-cache), its targets and shortage roles. */
export interface ScenarioEvaluation {
  inputs: ScenarioInputs;
  projection: Projection;
  /** See CachedRun: the same while the projection has not changed. */
  generation: number;
  targets: TargetProgress[];
  shortage: ShortageRoleResult[];
}

/**
 * Projects one scenario from the inputs kept in memory, brought up to date with every write so
 * far. The inputs and projection returned are live: read them before the next write.
 */
export function evaluateScenario(db: Db, scenarioId: number): ScenarioEvaluation {
  requireScenario(db, scenarioId);
  const { inputs, projection, generation } = cachedProjection(db, scenarioId);
  if (inputs.horizonYear < inputs.baseYear) throw new AppError('VALIDATION', 'The plan’s horizon is before its base year.');
  const targets = evaluateTargets(inputs, projection, loadTargets(db, scenarioId));
  // The shortage roles read every cell: kept while neither the projection nor the criteria change.
  const criteria = getShortageCriteria(db);
  const key = `${scenarioId}:${generation}:${JSON.stringify(criteria)}`;
  const kept = shortageKept.get(db);
  const shortage = kept?.key === key ? kept.shortage : shortageRoles(inputs, projection, criteria);
  shortageKept.set(db, { key, shortage });
  return { inputs, projection, generation, targets, shortage };
}

const shortageKept = new WeakMap<Db, { key: string; shortage: ShortageRoleResult[] }>();

/** Numbers smaller than this count as no shortfall (as the window shows them: 0.0). */
const SHORTFALL = 0.05;

/** Totals, targets, the worst shortage roles and the biggest gaps, for the dashboard. */
export function projectionSummary(
  db: Db,
  scenarioId: number,
  limits: { shortageLimit?: number | undefined; gapLimit?: number | undefined } = {},
): ProjectionSummary {
  const { projection, generation, targets, shortage } = evaluateScenario(db, scenarioId);
  const seen = observeProjection(db, scenarioId, projection, generation);
  const roles = shortage.filter((s) => s.isShortage).sort((a, b) => b.peakVacancyRate - a.peakVacancyRate || a.roleId - b.roleId);
  const gaps: GapRow[] = [];
  for (const c of projection.cells) {
    const g = c.gap;
    let peak = 0;
    for (let i = 1; i < g.length; i++) if (g[i]! > g[peak]!) peak = i;
    const gap = g[peak] ?? 0;
    if (gap >= SHORTFALL)
      gaps.push({ orgId: c.orgId, roleId: c.roleId, yearIndex: peak, gap, vacancyRate: c.vacancyRate[peak] ?? 0, agencyCost: c.agencyCost[peak] ?? 0 });
  }
  gaps.sort((a, b) => b.gap - a.gap || a.orgId - b.orgId || a.roleId - b.roleId);
  return {
    scenarioId,
    years: projection.years,
    totals: totalsOf(projection),
    targets,
    shortage: { count: roles.length, roles: roles.slice(0, limits.shortageLimit ?? 10) },
    gaps: { count: gaps.length, rows: gaps.slice(0, limits.gapLimit ?? 10) },
    previousTotals: previousTotals(seen),
    agency: agencySummary(db, scenarioId, projection, seen.now.totals),
  };
}

/** The agency card's words: read for the one role that costs most, whatever the plan's size. */
function agencySummary(db: Db, scenarioId: number, projection: Projection, totals: SystemTotalsDto): { covers: string; detail: string } {
  const costliest = costliestAgencyRole(projection.cells);
  const workforce = costliest
    ? workforceRows(db, scenarioId, { roleId: costliest.roleId }).map((r) => ({
        ...r,
        assumptions: r.rateId === null ? {} : assumptionsOf(db, 'workforce_rate', r.rateId),
      }))
    : [];
  const reference = { organisations: listOrganisations(db), roles: listRoles(db) };
  return agencyExplanation({ years: projection.years, totals, cells: projection.cells }, workforce, reference);
}

/** Scope gap for the impact strip: now and before the last change that moved a number. */
export function projectionScope(db: Db, q: { scenarioId: number; orgId: number | null; roleId: number | null; staffGroup: string | null }): ScopeGap {
  const { inputs, projection, generation } = evaluateScenario(db, q.scenarioId);
  return scopeGap(db, q.scenarioId, inputs, projection, generation, q);
}

/**
 * The rows and years a view shows, as typed arrays: rows offset..offset + limit of the
 * projection (in its cell order), the years fromYear..toYear (the whole horizon by default).
 * Fewer rows than asked come back when they would carry more than MAX_ROW_VALUES numbers.
 */
export function projectionRows(
  db: Db,
  q: { scenarioId: number; series: readonly ProjectionSeries[]; offset: number; limit: number; fromYear?: number | undefined; toYear?: number | undefined },
): ProjectionRows {
  requireScenario(db, q.scenarioId);
  const { projection } = cachedProjection(db, q.scenarioId);
  const from = q.fromYear ?? projection.baseYear;
  const to = q.toYear ?? projection.horizonYear;
  if (to < from) throw new AppError('VALIDATION', `${yearLabel(to)} is before ${yearLabel(from)}.`);
  const t0 = Math.max(0, from - projection.baseYear);
  const t1 = Math.min(projection.years.length - 1, to - projection.baseYear);
  const Y = Math.max(0, t1 - t0 + 1);
  const series = [...new Set(q.series)];
  const fit = Math.max(1, Math.floor(MAX_ROW_VALUES / Math.max(1, series.length * Y)));
  const total = projection.cells.length;
  const start = Math.min(q.offset, total);
  const end = Math.min(total, start + Math.min(q.limit, fit));
  const n = end - start;
  const orgIds = new Int32Array(n);
  const roleIds = new Int32Array(n);
  const values: Partial<Record<ProjectionSeries, Float64Array>> = {};
  for (const key of series) values[key] = new Float64Array(n * Y);
  for (let r = 0; r < n; r++) {
    const c = projection.cells[start + r]!;
    orgIds[r] = c.orgId;
    roleIds[r] = c.roleId;
    for (const key of series) values[key]!.set(c[key].subarray(t0, t0 + Y), r * Y);
  }
  return { scenarioId: q.scenarioId, years: projection.years.slice(t0, t0 + Y), totalRows: total, offset: start, orgIds, roleIds, values };
}

/** The engine's projection as the plain arrays the window and the exports read. */
export function toProjectionResult(scenarioId: number, projection: Projection, targets: TargetProgress[], shortage: ShortageRoleResult[]): ProjectionResult {
  return {
    scenarioId,
    years: projection.years,
    cells: cellsOf(projection),
    pipelines: pipelinesOf(projection),
    totals: totalsOf(projection),
    targets,
    shortage,
  };
}

/** Loads, projects and evaluates one scenario. */
export function runScenario(db: Db, scenarioId: number): ScenarioRun {
  const { inputs, projection, targets, shortage } = evaluateScenario(db, scenarioId);
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
  // Both projections are read here, before anything else can write to the plan.
  const a = evaluateScenario(db, scenarioA);
  const b = evaluateScenario(db, scenarioB);
  const diff = compareProjections(a.projection, b.projection);
  return {
    scenarioA,
    scenarioB,
    years: a.projection.years,
    cells: diff.cells.map((c) => ({
      orgId: c.orgId,
      roleId: c.roleId,
      closing: [...c.closing],
      demand: [...c.demand],
      gap: [...c.gap],
      agencyCost: [...c.agencyCost],
      changed: c.changed,
    })),
    totalsA: totalsOf(a.projection),
    totalsB: totalsOf(b.projection),
    targetsA: a.targets,
    targetsB: b.targets,
  };
}
