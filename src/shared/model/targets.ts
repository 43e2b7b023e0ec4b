import { formatFte, formatMoney, formatPercent, yearLabel } from '../format';
import type { Projection, RagStatus, ScenarioInputs, Target, TargetProgress } from './types';

type Series = 'starts' | 'completers' | 'joinedFte' | 'inTraining';

function pipelineSum(p: Projection, ids: readonly number[], series: Series, from: number, to: number): number {
  let sum = 0;
  for (const pl of p.pipelines) {
    // A target counts a handful of pipelines: a scan beats building a Set on every call (the simulation calls this per run).
    if (!ids.includes(pl.pipelineId)) continue;
    for (let t = from; t <= to; t++) sum += pl[series][t]!;
  }
  return sum;
}

function cellSum(p: Projection, t: Target, pick: (c: Projection['cells'][number]) => number): number {
  let sum = 0;
  for (const c of p.cells) {
    if ((t.orgId !== null && c.orgId !== t.orgId) || (t.roleId !== null && c.roleId !== t.roleId)) continue;
    sum += pick(c);
  }
  return sum;
}

/** The projected value of a target's metric in its year (units as TARGET_METRICS documents). */
export function projectedValue(p: Projection, t: Target): number {
  const i = t.year - p.baseYear;
  switch (t.metric) {
    case 'trained-cumulative':
      return pipelineSum(p, t.pipelineIds, 'completers', 0, i);
    case 'starts-cumulative':
      return pipelineSum(p, t.pipelineIds, 'starts', 0, i);
    case 'joined-cumulative':
      return pipelineSum(p, t.pipelineIds, 'joinedFte', 0, i);
    case 'learners-in-training':
      return pipelineSum(p, t.pipelineIds, 'inTraining', i, i);
    case 'supply-fte':
      return cellSum(p, t, (c) => c.closing[i]!);
    case 'supply-change-fte':
      return cellSum(p, t, (c) => c.closing[i]! - c.opening[0]!);
    case 'vacancy-rate': {
      const demand = cellSum(p, t, (c) => c.demand[i]!);
      return demand !== 0 ? cellSum(p, t, (c) => c.gap[i]!) / demand : 0;
    }
    case 'agency-cost':
      return cellSum(p, t, (c) => c.agencyCost[i]!);
  }
}

/** How far a projected value falls short of a target with a value, in the metric's unit (≤ 0 = met). */
function shortfall(t: Target & { value: number }, projected: number): number {
  return t.comparison === 'at-least' ? t.value - projected : projected - t.value;
}

/** Float noise allowed when comparing with a target's value. */
const tolerance0 = (value: number): number => 1e-9 * Math.max(1, Math.abs(value));

/** True when a target can be judged against this projection: it has a value and its year is projected. */
export function targetIsKnown(p: Pick<Projection, 'baseYear' | 'horizonYear'>, t: Target): t is Target & { value: number } {
  return t.value !== null && t.year >= p.baseYear && t.year <= p.horizonYear;
}

/** True when `projected` meets the target (the rule evaluateTargets calls "met"). */
export function targetMet(t: Target & { value: number }, projected: number): boolean {
  return shortfall(t, projected) <= tolerance0(t.value);
}

function show(t: Target, v: number): string {
  if (t.metric === 'vacancy-rate') return formatPercent(v);
  if (t.metric === 'agency-cost') return formatMoney(v);
  return formatFte(v);
}

/**
 * Projected against target for each target, with a RAG status: met → green; missed by no more
 * than `tolerance` (a fraction) × |value| → amber; otherwise red. A target without a value, or
 * for a year outside the projection, is 'unknown': never met, never missed. Values are in the
 * metric's unit (heads, FTE, a fraction for vacancy rate, £ for agency cost); explanations give
 * FTE and heads to one decimal, rates as percentages and money in whole pounds.
 */
export function evaluateTargets(_inputs: ScenarioInputs, p: Projection, targets: readonly Target[], tolerance = 0.1): TargetProgress[] {
  return targets.map((t) => {
    const inPlan = t.year >= p.baseYear && t.year <= p.horizonYear;
    const projected = inPlan ? projectedValue(p, t) : null;
    // An unknown value is the first thing to say: it stays unknown whatever the projection.
    if (t.value === null)
      return {
        targetId: t.id,
        projected,
        value: null,
        status: 'unknown',
        explanation: projected === null ? 'Target value not set' : `Target value not set (projected ${show(t, projected)})`,
      };
    if (projected === null) {
      const why = t.year > p.horizonYear ? "is beyond the plan's horizon" : "is before the plan's base year";
      return {
        targetId: t.id,
        projected: null,
        value: t.value,
        status: 'unknown',
        explanation: `${yearLabel(t.year)} ${why} (${yearLabel(p.baseYear)} to ${yearLabel(p.horizonYear)})`,
      };
    }
    const known = { ...t, value: t.value };
    const shortBy = shortfall(known, projected);
    const eps = tolerance0(t.value);
    let status: RagStatus;
    let explanation: string;
    if (targetMet(known, projected)) {
      status = 'green';
      explanation = `Projected ${show(t, projected)} against ${show(t, t.value)}: met`;
    } else {
      status = shortBy <= tolerance * Math.abs(t.value) + eps ? 'amber' : 'red';
      explanation = `Projected ${show(t, projected)} against ${show(t, t.value)}: ${t.comparison === 'at-least' ? 'short by' : 'over by'} ${show(t, shortBy)}`;
    }
    return { targetId: t.id, projected, value: t.value, status, explanation };
  });
}
