/**
 * The "pull" question: the smallest constant yearly intake into one pipeline that closes a gap
 * by a given year, solved from the model rather than by trial in the grid.
 *
 * The gap at the target year falls as the intake x rises, piecewise linearly: exactly linearly
 * until a progression pipeline's source role runs short (then more starters bring fewer people
 * each, or none). So: evaluate at 0 and at a small probe, solve the line, and check that the
 * answer closes the gap while a hair less does not. When caps bend the line, bracket the answer
 * and narrow it with regula falsi (Illinois) and bisection to 1e-9 relative.
 */
import { yearLabel } from '../format';
import { projectScenario } from './projection';
import type { Pipeline, RequiredIntakeAnswer, RequiredIntakeQuestion, ScenarioInputs } from './types';

/** Relative width to which the answer is pinned down. */
const REL = 1e-9;
/** Intakes beyond this many heads a year are not a plan: stop searching. */
const MAX_HEADS = 1e9;

/**
 * A pipeline's intakes (heads by financial year) with a constant `heads` a year from `fromYear`
 * to `horizonYear` inclusive, replacing whatever was there; other years are kept. Pure.
 */
export function applyConstantIntake(pipeline: Pipeline, fromYear: number, horizonYear: number, heads: number): Record<number, number> {
  const out: Record<number, number> = {};
  for (const [y, v] of Object.entries(pipeline.intakes)) if (Number(y) < fromYear || Number(y) > horizonYear) out[Number(y)] = v;
  for (let y = fromYear; y <= horizonYear; y++) out[y] = heads;
  return out;
}

const years = (d: number): string => (d === 1 ? '1 year' : `${Number(d.toFixed(2))} years`);

/**
 * The smallest constant yearly intake (heads) into a pipeline, from `fromYear` to the horizon,
 * that closes a gap (gap ≤ 0, FTE) in `byYear`: the pipeline's own org × role ('cell') or its
 * role summed over every organisation ('role'). Returns the exact intake, the same rounded up
 * to whole starters, and the gap (FTE) before (the plan's own intakes) and after (the exact
 * answer); or ok: false with the reason in plain English when no intake can do it.
 */
export function requiredIntake(inputs: ScenarioInputs, q: RequiredIntakeQuestion): RequiredIntakeAnswer {
  const pipeline = inputs.pipelines.find((p) => p.id === q.pipelineId);
  if (!pipeline) return { ok: false, reason: 'That pipeline is not in this scenario.' };
  const by = yearLabel(q.byYear);
  const plan = `${yearLabel(inputs.baseYear)} to ${yearLabel(inputs.horizonYear)}`;
  if (q.fromYear < inputs.baseYear || q.fromYear > inputs.horizonYear) return { ok: false, reason: `The start year ${yearLabel(q.fromYear)} is outside the plan (${plan}).` };
  if (q.byYear < inputs.baseYear || q.byYear > inputs.horizonYear) return { ok: false, reason: `The target year ${by} is outside the plan (${plan}).` };
  if (q.fromYear > q.byYear) return { ok: false, reason: `The intake would start (${yearLabel(q.fromYear)}) after the year the gap must close (${by}).` };
  const duration = Math.max(0, pipeline.durationYears);
  // The first cohort's earliest completers join in fromYear + ⌊d⌋; a course a hair short of a
  // whole number of years would need an absurd intake, so it counts as the whole year.
  if (q.fromYear + duration > q.byYear + 1 - 1e-9) return { ok: false, reason: `Cannot close by ${by}: the course (${years(duration)}) is longer than the time left.` };
  const name = `"${pipeline.name}"`;
  if (!(pipeline.conversion > 0)) return { ok: false, reason: `Cannot close the gap with ${name}: none of its completers take a post (conversion is 0 %).` };
  if (!(pipeline.attrition < 1)) return { ok: false, reason: `Cannot close the gap with ${name}: every starter leaves the course (attrition is 100 %).` };
  if (!(pipeline.ftePerHead > 0)) return { ok: false, reason: `Cannot close the gap with ${name}: its FTE per head is 0.` };

  const t = q.byYear - inputs.baseYear;
  const gapOf = (pipelines: Pipeline[]): number => {
    const projection = projectScenario({ ...inputs, pipelines });
    let gap = 0;
    for (const c of projection.cells) {
      if (c.roleId !== pipeline.roleId || (q.scope === 'cell' && c.orgId !== pipeline.orgId)) continue;
      gap += c.gap[t]!;
    }
    return gap;
  };
  const gapWith = (x: number): number => gapOf(inputs.pipelines.map((p) => (p.id === pipeline.id ? { ...p, intakes: applyConstantIntake(p, q.fromYear, inputs.horizonYear, x) } : p)));

  const gapBefore = gapOf(inputs.pipelines);
  const g0 = gapWith(0);
  // Float noise in a gap of g0 FTE; anything within it is closed.
  const tol = 1e-10 * Math.max(1, Math.abs(g0), Math.abs(gapBefore));
  const closes = (g: number): boolean => g <= tol;
  const answer = (x: number, gapAfter: number): RequiredIntakeAnswer => ({ ok: true, exactIntake: x, wholeIntake: Math.max(0, Math.ceil(x - 1e-9)), gapBefore, gapAfter });
  if (closes(g0)) return answer(0, g0);

  // The line through 0 and a small probe (inside the linear piece unless a source is already short).
  let probe = 1e-3 * Math.max(1, g0);
  let gp = gapWith(probe);
  while (!(g0 - gp > tol) && probe < MAX_HEADS) {
    // Nothing gained yet: a source role may be empty at first; look further out.
    probe *= 16;
    gp = gapWith(probe);
  }
  if (!(g0 - gp > tol)) {
    return { ok: false, reason: `Cannot close by ${by} with ${name}: it adds no staff to this gap by then${pipeline.sourceRoleId !== null ? ' (the role its trainees come from has nobody to spare)' : ''}.` };
  }
  // Largest intake known not to close the gap, and smallest known to close it (with their gaps).
  let lo = 0;
  let glo = g0;
  let hi = Number.NaN;
  let ghi = Number.NaN;
  const learn = (x: number, g: number): void => {
    if (closes(g)) {
      if (!(x >= hi)) [hi, ghi] = [x, g];
    } else if (x > lo) [lo, glo] = [x, g];
  };
  learn(probe, gp);

  // Linear solve; exact when no cap binds. Accept it once a hair less is shown not to close.
  const x1 = (g0 * probe) / (g0 - gp);
  const g1 = gapWith(x1);
  learn(x1, g1);
  if (closes(g1)) {
    const below = x1 * (1 - REL);
    const gb = gapWith(below);
    learn(below, gb);
    if (!closes(gb)) return answer(x1, g1);
  }

  // Caps bind: find an intake that closes the gap, doubling, then narrow the bracket.
  while (Number.isNaN(hi)) {
    const x = Math.max(2 * lo, 1);
    if (x > MAX_HEADS) {
      return { ok: false, reason: `Cannot close by ${by} with ${name}: even ${Math.round(lo).toLocaleString('en-GB')} starters a year would not be enough (the role they come from runs out).` };
    }
    learn(x, gapWith(x));
  }
  // Regula falsi with the Illinois tweak (a side kept twice has its gap halved so the bracket
  // shrinks from both ends), falling back to bisection when it stalls.
  let side = 0;
  let wlo = glo;
  let whi = ghi;
  for (let i = 0; i < 200 && hi - lo > REL * hi; i++) {
    let x = (lo * whi - hi * wlo) / (whi - wlo);
    if (!(x > lo && x < hi) || i % 4 === 3) x = (lo + hi) / 2;
    const g = gapWith(x);
    if (closes(g)) {
      hi = x;
      ghi = g;
      whi = g;
      if (side === 1) wlo /= 2;
      side = 1;
    } else {
      lo = x;
      wlo = g;
      if (side === -1) whi /= 2;
      side = -1;
    }
  }
  return answer(hi, ghi);
}
