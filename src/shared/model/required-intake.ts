/**
 * The "pull" question: the smallest constant yearly intake that closes a role's gap by a given
 * year, solved from the model rather than by trial in the grid: into one pipeline, or into every
 * pipeline that trains the role (for one organisation or all of them), shared out by a rule.
 *
 * A total yearly intake T is split between the pipelines by fixed shares w (Σ w = 1); pipeline
 * k takes T·w_k starters a year from the start year to the horizon. The gap at the target year
 * falls as T rises, piecewise linearly: exactly linearly until a progression pipeline's source
 * role runs short (then more starters bring fewer people each, or none). So: evaluate at 0 and at
 * a small probe, solve the line, and check that the answer closes the gap while a hair less does
 * not. When caps bend the line, bracket the answer and narrow it with regula falsi (Illinois)
 * and bisection to 1e-9 relative.
 *
 * The search stops at a plausible limit: ten times today's intake into these pipelines, or ten
 * times the intake the gap would need if every starter of the best of them stayed, qualified and
 * took a post in time, whichever is larger. An answer beyond it is reported as out of reach,
 * with the limit and the gap that would still be left at it — never as an absurd number.
 */
import { formatFte, formatHeads, yearLabel } from '../format';
import { projectScenario } from './projection';
import type { Pipeline, RequiredIntakeAnswer, RequiredIntakeQuestion, RoleIntakeAnswer, RoleIntakeQuestion, ScenarioInputs } from './types';

/** Relative width to which the answer is pinned down. */
const REL = 1e-9;
/** How many times today's (or the ideal) intake the search may go to before calling a gap out of reach. */
export const PLAUSIBLE_MULTIPLE = 10;

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
const heads = (v: number): string => formatHeads(v);

/** Why a pipeline cannot add anyone to the gap by the target year, or null when it can. */
function unusable(p: Pipeline, fromYear: number, byYear: number): string | null {
  const by = yearLabel(byYear);
  const duration = Math.max(0, p.durationYears);
  // The first cohort's earliest completers join in fromYear + ⌊d⌋; a course a hair short of a
  // whole number of years would need an absurd intake, so it counts as the whole year.
  if (fromYear + duration > byYear + 1 - 1e-9) return `Cannot close by ${by}: the course (${years(duration)}) is longer than the time left.`;
  const name = `"${p.name}"`;
  if (!(p.conversion > 0)) return `Cannot close the gap with ${name}: none of its completers take a post (conversion is 0 %).`;
  if (!(p.attrition < 1)) return `Cannot close the gap with ${name}: every starter leaves the course (attrition is 100 %).`;
  if (!(p.ftePerHead > 0)) return `Cannot close the gap with ${name}: its FTE per head is 0.`;
  return null;
}

/** Shares in proportion to each pipeline's intake in `fromYear`; else its largest year; else equal. */
function currentShares(ps: readonly Pipeline[], fromYear: number): Map<number, number> {
  const pick = [(p: Pipeline) => p.intakes[fromYear] ?? 0, (p: Pipeline) => Math.max(0, ...Object.values(p.intakes)), () => 1];
  for (const f of pick) {
    const raw = ps.map((p) => Math.max(0, f(p)));
    const sum = raw.reduce((a, b) => a + b, 0);
    if (sum > 0) return new Map(ps.map((p, i) => [p.id, raw[i]! / sum]));
  }
  return new Map();
}

/**
 * The smallest constant total yearly intake into the pipelines that train a role, from
 * `fromYear` to the horizon, that closes the role's gap (gap ≤ 0, FTE) in `byYear`, for one
 * organisation or for the role summed over every organisation; shared out as the question says.
 * Returns the exact total, each pipeline's share (exact and in whole starters), the gap before
 * and after overall and per organisation; or ok: false with the reason in plain English.
 */
export function requiredRoleIntake(inputs: ScenarioInputs, q: RoleIntakeQuestion): RoleIntakeAnswer {
  const by = yearLabel(q.byYear);
  const plan = `${yearLabel(inputs.baseYear)} to ${yearLabel(inputs.horizonYear)}`;
  if (q.fromYear < inputs.baseYear || q.fromYear > inputs.horizonYear)
    return { ok: false, reason: `The start year ${yearLabel(q.fromYear)} is outside the plan (${plan}).` };
  if (q.byYear < inputs.baseYear || q.byYear > inputs.horizonYear) return { ok: false, reason: `The target year ${by} is outside the plan (${plan}).` };
  if (q.fromYear > q.byYear) return { ok: false, reason: `The intake would start (${yearLabel(q.fromYear)}) after the year the gap must close (${by}).` };
  const roleName = inputs.roles.find((r) => r.id === q.roleId)?.name ?? `Role ${q.roleId}`;
  const orgName = (id: number): string => inputs.organisations.find((o) => o.id === id)?.name ?? `Organisation ${id}`;
  const where = q.orgId === null ? `${roleName} across all organisations` : `${roleName} at ${orgName(q.orgId)}`;

  let candidates: Pipeline[];
  if (q.sharing === 'one') {
    const p = inputs.pipelines.find((x) => x.id === q.pipelineId);
    if (!p) return { ok: false, reason: 'That pipeline is not in this scenario.' };
    if (p.roleId !== q.roleId) return { ok: false, reason: `"${p.name}" does not train ${roleName}.` };
    if (q.orgId !== null && p.orgId !== q.orgId) return { ok: false, reason: `"${p.name}" trains staff for ${orgName(p.orgId)}, not ${orgName(q.orgId)}.` };
    candidates = [p];
  } else {
    candidates = inputs.pipelines.filter((p) => p.roleId === q.roleId && (q.orgId === null || p.orgId === q.orgId));
    if (candidates.length === 0)
      return {
        ok: false,
        reason: `No pipeline in this scenario trains ${q.orgId === null ? roleName : `${roleName} for ${orgName(q.orgId)}`}: add one in Pipelines.`,
      };
  }
  const notes: string[] = [];
  const usable: Pipeline[] = [];
  const refusals: string[] = [];
  for (const p of candidates) {
    const why = unusable(p, q.fromYear, q.byYear);
    if (why === null) usable.push(p);
    else refusals.push(`"${p.name}": ${why.replace(/^Cannot close[^:]*: /, '')}`);
  }
  if (usable.length === 0) {
    if (candidates.length === 1) return { ok: false, reason: unusable(candidates[0]!, q.fromYear, q.byYear)! };
    return {
      ok: false,
      reason: `Cannot close the gap of ${where} by ${by}: none of its ${candidates.length} pipelines can help by then. ${refusals.join(' ')}`,
    };
  }
  if (refusals.length > 0) notes.push(`Left out (they cannot add anyone by ${by}): ${refusals.join(' ')}`);

  const t = q.byYear - inputs.baseYear;
  const inScope = (orgId: number, roleId: number) => roleId === q.roleId && (q.orgId === null || orgId === q.orgId);
  /** Gap per organisation in the target year, and their total, with the given pipelines. */
  const gapsOf = (pipelines: Pipeline[]): { total: number; byOrg: Map<number, number> } => {
    const projection = projectScenario({ ...inputs, pipelines });
    const byOrg = new Map<number, number>();
    let total = 0;
    for (const c of projection.cells) {
      if (!inScope(c.orgId, c.roleId)) continue;
      const g = c.gap[t]!;
      byOrg.set(c.orgId, (byOrg.get(c.orgId) ?? 0) + g);
      total += g;
    }
    return { total, byOrg };
  };
  const withIntakes = (intakeOf: (p: Pipeline) => number | undefined): Pipeline[] =>
    inputs.pipelines.map((p) => {
      const x = intakeOf(p);
      return x === undefined ? p : { ...p, intakes: applyConstantIntake(p, q.fromYear, inputs.horizonYear, x) };
    });
  const usableIds = new Set(usable.map((p) => p.id));

  const before = gapsOf(inputs.pipelines);
  const zero = gapsOf(withIntakes((p) => (usableIds.has(p.id) ? 0 : undefined)));
  const g0 = zero.total;
  // Float noise in a gap of g0 FTE; anything within it is closed.
  const tol = 1e-10 * Math.max(1, Math.abs(g0), Math.abs(before.total));
  const closes = (g: number): boolean => g <= tol;

  // Shares of the total.
  let shares: Map<number, number>;
  if (q.sharing === 'one') shares = new Map([[usable[0]!.id, 1]]);
  else if (q.sharing === 'current' || q.orgId !== null) shares = currentShares(usable, q.fromYear);
  else {
    // Each organisation's pipelines share its part by current intake; the parts are set so that
    // every organisation's gap closes in step: part ∝ its gap ÷ the FTE a starter brings there.
    const orgs = [...new Set(usable.map((p) => p.orgId))];
    const within = new Map<number, number>();
    for (const o of orgs)
      for (const [id, s] of currentShares(
        usable.filter((p) => p.orgId === o),
        q.fromYear,
      ))
        within.set(id, s);
    const probe = 1;
    const probed = gapsOf(withIntakes((p) => (usableIds.has(p.id) ? probe * within.get(p.id)! : undefined)));
    const part = new Map<number, number>();
    let sum = 0;
    for (const o of orgs) {
      const need = Math.max(0, zero.byOrg.get(o) ?? 0);
      const perHead = ((zero.byOrg.get(o) ?? 0) - (probed.byOrg.get(o) ?? 0)) / probe;
      const w = need > tol && perHead > 1e-12 ? need / perHead : 0;
      part.set(o, w);
      sum += w;
    }
    for (const [o, g] of zero.byOrg) {
      if (g > tol && !orgs.includes(o))
        notes.push(
          `${orgName(o)} is short by ${formatFte(g)} FTE in ${by} without this intake, but no pipeline into ${roleName} there can help by then: the others make up for it.`,
        );
    }
    if (sum > 0) shares = new Map(usable.map((p) => [p.id, (part.get(p.orgId)! / sum) * within.get(p.id)!]));
    else {
      shares = currentShares(usable, q.fromYear);
      if (g0 > tol)
        notes.push('No organisation with pipelines into this role is short of staff: the intake is shared in proportion to current intakes instead.');
    }
  }
  const gapWith = (total: number): number => gapsOf(withIntakes((p) => (shares.has(p.id) ? total * shares.get(p.id)! : undefined))).total;

  // The plausible limit: ten times today's intake, or ten times the ideal intake the gap needs.
  let today = 0;
  for (let y = inputs.baseYear; y <= inputs.horizonYear; y++)
    today = Math.max(
      today,
      usable.reduce((s, p) => s + (p.intakes[y] ?? 0), 0),
    );
  const bestYield = Math.max(...usable.map((p) => (1 - p.attrition) * p.conversion * p.ftePerHead));
  const ideal = Math.max(0, g0) / bestYield;
  const limit = PLAUSIBLE_MULTIPLE * Math.max(today, ideal, 1);
  const basis =
    today >= ideal
      ? `ten times today's intake into ${usable.length === 1 ? `"${usable[0]!.name}"` : 'these pipelines'} (${heads(today)} a year at most)`
      : `ten times the ${heads(Math.ceil(ideal))} a year the gap would need if every starter stayed, qualified and took a post in time`;
  const through = usable.length === 1 ? `"${usable[0]!.name}"` : `these ${usable.length} pipelines`;
  const sourceNote = usable.some((p) => p.sourceRoleId !== null) ? ' (the role their trainees come from may run out)' : '';

  const answer = (total: number, gapAfterExact: number): Extract<RoleIntakeAnswer, { ok: true }> => {
    const allocations = usable
      .filter((p) => shares.has(p.id))
      .map((p) => {
        const exact = total * shares.get(p.id)!;
        return {
          pipelineId: p.id,
          share: shares.get(p.id)!,
          exactIntake: exact,
          wholeIntake: Math.max(0, Math.ceil(exact - 1e-9)),
          currentIntake: p.intakes[q.fromYear] ?? 0,
        };
      });
    const whole = new Map(allocations.map((a) => [a.pipelineId, a.wholeIntake]));
    const after = total === 0 ? zero : gapsOf(withIntakes((p) => whole.get(p.id)));
    const orgIds = [...new Set([...before.byOrg.keys(), ...after.byOrg.keys()])];
    return {
      ok: true,
      exactTotal: total,
      wholeTotal: allocations.reduce((s, a) => s + a.wholeIntake, 0),
      allocations,
      gapBefore: before.total,
      gapAfterExact,
      gapAfter: after.total,
      byOrganisation: orgIds.map((o) => ({ orgId: o, gapBefore: before.byOrg.get(o) ?? 0, gapAfter: after.byOrg.get(o) ?? 0 })),
      limit,
      notes,
    };
  };
  if (closes(g0)) return answer(0, g0);

  const outOfReach = (left: number): RoleIntakeAnswer => {
    return {
      ok: false,
      reason: `Cannot close the gap of ${where} by ${by} with ${through}: it would take more than ${heads(limit)} starters a year, ${basis}. Even at ${heads(limit)} a year, ${by} would still be short by ${formatFte(left)} FTE${sourceNote}.`,
    };
  };

  // The line through 0 and a small probe (inside the linear piece unless a source is already short).
  let probe = Math.min(1e-3 * Math.max(1, g0), limit);
  let gp = gapWith(probe);
  while (!(g0 - gp > tol) && probe < limit) {
    // Nothing gained yet: a source role may be empty at first; look further out.
    probe = Math.min(probe * 16, limit);
    gp = gapWith(probe);
  }
  if (!(g0 - gp > tol)) {
    const one = usable.length === 1 ? usable[0]! : null;
    return {
      ok: false,
      reason: one
        ? `Cannot close by ${by} with "${one.name}": it adds no staff to this gap by then${one.sourceRoleId !== null ? ' (the role its trainees come from has nobody to spare)' : ''}.`
        : `Cannot close the gap of ${where} by ${by}: ${through} add no staff to it by then${sourceNote}.`,
    };
  }
  // Largest total known not to close the gap, and smallest known to close it (with their gaps).
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
  if (x1 > limit) {
    const gl = gapWith(limit);
    learn(limit, gl);
    if (!closes(gl)) return outOfReach(gl);
  } else {
    const g1 = gapWith(x1);
    learn(x1, g1);
    if (closes(g1)) {
      const below = x1 * (1 - REL);
      const gb = gapWith(below);
      learn(below, gb);
      if (!closes(gb)) return answer(x1, g1);
    }
  }

  // Caps bind: find a total that closes the gap, doubling up to the limit, then narrow the bracket.
  while (Number.isNaN(hi)) {
    const x = Math.min(Math.max(2 * lo, 1), limit);
    const g = gapWith(x);
    learn(x, g);
    if (Number.isNaN(hi) && x >= limit) return outOfReach(g);
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

/**
 * The single-pipeline form: the smallest constant yearly intake (heads) into one pipeline, from
 * `fromYear` to the horizon, that closes a gap (gap ≤ 0, FTE) in `byYear`: the pipeline's own
 * org × role ('cell') or its role summed over every organisation ('role'). Returns the exact
 * intake, the same rounded up to whole starters, and the gap (FTE) before (the plan's own
 * intakes) and after (the exact answer); or ok: false with the reason in plain English.
 */
export function requiredIntake(inputs: ScenarioInputs, q: RequiredIntakeQuestion): RequiredIntakeAnswer {
  const pipeline = inputs.pipelines.find((p) => p.id === q.pipelineId);
  if (!pipeline) return { ok: false, reason: 'That pipeline is not in this scenario.' };
  const a = requiredRoleIntake(inputs, {
    roleId: pipeline.roleId,
    orgId: q.scope === 'cell' ? pipeline.orgId : null,
    fromYear: q.fromYear,
    byYear: q.byYear,
    sharing: 'one',
    pipelineId: pipeline.id,
  });
  if (!a.ok) return a;
  return { ok: true, exactIntake: a.exactTotal, wholeIntake: Math.max(0, Math.ceil(a.exactTotal - 1e-9)), gapBefore: a.gapBefore, gapAfter: a.gapAfterExact };
}
