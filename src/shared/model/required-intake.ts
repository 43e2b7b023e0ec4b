import { yearLabel } from '../format';
import { projectScenario } from './projection';
import type { Pipeline, RequiredIntakeAnswer, RequiredIntakeQuestion, ScenarioInputs } from './types';

/** The pipeline's intakes with a constant `heads` a year from `fromYear` to `horizonYear` (pure). */
export function applyConstantIntake(pipeline: Pipeline, fromYear: number, horizonYear: number, heads: number): Record<number, number> {
  const out: Record<number, number> = {};
  for (const [y, v] of Object.entries(pipeline.intakes)) if (Number(y) < fromYear || Number(y) > horizonYear) out[Number(y)] = v;
  for (let y = fromYear; y <= horizonYear; y++) out[y] = heads;
  return out;
}

/**
 * The smallest constant yearly intake (heads) into a pipeline, from a year to the horizon,
 * that closes a gap (gap ≤ 0) by a year: the pipeline's own org × role ('cell') or its role
 * across every organisation ('role'). Solved from the model: the gap falls linearly with the
 * intake until a progression source runs out, so a linear solve is checked and, where caps
 * bind, refined by bisection.
 */
export function requiredIntake(inputs: ScenarioInputs, q: RequiredIntakeQuestion): RequiredIntakeAnswer {
  const pipeline = inputs.pipelines.find((p) => p.id === q.pipelineId);
  if (!pipeline) return { ok: false, reason: 'That pipeline is not in this scenario.' };
  const by = yearLabel(q.byYear);
  for (const [label, y] of [['start', q.fromYear], ['target', q.byYear]] as const) {
    if (y < inputs.baseYear || y > inputs.horizonYear) {
      return { ok: false, reason: `The ${label} year ${yearLabel(y)} is outside the plan (${yearLabel(inputs.baseYear)} to ${yearLabel(inputs.horizonYear)}).` };
    }
  }
  if (q.fromYear > q.byYear) return { ok: false, reason: `The intake would start (${yearLabel(q.fromYear)}) after the year the gap must close (${by}).` };
  const duration = Math.max(0, pipeline.durationYears);
  if (q.fromYear + Math.floor(duration) > q.byYear) {
    const years = duration === 1 ? '1 year' : `${Number(duration.toFixed(2))} years`;
    return { ok: false, reason: `Cannot close by ${by}: the course (${years}) is longer than the time left.` };
  }
  if (pipeline.conversion <= 0) return { ok: false, reason: `Cannot close the gap with "${pipeline.name}": none of its completers take a post (conversion is 0 %).` };
  if (pipeline.attrition >= 1) return { ok: false, reason: `Cannot close the gap with "${pipeline.name}": every starter leaves the course (attrition is 100 %).` };
  if (pipeline.ftePerHead <= 0) return { ok: false, reason: `Cannot close the gap with "${pipeline.name}": its FTE per head is 0.` };

  const t = q.byYear - inputs.baseYear;
  const gapWith = (heads: number | null): number => {
    const pipelines = heads === null ? inputs.pipelines : inputs.pipelines.map((p) => (p.id === pipeline.id ? { ...p, intakes: applyConstantIntake(p, q.fromYear, inputs.horizonYear, heads) } : p));
    const projection = projectScenario({ ...inputs, pipelines });
    let gap = 0;
    for (const c of projection.cells) {
      if (c.roleId !== pipeline.roleId) continue;
      if (q.scope === 'cell' && c.orgId !== pipeline.orgId) continue;
      gap += c.gap[t]!;
    }
    return gap;
  };

  const gapBefore = gapWith(null);
  const g0 = gapWith(0);
  const done = (x: number): RequiredIntakeAnswer => ({ ok: true, exactIntake: x, wholeIntake: Math.max(0, Math.ceil(x - 1e-9)), gapBefore, gapAfter: gapWith(x) });
  if (g0 <= 0) return done(0);
  const probe = Math.max(1, g0);
  const slope = (g0 - gapWith(probe)) / probe;
  if (!(slope > 1e-12)) {
    return { ok: false, reason: `Cannot close by ${by} with "${pipeline.name}": it adds no staff to this gap by then${pipeline.sourceRoleId !== null ? ' (the role its trainees come from has no staff left)' : ''}.` };
  }
  const linear = g0 / slope;
  const tolerance = 1e-9 * Math.max(1, Math.abs(g0));
  if (gapWith(linear) <= tolerance) {
    // Exact unless caps bind; step back along the line to the smallest x that still closes.
    return done(linear);
  }
  // Caps bind (a progression source runs short): find an upper bound, then bisect.
  let lo = linear;
  let hi = linear * 2;
  let guard = 0;
  while (gapWith(hi) > tolerance) {
    lo = hi;
    hi *= 2;
    if (++guard > 40 || hi > 1e7) return { ok: false, reason: `Cannot close by ${by} with "${pipeline.name}": even ${Math.round(lo).toLocaleString('en-GB')} starters a year would not be enough (the role they come from runs out).` };
  }
  for (let i = 0; i < 200 && hi - lo > 1e-9 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (gapWith(mid) <= tolerance) hi = mid;
    else lo = mid;
  }
  return done(hi);
}
