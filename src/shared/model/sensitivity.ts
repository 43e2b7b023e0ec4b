/**
 * Which assumption matters most: a tornado. Each group of ranged inputs that share a draw
 * (uncertainty-inputs.ts) is set to its low values, then to its high values, with every other
 * input at its central value, and the scenario is projected each time. The system gap is kept
 * for every year (so a chart can show any year without projecting again) and each target's
 * projected value in its own year.
 */
import { projectScenario, seriesBlock } from './projection';
import { projectedValue, targetIsKnown } from './targets';
import type { FinancialYear, Projection, ScenarioInputs, Target } from './types';
import { Sampler, type UncertainKind } from './uncertainty-inputs';

export interface TornadoBar {
  key: string;
  kind: UncertainKind;
  label: string;
  /** System gap (demand − supply, FTE) per year with this input at its low values, and at its high values. */
  gapAtLow: Float64Array;
  gapAtHigh: Float64Array;
  /** Each target's projected value with this input low, and high (null when the target cannot be judged). */
  targetAtLow: (number | null)[];
  targetAtHigh: (number | null)[];
}

export interface Sensitivity {
  years: FinancialYear[];
  /** System gap per year with every input central (the deterministic projection). */
  baseGap: Float64Array;
  targetIds: number[];
  /** Each target's projected value with every input central (null when it cannot be judged). */
  baseTargets: (number | null)[];
  /** One bar per group of inputs whose range has width, in the order the plan lists them. */
  bars: TornadoBar[];
}

/** The system gap per year, summed cell by cell as systemTotals sums it. */
function systemGap(p: Projection): Float64Array {
  const Y = p.years.length;
  const gap = seriesBlock(p, 'gap');
  const out = new Float64Array(Y);
  for (let o = 0; o < gap.length; o += Y) for (let t = 0; t < Y; t++) out[t]! += gap[o + t]!;
  return out;
}

/**
 * The tornado's projections: 2 per group of ranged inputs with width.
 * @param isCancelled checked between projections; returning true stops with null.
 */
export function sensitivity(
  inputs: ScenarioInputs,
  targets: readonly Target[],
  options: { isCancelled?: () => boolean; onProgress?: (fraction: number) => void } = {},
): Sensitivity | null {
  const sampler = new Sampler(inputs);
  sampler.centre();
  const base = projectScenario(sampler.inputs);
  const judged = targets.map((t) => targetIsKnown(base, t));
  const values = (p: Projection) => targets.map((t, k) => (judged[k] ? projectedValue(p, t) : null));
  const bars: TornadoBar[] = [];
  const moving = sampler.groups.filter((g) => g.varies);
  for (const [n, g] of moving.entries()) {
    if (options.isCancelled?.()) return null;
    sampler.place(g, 'low');
    const low = projectScenario(sampler.inputs);
    sampler.place(g, 'high');
    const high = projectScenario(sampler.inputs);
    sampler.place(g, 'central');
    bars.push({
      key: g.key,
      kind: g.kind,
      label: g.label,
      gapAtLow: systemGap(low),
      gapAtHigh: systemGap(high),
      targetAtLow: values(low),
      targetAtHigh: values(high),
    });
    options.onProgress?.((n + 1) / moving.length);
  }
  return { years: base.years, baseGap: systemGap(base), targetIds: targets.map((t) => t.id), baseTargets: values(base), bars };
}

export interface RankedBar {
  key: string;
  label: string;
  /** The measure with the input at its low values, and at its high values. */
  atLow: number;
  atHigh: number;
  /** |atHigh − atLow|: how far the input moves the measure. */
  swing: number;
}

/** What the ranking reads: a Sensitivity, or the same numbers as plain arrays (as they cross to the window). */
export interface TornadoData {
  targetIds: readonly number[];
  baseTargets: readonly (number | null)[];
  bars: readonly {
    key: string;
    label: string;
    gapAtLow: ArrayLike<number>;
    gapAtHigh: ArrayLike<number>;
    targetAtLow: readonly (number | null)[];
    targetAtHigh: readonly (number | null)[];
  }[];
}

/** The bars that move a measure, largest swing first (ties in the plan's order), at most `limit`. */
function rank(rows: { key: string; label: string; atLow: number; atHigh: number }[], limit: number): RankedBar[] {
  return rows
    .map((r, i) => ({ ...r, swing: Math.abs(r.atHigh - r.atLow), i }))
    .filter((r) => r.swing > 1e-9)
    .sort((a, b) => b.swing - a.swing || a.i - b.i)
    .slice(0, limit)
    .map(({ i: _i, ...r }) => r);
}

/** The inputs that move the system gap most in year index `t`. */
export function rankForGap(s: TornadoData, t: number, limit = 10): RankedBar[] {
  return rank(
    s.bars.map((b) => ({ key: b.key, label: b.label, atLow: b.gapAtLow[t]!, atHigh: b.gapAtHigh[t]! })),
    limit,
  );
}

/** The inputs that move target `targetId`'s projected value most (empty when it cannot be judged). */
export function rankForTarget(s: TornadoData, targetId: number, limit = 10): RankedBar[] {
  const k = s.targetIds.indexOf(targetId);
  if (k < 0 || s.baseTargets[k] === null) return [];
  return rank(
    s.bars.map((b) => ({ key: b.key, label: b.label, atLow: b.targetAtLow[k]!, atHigh: b.targetAtHigh[k]! })),
    limit,
  );
}
