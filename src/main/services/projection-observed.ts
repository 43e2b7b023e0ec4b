/**
 * What the window shows of an edit's effect without receiving the projection: the projection as
 * it was before the last change that moved a number, per plan connection and scenario, and the
 * gap over one scope (an organisation, a role, a staff group) now and then.
 *
 * Each look at a scenario (the dashboard's summary after every change, the impact strip) compares
 * the kept projection's gaps with those seen last; when any moved, what was seen last becomes
 * "before". Opening another scenario starts afresh, as does another plan (another connection).
 */
import type { ScopeGap, SystemTotalsDto } from '../../shared/api/dto';
import { systemTotals, type Projection, type ScenarioInputs } from '../../shared/model';
import type { Db } from '../db/connection';

interface Seen {
  /** orgId and roleId of each cell, in projection order. */
  orgIds: Int32Array;
  roleIds: Int32Array;
  /** Gap of each cell-year, cell-major. */
  gaps: Float64Array;
  totals: SystemTotalsDto;
}

interface Observed {
  scenarioId: number;
  /** The projection-cache generation last seen: while it holds, nothing can have moved. */
  generation: number;
  last: Seen;
  before: Seen | null;
}

const observed = new WeakMap<Db, Observed>();

/** The engine's system totals as the plain arrays the window and the exports read. */
export function totalsOf(p: Projection): SystemTotalsDto {
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

function seenOf(projection: Projection): Seen {
  const n = projection.cells.length;
  const Y = projection.years.length;
  const orgIds = new Int32Array(n);
  const roleIds = new Int32Array(n);
  const gaps = new Float64Array(n * Y);
  projection.cells.forEach((c, i) => {
    orgIds[i] = c.orgId;
    roleIds[i] = c.roleId;
    gaps.set(c.gap.subarray(0, Y), i * Y);
  });
  const totals = totalsOf(projection);
  return { orgIds, roleIds, gaps, totals };
}

const sameSeen = (a: Seen, b: Seen): boolean =>
  a.orgIds.length === b.orgIds.length &&
  a.gaps.length === b.gaps.length &&
  a.orgIds.every((v, i) => v === b.orgIds[i]) &&
  a.roleIds.every((v, i) => v === b.roleIds[i]) &&
  a.gaps.every((v, i) => Object.is(v, b.gaps[i]));

/** Notes the scenario's projection as seen now; returns what it was before the last change that moved a number. */
export function observeProjection(db: Db, scenarioId: number, projection: Projection, generation: number): { now: Seen; before: Seen | null } {
  const o = observed.get(db);
  if (o && o.scenarioId === scenarioId && o.generation === generation) return { now: o.last, before: o.before };
  const now = seenOf(projection);
  if (!o || o.scenarioId !== scenarioId) {
    observed.set(db, { scenarioId, generation, last: now, before: null });
    return { now, before: null };
  }
  o.generation = generation;
  if (!sameSeen(o.last, now)) {
    o.before = o.last;
    o.last = now;
  }
  return { now: o.last, before: o.before };
}

/** The totals before the last change that moved a number, or null. */
export const previousTotals = (seen: { before: Seen | null }): SystemTotalsDto | null => seen.before?.totals ?? null;

/** Gap per year over the cells in a scope; null when no cell is in it. */
function scopeGapOf(
  seen: Seen,
  years: number,
  scope: { orgId: number | null; roleId: number | null; staffGroup: string | null },
  groupOf: ReadonlyMap<number, string>,
): number[] | null {
  const out = new Array<number>(years).fill(0);
  let any = false;
  for (let i = 0; i < seen.orgIds.length; i++) {
    if (scope.orgId !== null && seen.orgIds[i] !== scope.orgId) continue;
    if (scope.roleId !== null && seen.roleIds[i] !== scope.roleId) continue;
    if (scope.staffGroup && groupOf.get(seen.roleIds[i]!) !== scope.staffGroup) continue;
    any = true;
    for (let t = 0; t < years; t++) out[t]! += seen.gaps[i * years + t]!;
  }
  return any ? out : null;
}

/** The scope's gap now and before the last change that moved a number. */
export function scopeGap(
  db: Db,
  scenarioId: number,
  inputs: ScenarioInputs,
  projection: Projection,
  generation: number,
  scope: { orgId: number | null; roleId: number | null; staffGroup: string | null },
): ScopeGap {
  const seen = observeProjection(db, scenarioId, projection, generation);
  const groupOf = new Map(inputs.roles.map((r) => [r.id, r.staffGroup]));
  const Y = projection.years.length;
  const now = scopeGapOf(seen.now, Y, scope, groupOf);
  const was = seen.before && seen.before.gaps.length / Math.max(1, seen.before.orgIds.length) === Y ? scopeGapOf(seen.before, Y, scope, groupOf) : null;
  return { scenarioId, years: projection.years, now, was: now ? was : null };
}
