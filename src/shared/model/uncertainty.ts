/**
 * The simulation: N runs of the projection, each with every ranged input drawn from its
 * triangular(low, central, high) distribution (uncertainty-inputs.ts says what is drawn, how
 * often and shared by whom), giving percentiles of supply, demand and gap for every
 * organisation × role × year and for the totals, the agency cost's percentiles, and each
 * target's chance of being met. Pure, and reproducible: the same inputs and seed give the same
 * numbers on every machine; with no ranges, or zero-width ones, every run is the deterministic
 * projection, bit for bit.
 *
 * Memory: supply and demand of every cell-year are kept for every run, as Float64 (gap is
 * demand − supply, worked out when the percentiles are taken), so the percentiles are exact.
 * They are stored run by run, one contiguous row per run, and turned series by series in small
 * blocks when the percentiles are taken.
 * That is runs × cells × years × 16 bytes: 19 MB for 1,000 runs of a 121-cell, 10-year plan.
 * When it would pass `memoryBudgetBytes`, the cells are taken in slices, one pass of all the
 * runs per slice: the draws are counter-based, so every pass sees exactly the same runs.
 */
import { PercentileTaker, REPORTED_PERCENTILES } from './percentiles';
import { Projector, seriesBlock } from './projection';
import { projectedValue, targetIsKnown, targetMet } from './targets';
import type { FinancialYear, Projection, ScenarioInputs, Target } from './types';
import { Sampler, type UncertainKind } from './uncertainty-inputs';

export const DEFAULT_RUNS = 1000;
export const DEFAULT_SEED = 42;
export const MAX_RUNS = 100_000;
const DEFAULT_BUDGET = 256 * 1024 * 1024;
/** Cell-years turned series-major at a time when the percentiles are taken. */
const BLOCK = 32;

/** P10, P50 and P90, each an array over the same index (cell × year, or year). */
export interface Bands {
  p10: Float64Array;
  p50: Float64Array;
  p90: Float64Array;
}

export interface TargetChance {
  targetId: number;
  /** Share of runs in which the target is met (0–1); null when it cannot be judged (no value, or its year is not projected). */
  probability: number | null;
  /** Runs in which it is met. */
  runsMet: number;
  /** P10, P50, P90 of the projected value, in the metric's unit; null when it cannot be judged. */
  projected: { p10: number; p50: number; p90: number } | null;
}

export interface SimulationResult {
  runs: number;
  seed: number;
  years: FinancialYear[];
  /** Cells in the projection's order. */
  cells: { orgId: number; roleId: number }[];
  /** What was drawn: each group of inputs sharing a draw; `varies` false for zero-width ranges. */
  inputs: { key: string; kind: UncertainKind; label: string; varies: boolean }[];
  /** Per cell and year, [cell × years + t]: supply (closing FTE), demand (FTE), gap (demand − supply, FTE). */
  supply: Bands;
  demand: Bands;
  gap: Bands;
  /** System totals per year, [t]: FTE, and agency cost (£). */
  totals: { supply: Bands; demand: Bands; gap: Bands; agencyCost: Bands };
  /** Agency cost summed over the horizon, £. */
  agencyCostTotal: { p10: number; p50: number; p90: number };
  targets: TargetChance[];
  /** The per-run numbers behind the totals and targets: system gap [t × runs + r], each target's projected value [r] (null when it cannot be judged). */
  perRun: { totalGap: Float64Array; agencyCostTotal: Float64Array; targets: (Float64Array | null)[] };
}

export interface SimulationOptions {
  /** Number of runs (default 1,000). */
  runs?: number;
  seed?: number;
  /** Bytes the per-cell store may take before the cells are done in slices (default 256 MB). */
  memoryBudgetBytes?: number;
  /** Called now and then with the share of the work done (0–1). */
  onProgress?: (fraction: number) => void;
  /** Checked between runs: returning true stops the simulation with SimulationStopped. */
  isCancelled?: () => boolean;
  /**
   * Memory to reuse from one simulation to the next (the window re-runs after every edit): the
   * per-run store is the one big allocation, and fresh memory costs a page fault per 4 KB the
   * first time it is written.
   */
  workspace?: SimulationWorkspace;
}

/** Buffers a caller keeps between simulations; see SimulationOptions.workspace. */
export class SimulationWorkspace {
  private buffers: Float64Array[] = [];
  /** Buffer `i` with at least `length` values (zeroing is not needed: every value is written before it is read). */
  get(i: number, length: number): Float64Array {
    const b = this.buffers[i];
    if (b && b.length >= length) return b.subarray(0, length);
    const fresh = new Float64Array(length);
    this.buffers[i] = fresh;
    return fresh;
  }
  /** Lets the buffers go. */
  release(): void {
    this.buffers = [];
  }
}

/** Thrown when isCancelled() said to stop. */
export class SimulationStopped extends Error {
  constructor() {
    super('The simulation was stopped.');
    this.name = 'SimulationStopped';
  }
}

const bands = (n: number): Bands => ({ p10: new Float64Array(n), p50: new Float64Array(n), p90: new Float64Array(n) });

/** Percentiles of the `runs` values of `store` from `from` into b[i]. */
function take(taker: PercentileTaker, store: Float64Array, from: number, runs: number, out3: Float64Array, b: Bands, i: number): void {
  taker.take(store.subarray(from, from + runs), REPORTED_PERCENTILES, out3);
  b.p10[i] = out3[0]!;
  b.p50[i] = out3[1]!;
  b.p90[i] = out3[2]!;
}

/**
 * What the runs write: system totals per year and run ([t × runs + r]), targets' values per
 * run, and the supply and demand of the current slice of cells, run-major
 * ([r × width + (cell − c0) × years + t]).
 */
interface RunStore {
  runs: number;
  years: number;
  cells: number;
  totSupply: Float64Array;
  totDemand: Float64Array;
  totGap: Float64Array;
  totAgency: Float64Array;
  agencyTotal: Float64Array;
  acc: Float64Array;
  targets: readonly Target[];
  targetValues: (Float64Array | null)[];
  met: Int32Array;
  width: number;
  supply: Float64Array;
  demand: Float64Array;
}

/**
 * System totals of run r, summed cell by cell in the projection's order as systemTotals sums
 * them (so zero-width ranges give its numbers exactly), and each target's value.
 * Each phase is a small function of its own: V8 optimises them separately, so one never
 * de-optimises another (as in projection.ts).
 */
function recordTotals(p: Projection, st: RunStore, r: number): void {
  const { years: Y, cells: N, runs, acc } = st;
  const close = seriesBlock(p, 'closing');
  const dem = seriesBlock(p, 'demand');
  const g = seriesBlock(p, 'gap');
  const a = seriesBlock(p, 'agencyCost');
  acc.fill(0);
  for (let i = 0, o = 0; i < N; i++) {
    for (let t = 0; t < Y; t++, o++) {
      acc[t]! += close[o]!;
      acc[Y + t]! += dem[o]!;
      acc[2 * Y + t]! += g[o]!;
      acc[3 * Y + t]! += a[o]!;
    }
  }
  let sumAgency = 0;
  for (let t = 0, o = r; t < Y; t++, o += runs) {
    st.totSupply[o] = acc[t]!;
    st.totDemand[o] = acc[Y + t]!;
    st.totGap[o] = acc[2 * Y + t]!;
    st.totAgency[o] = acc[3 * Y + t]!;
    sumAgency += acc[3 * Y + t]!;
  }
  st.agencyTotal[r] = sumAgency;
}

function recordTargets(p: Projection, st: RunStore, r: number): void {
  for (let k = 0; k < st.targets.length; k++) {
    const values = st.targetValues[k];
    if (!values) continue;
    const t = st.targets[k]! as Target & { value: number };
    const v = projectedValue(p, t);
    values[r] = v;
    if (targetMet(t, v)) st.met[k]!++;
  }
}

/** Run r's supply and demand of cells c0..c1: one contiguous row each (a copy, where writing each value beside the same cell-year's other runs would touch a new cache line per value). */
function recordCells(p: Projection, st: RunStore, r: number, c0: number, c1: number): void {
  const Y = st.years;
  st.supply.set(seriesBlock(p, 'closing').subarray(c0 * Y, c1 * Y), r * st.width);
  st.demand.set(seriesBlock(p, 'demand').subarray(c0 * Y, c1 * Y), r * st.width);
}

/** Working space for the percentiles of a slice. */
interface Taking {
  taker: PercentileTaker;
  out3: Float64Array;
  /** A block of cell-years, series-major: supply, demand and gap of BLOCK columns × runs. */
  blockSupply: Float64Array;
  blockDemand: Float64Array;
  blockGap: Float64Array;
  /** Each column's minimum and maximum, per measure (found while the block is filled). */
  lo: Float64Array;
  hi: Float64Array;
}

function putBands(b: Bands, i: number, out3: Float64Array): void {
  b.p10[i] = out3[0]!;
  b.p50[i] = out3[1]!;
  b.p90[i] = out3[2]!;
}

/**
 * Percentiles of cells c0..c1, a block of cell-years at a time: each block is turned from
 * run-major to series-major in buffers small enough to stay in cache, working out the gap and
 * each column's range on the way, so that the percentiles need two passes over each series.
 */
function slicePercentiles(st: RunStore, w: Taking, c0: number, c1: number, supply: Bands, demand: Bands, gap: Bands): void {
  const { runs, width, years: Y } = st;
  const { taker, out3, blockSupply, blockDemand, blockGap, lo, hi } = w;
  const cols = (c1 - c0) * Y;
  for (let s0 = 0; s0 < cols; s0 += BLOCK) {
    const k = Math.min(BLOCK, cols - s0);
    lo.fill(Infinity);
    hi.fill(-Infinity);
    for (let r = 0, row = s0; r < runs; r++, row += width) {
      for (let j = 0, o = r; j < k; j++, o += runs) {
        const sv = st.supply[row + j]!;
        const dv = st.demand[row + j]!;
        const gv = dv - sv;
        blockSupply[o] = sv;
        blockDemand[o] = dv;
        blockGap[o] = gv;
        const m = 3 * j;
        if (sv < lo[m]!) lo[m] = sv;
        if (sv > hi[m]!) hi[m] = sv;
        if (dv < lo[m + 1]!) lo[m + 1] = dv;
        if (dv > hi[m + 1]!) hi[m + 1] = dv;
        if (gv < lo[m + 2]!) lo[m + 2] = gv;
        if (gv > hi[m + 2]!) hi[m + 2] = gv;
      }
    }
    for (let j = 0; j < k; j++) {
      const from = j * runs;
      const at = c0 * Y + s0 + j;
      const m = 3 * j;
      taker.takeWithin(blockSupply.subarray(from, from + runs), lo[m]!, hi[m]!, REPORTED_PERCENTILES, out3);
      putBands(supply, at, out3);
      taker.takeWithin(blockDemand.subarray(from, from + runs), lo[m + 1]!, hi[m + 1]!, REPORTED_PERCENTILES, out3);
      putBands(demand, at, out3);
      taker.takeWithin(blockGap.subarray(from, from + runs), lo[m + 2]!, hi[m + 2]!, REPORTED_PERCENTILES, out3);
      putBands(gap, at, out3);
    }
  }
}

/** The result of a simulation whose every run is `p` (a scenario without ranges), without running them. */
function certain(p: Projection, targets: readonly Target[], runs: number, seed: number): SimulationResult {
  const Y = p.years.length;
  const N = p.cells.length;
  const same = (values: Float64Array): Bands => ({ p10: values.slice(), p50: values.slice(), p90: values.slice() });
  const st: RunStore = {
    runs: 1,
    years: Y,
    cells: N,
    totSupply: new Float64Array(Y),
    totDemand: new Float64Array(Y),
    totGap: new Float64Array(Y),
    totAgency: new Float64Array(Y),
    agencyTotal: new Float64Array(1),
    acc: new Float64Array(4 * Y),
    targets,
    targetValues: targets.map((t) => (targetIsKnown(p, t) ? new Float64Array(1) : null)),
    met: new Int32Array(targets.length),
    width: 0,
    supply: new Float64Array(0),
    demand: new Float64Array(0),
  };
  recordTotals(p, st, 0);
  recordTargets(p, st, 0);
  const whole = (v: number) => ({ p10: v, p50: v, p90: v });
  return {
    runs,
    seed,
    years: p.years.slice(),
    cells: p.cells.map((c) => ({ orgId: c.orgId, roleId: c.roleId })),
    inputs: [],
    supply: same(seriesBlock(p, 'closing')),
    demand: same(seriesBlock(p, 'demand')),
    gap: same(seriesBlock(p, 'gap')),
    totals: { supply: same(st.totSupply), demand: same(st.totDemand), gap: same(st.totGap), agencyCost: same(st.totAgency) },
    agencyCostTotal: whole(st.agencyTotal[0]!),
    targets: targets.map((t, k) => {
      const v = st.targetValues[k];
      if (!v) return { targetId: t.id, probability: null, runsMet: 0, projected: null };
      return { targetId: t.id, probability: st.met[k]!, runsMet: st.met[k]! * runs, projected: whole(v[0]!) };
    }),
    perRun: {
      totalGap: Float64Array.from({ length: Y * runs }, (_v, i) => st.totGap[Math.floor(i / runs)]!),
      agencyCostTotal: new Float64Array(runs).fill(st.agencyTotal[0]!),
      targets: st.targetValues.map((v) => (v ? new Float64Array(runs).fill(v[0]!) : null)),
    },
  };
}

/** Draws run r and projects it (into the projector's memory: read it before the next run). */
function project(sampler: Sampler, projector: Projector, seed: number, r: number): Projection {
  sampler.draw(seed, r);
  return projector.project();
}

/**
 * Runs the simulation of a scenario.
 * @param targets the plan's targets, with pipeline ids of this scenario (as evaluateTargets takes them)
 * @returns percentiles (P10, P50, P90: see percentiles.ts for the definition) of supply, demand
 * and gap in FTE per organisation × role × year and in total, of agency cost in £, and each
 * target's probability of being met, with its projected value's percentiles.
 */
export function simulateScenario(inputs: ScenarioInputs, targets: readonly Target[], options: SimulationOptions = {}): SimulationResult {
  const runs = Math.trunc(options.runs ?? DEFAULT_RUNS);
  if (!(runs >= 1 && runs <= MAX_RUNS)) throw new RangeError(`The number of runs must be from 1 to ${MAX_RUNS.toLocaleString('en-GB')}.`);
  const seed = Math.trunc(options.seed ?? DEFAULT_SEED) >>> 0;
  const sampler = new Sampler(inputs);
  // Every run projects the sampler's working copy, whose shape never changes.
  const projector = new Projector(sampler.inputs);
  const stop = options.isCancelled ?? (() => false);
  const report = options.onProgress ?? (() => {});

  // The first projection fixes the cells and years (they do not depend on the draws).
  const p0 = project(sampler, projector, seed, 0);
  const years = p0.years.slice();
  const Y = years.length;
  const N = p0.cells.length;
  // With no ranges at all every run is this projection: its numbers are every percentile.
  if (sampler.groups.length === 0) return certain(p0, targets, runs, seed);

  // Cells per pass, so that supply and demand of a slice of cells for every run fit the budget.
  const budget = options.memoryBudgetBytes ?? DEFAULT_BUDGET;
  const slice = Math.max(1, Math.min(N, Math.floor(budget / Math.max(1, Y * runs * 16))));
  const passes = Math.max(1, Math.ceil(N / slice));
  const width = Math.min(N, slice) * Y;
  const space = options.workspace ?? new SimulationWorkspace();
  const st: RunStore = {
    runs,
    years: Y,
    cells: N,
    totSupply: new Float64Array(Y * runs),
    totDemand: new Float64Array(Y * runs),
    totGap: new Float64Array(Y * runs),
    totAgency: new Float64Array(Y * runs),
    agencyTotal: new Float64Array(runs),
    acc: new Float64Array(4 * Y),
    targets,
    targetValues: targets.map((t) => (targetIsKnown(p0, t) ? new Float64Array(runs) : null)),
    met: new Int32Array(targets.length),
    width,
    supply: space.get(0, width * runs),
    demand: space.get(1, width * runs),
  };
  const w: Taking = {
    taker: new PercentileTaker(runs),
    out3: new Float64Array(3),
    blockSupply: new Float64Array(BLOCK * runs),
    blockDemand: new Float64Array(BLOCK * runs),
    blockGap: new Float64Array(BLOCK * runs),
    lo: new Float64Array(3 * BLOCK),
    hi: new Float64Array(3 * BLOCK),
  };
  const supply = bands(N * Y);
  const demand = bands(N * Y);
  const gap = bands(N * Y);
  const step = Math.max(1, Math.floor(runs / 50));

  for (let pass = 0; pass < passes; pass++) {
    const c0 = pass * slice;
    const c1 = Math.min(N, c0 + slice);
    for (let r = 0; r < runs; r++) {
      if (stop()) throw new SimulationStopped();
      const p = pass === 0 && r === 0 ? p0 : project(sampler, projector, seed, r);
      if (pass === 0) {
        recordTotals(p, st, r);
        recordTargets(p, st, r);
      }
      recordCells(p, st, r, c0, c1);
      if (r % step === 0) report((pass * runs + r) / (passes * runs));
    }
    slicePercentiles(st, w, c0, c1, supply, demand, gap);
  }

  const { taker, out3 } = w;
  const totals = { supply: bands(Y), demand: bands(Y), gap: bands(Y), agencyCost: bands(Y) };
  for (let t = 0; t < Y; t++) {
    take(taker, st.totSupply, t * runs, runs, out3, totals.supply, t);
    take(taker, st.totDemand, t * runs, runs, out3, totals.demand, t);
    take(taker, st.totGap, t * runs, runs, out3, totals.gap, t);
    take(taker, st.totAgency, t * runs, runs, out3, totals.agencyCost, t);
  }
  const one = bands(1);
  take(taker, st.agencyTotal, 0, runs, out3, one, 0);
  const agencyCostTotal = { p10: one.p10[0]!, p50: one.p50[0]!, p90: one.p90[0]! };

  const chances: TargetChance[] = targets.map((t, k) => {
    const values = st.targetValues[k];
    if (!values) return { targetId: t.id, probability: null, runsMet: 0, projected: null };
    take(taker, values, 0, runs, out3, one, 0);
    return { targetId: t.id, probability: st.met[k]! / runs, runsMet: st.met[k]!, projected: { p10: one.p10[0]!, p50: one.p50[0]!, p90: one.p90[0]! } };
  });
  report(1);
  return {
    runs,
    seed,
    years,
    cells: p0.cells.map((c) => ({ orgId: c.orgId, roleId: c.roleId })),
    inputs: sampler.groups.map((g) => ({ key: g.key, kind: g.kind, label: g.label, varies: g.varies })),
    supply,
    demand,
    gap,
    totals,
    agencyCostTotal,
    targets: chances,
    perRun: { totalGap: st.totGap, agencyCostTotal: st.agencyTotal, targets: st.targetValues },
  };
}
