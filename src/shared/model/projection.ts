/**
 * The projection: a stock-and-flow model per organisation × role × age band × financial year
 * (DESIGN.md §1). Pure and deterministic: the same inputs give bit-identical outputs, because
 * every loop runs in a fixed order and nothing reads a clock or a random source.
 *
 * Each year, per cell and band, in this order:
 *   1. leavers = stock × leaver rate; retirements = stock × band probability, capped so that
 *      leavers + retirements never exceed the band's stock;
 *   2. progression starts: trainees who leave their role when they start are taken from the
 *      source cell (capped by what is left; several pipelines on one source share it pro rata);
 *   3. completions: a cohort that starts in year s with a course of d years completes in year
 *      s + ⌊d⌋ (share 1 − f) and s + ⌊d⌋ + 1 (share f), f = d − ⌊d⌋; completers = starters ×
 *      (1 − attrition); joiners = completers × conversion × FTE per head. For progression
 *      pipelines whose trainees stay in their role, completers leave the source cell now
 *      (capped as above) and only those removed can join the target;
 *   4. other joiners;
 *   5. closing = what is left + joiners; then a fifth of every band but the last moves up.
 */
import { AGE_BAND_COUNT, type CellProjection, type PipelineProjection, type Projection, type ScenarioInputs } from './types';

const B = AGE_BAND_COUNT;

/** Years projected: baseYear..horizonYear inclusive (empty when the horizon is before the base). */
export function projectionYears(baseYear: number, horizonYear: number): number[] {
  const out: number[] = [];
  for (let y = baseYear; y <= horizonYear; y++) out.push(y);
  return out;
}

interface CellSetup {
  orgId: number;
  roleId: number;
  staffGroup: string | null;
  fte: number;
  headcount: number;
  establishment: number;
  ageProfile: number[];
  leaverRate: number;
  retirementByBand: number[];
  agencyShare: number;
  agencyCostPerFte: number;
}

const cellKey = (orgId: number, roleId: number): string => `${orgId}:${roleId}`;

/** Growth driver factor in a year: 1 up to the start, compounding evenly to 1 + growth at the end, then held. */
export function driverFactor(growth: number, startYear: number, endYear: number, year: number): number {
  if (year <= startYear && endYear !== startYear) return 1;
  if (year >= endYear) return 1 + growth;
  return Math.pow(1 + growth, (year - startYear) / (endYear - startYear));
}

/** Builds the list of cells: the workforce in its order, then any cell something else targets. */
function setupCells(inputs: ScenarioInputs): CellSetup[] {
  const staffGroupOf = new Map(inputs.roles.map((r) => [r.id, r.staffGroup]));
  const cells: CellSetup[] = [];
  const seen = new Set<string>();
  for (const w of inputs.workforce) {
    const key = cellKey(w.orgId, w.roleId);
    if (seen.has(key)) continue;
    seen.add(key);
    cells.push({ ...w, staffGroup: staffGroupOf.get(w.roleId) ?? null });
  }
  const extra = new Map<string, { orgId: number; roleId: number }>();
  const want = (orgId: number, roleId: number) => {
    const key = cellKey(orgId, roleId);
    if (!seen.has(key) && !extra.has(key)) extra.set(key, { orgId, roleId });
  };
  for (const p of inputs.pipelines) want(p.orgId, p.roleId);
  for (const j of inputs.otherJoiners) want(j.orgId, j.roleId);
  for (const d of inputs.demandChanges) want(d.orgId, d.roleId);
  const added = [...extra.values()].sort((a, b) => a.orgId - b.orgId || a.roleId - b.roleId);
  for (const c of added) {
    cells.push({
      orgId: c.orgId,
      roleId: c.roleId,
      staffGroup: staffGroupOf.get(c.roleId) ?? null,
      fte: 0,
      headcount: 0,
      establishment: 0,
      ageProfile: [],
      leaverRate: 0,
      retirementByBand: [],
      agencyShare: 0,
      agencyCostPerFte: 0,
    });
  }
  return cells;
}

interface PipelineSetup {
  index: number;
  target: number;
  /** Source cell index for progression pipelines (−1 when none or when the source has no cell). */
  source: number;
  isProgression: boolean;
  leaveAtStart: boolean;
  whole: number;
  frac: number;
  duration: number;
  keep: number;
  conversion: number;
  ftePerHead: number;
  cost: number;
  band: number;
  /** Planned intakes (heads) for years firstYear.. (zero outside). */
  intakes: Float64Array;
  firstYear: number;
}

/** A pipeline's planned intake in a year (0 outside the years it lists). */
const plannedIntake = (s: PipelineSetup, year: number): number => {
  const k = year - s.firstYear;
  return k >= 0 && k < s.intakes.length ? s.intakes[k]! : 0;
};

/** Step 1 for every cell: leavers and retirements from the opening stock, in place. */
function outflows(stock: Float64Array, retire: Float64Array, leaverRate: Float64Array, N: number, Y: number, t: number, opening: Float64Array, leavers: Float64Array, retirements: Float64Array): void {
  for (let i = 0; i < N; i++) {
    const lr = leaverRate[i]!;
    let open = 0;
    let lv = 0;
    let rt = 0;
    for (let b = 0; b < B; b++) {
      const k = i * B + b;
      const s = stock[k]!;
      open += s;
      const l = s * lr;
      const r = Math.min(s * retire[k]!, s - l);
      lv += l;
      rt += r;
      stock[k] = s - l - r;
    }
    opening[i * Y + t] = open;
    leavers[i * Y + t] = lv;
    retirements[i * Y + t] = rt;
  }
}

interface Closing {
  closing: Float64Array;
  closingHeadcount: Float64Array;
  closingByBand: Float64Array;
  demand: Float64Array;
  gap: Float64Array;
  vacancyRate: Float64Array;
  agencyCost: Float64Array;
}

/** Step 5 for every cell: closing stock and what follows from it, then the age roll, in place. */
function closeYear(stock: Float64Array, N: number, Y: number, t: number, perHead: Float64Array, agencyShare: Float64Array, agencyCost: Float64Array, out: Closing): void {
  for (let i = 0; i < N; i++) {
    let close = 0;
    const row = (i * Y + t) * B;
    for (let b = 0; b < B; b++) {
      const k = i * B + b;
      let v = stock[k]!;
      if (v < 0 && v > -1e-9) v = 0;
      stock[k] = v;
      out.closingByBand[row + b] = v;
      close += v;
    }
    const o = i * Y + t;
    out.closing[o] = close;
    out.closingHeadcount[o] = close / perHead[i]!;
    const d = out.demand[o]!;
    const g = d - close;
    out.gap[o] = g;
    out.vacancyRate[o] = d !== 0 ? g / d : 0;
    out.agencyCost[o] = g > 0 ? g * agencyShare[i]! * agencyCost[i]! : 0;
    let carry = 0;
    for (let b = 0; b < B - 1; b++) {
      const k = i * B + b;
      const v = stock[k]!;
      const up = v / 5;
      stock[k] = v - up + carry;
      carry = up;
    }
    stock[i * B + B - 1]! += carry;
  }
}

/** A view of `length` numbers of `block` from element `start` (cheaper than subarray). */
const view = (block: Float64Array, start: number, length: number): Float64Array => new Float64Array(block.buffer, block.byteOffset + start * 8, length);

type CellMetric = Exclude<keyof CellProjection, 'orgId' | 'roleId' | 'closingByBand'>;
type CellBlocks = Record<CellMetric, Float64Array> & { closingByBand: Float64Array; years: number };

/**
 * One cell's results: windows onto the projection's per-metric blocks, made when first read
 * and kept (a large plan has 10,000 cells × 13 series; most are never read one by one).
 */
class CellResult implements CellProjection {
  private readonly views: Partial<Record<keyof CellBlocks, Float64Array>> = {};
  constructor(
    readonly orgId: number,
    readonly roleId: number,
    private readonly blocks: CellBlocks,
    private readonly index: number,
  ) {}
  private series(name: CellMetric): Float64Array {
    const Y = this.blocks.years;
    return (this.views[name] ??= view(this.blocks[name], this.index * Y, Y));
  }
  get opening() { return this.series('opening'); }
  get leavers() { return this.series('leavers'); }
  get retirements() { return this.series('retirements'); }
  get progressionOut() { return this.series('progressionOut'); }
  get qualified() { return this.series('qualified'); }
  get otherJoiners() { return this.series('otherJoiners'); }
  get closing() { return this.series('closing'); }
  get closingHeadcount() { return this.series('closingHeadcount'); }
  get demand() { return this.series('demand'); }
  get gap() { return this.series('gap'); }
  get vacancyRate() { return this.series('vacancyRate'); }
  get agencyCost() { return this.series('agencyCost'); }
  get closingByBand() {
    const Y = this.blocks.years;
    return (this.views.closingByBand ??= view(this.blocks.closingByBand, this.index * Y * B, Y * B));
  }
}

/**
 * Projects one scenario.
 * @returns per cell and year: FTE flows (opening, leavers, retirements, progression out,
 * qualified, other joiners, closing), headcount, demand (FTE), gap (FTE, positive = shortfall),
 * vacancy rate (fraction) and agency cost (£); per pipeline and year: starts, learners in
 * training and completers (heads), FTE joined and taken from the source role, training cost (£).
 */
export function projectScenario(inputs: ScenarioInputs): Projection {
  const { baseYear, horizonYear } = inputs;
  const years = projectionYears(baseYear, horizonYear);
  const Y = years.length;
  const cells = setupCells(inputs);
  const N = cells.length;
  const index = new Map<string, number>();
  cells.forEach((c, i) => index.set(cellKey(c.orgId, c.roleId), i));

  // Per-cell parameters and the running stock, by band.
  const stock = new Float64Array(N * B);
  const retire = new Float64Array(N * B);
  const leaverRate = new Float64Array(N);
  const perHead = new Float64Array(N);
  const agencyShareOf = new Float64Array(N);
  const agencyCostOf = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const c = cells[i]!;
    let sum = 0;
    for (let b = 0; b < B; b++) sum += Math.max(0, c.ageProfile[b] ?? 0);
    for (let b = 0; b < B; b++) {
      stock[i * B + b] = c.fte * (sum > 0 ? Math.max(0, c.ageProfile[b] ?? 0) / sum : 1 / B);
      retire[i * B + b] = Math.min(1, Math.max(0, c.retirementByBand[b] ?? 0));
    }
    leaverRate[i] = Math.min(1, Math.max(0, c.leaverRate));
    perHead[i] = c.fte > 0 && c.headcount > 0 ? c.fte / c.headcount : 1;
    agencyShareOf[i] = c.agencyShare;
    agencyCostOf[i] = c.agencyCostPerFte;
  }

  // Outputs: one block per metric, each cell a view of its slice.
  const block = () => new Float64Array(N * Y);
  const opening = block();
  const leavers = block();
  const retirements = block();
  const progressionOut = block();
  const qualified = block();
  const otherJoiners = block();
  const closing = block();
  const closingHeadcount = block();
  const demand = block();
  const gap = block();
  const vacancyRate = block();
  const agencyCost = block();
  const closingByBand = new Float64Array(N * Y * B);
  const closingOut: Closing = { closing, closingHeadcount, closingByBand, demand, gap, vacancyRate, agencyCost };

  // Demand: establishment × Π driver factors + cumulative explicit changes.
  for (let i = 0; i < N; i++) {
    const base = cells[i]!.establishment;
    for (let t = 0; t < Y; t++) demand[i * Y + t] = base;
  }
  for (const d of inputs.growthDrivers) {
    const factor = years.map((y) => driverFactor(d.growth, d.startYear, d.endYear, y));
    for (let i = 0; i < N; i++) {
      const c = cells[i]!;
      if ((d.orgId !== null && d.orgId !== c.orgId) || (d.roleId !== null && d.roleId !== c.roleId) || (d.staffGroup !== null && d.staffGroup !== c.staffGroup)) continue;
      for (let t = 0; t < Y; t++) demand[i * Y + t]! *= factor[t]!;
    }
  }
  for (const ch of inputs.demandChanges) {
    const i = index.get(cellKey(ch.orgId, ch.roleId))!;
    for (let t = Math.max(0, ch.year - baseYear); t < Y; t++) demand[i * Y + t]! += ch.deltaFte;
  }

  // Pipelines.
  const P = inputs.pipelines.length;
  const setups: PipelineSetup[] = inputs.pipelines.map((p, k) => {
    const duration = Math.max(0, p.durationYears);
    const whole = Math.floor(duration);
    let firstYear = Infinity;
    let lastYear = -Infinity;
    for (const key in p.intakes) {
      const y = Number(key);
      if (y < firstYear) firstYear = y;
      if (y > lastYear) lastYear = y;
    }
    const intakes = new Float64Array(lastYear >= firstYear ? lastYear - firstYear + 1 : 0);
    for (const key in p.intakes) {
      const heads = p.intakes[Number(key)]!;
      if (heads > 0) intakes[Number(key) - firstYear] = heads;
    }
    const isProgression = p.sourceRoleId !== null;
    return {
      index: k,
      target: index.get(cellKey(p.orgId, p.roleId))!,
      source: isProgression ? (index.get(cellKey(p.orgId, p.sourceRoleId!)) ?? -1) : -1,
      isProgression,
      leaveAtStart: isProgression && p.traineesLeaveSourceRole,
      whole,
      frac: duration - whole,
      duration,
      keep: 1 - Math.min(1, Math.max(0, p.attrition)),
      conversion: Math.min(1, Math.max(0, p.conversion)),
      ftePerHead: Math.max(0, p.ftePerHead),
      cost: Math.max(0, p.costPerLearnerYear),
      band: Math.min(B - 1, Math.max(0, Math.trunc(p.entrantAgeBand))),
      intakes,
      firstYear: Number.isFinite(firstYear) ? firstYear : 0,
    };
  });
  const pStarts = new Float64Array(P * Y);
  const pInTraining = new Float64Array(P * Y);
  const pCompleters = new Float64Array(P * Y);
  const pJoined = new Float64Array(P * Y);
  const pSourceOut = new Float64Array(P * Y);
  const pCost = new Float64Array(P * Y);
  /** Starters of a cohort: the capped figure for projected years, the plan's intake before. */
  const startsOf = (s: PipelineSetup, year: number): number => {
    const t = year - baseYear;
    return t >= 0 && t < Y ? pStarts[s.index * Y + t]! : plannedIntake(s, year);
  };

  // Other joiners, grouped by year for the loop.
  const joinersByYear = new Map<number, { cell: number; band: number; fte: number }[]>();
  for (const j of inputs.otherJoiners) {
    const cell = index.get(cellKey(j.orgId, j.roleId))!;
    const band = Math.min(B - 1, Math.max(0, Math.trunc(j.entrantAgeBand)));
    for (const [y, fte] of Object.entries(j.fteByYear)) {
      if (!(fte > 0)) continue;
      const list = joinersByYear.get(Number(y)) ?? [];
      list.push({ cell, band, fte });
      joinersByYear.set(Number(y), list);
    }
  }

  const leaveAtStart = setups.filter((s) => s.leaveAtStart);
  const stayInRole = setups.filter((s) => s.isProgression && !s.leaveAtStart);
  const removedFrom = new Float64Array(N);
  const requested = new Float64Array(N);

  /** Takes `amount` FTE from a cell's stock, spread over its bands in proportion to what is there. */
  const takeFrom = (cell: number, amount: number): void => {
    if (amount <= 0) return;
    let total = 0;
    for (let b = 0; b < B; b++) total += stock[cell * B + b]!;
    if (total <= 0) return;
    const keepShare = Math.max(0, 1 - amount / total);
    for (let b = 0; b < B; b++) stock[cell * B + b]! *= keepShare;
    progressionOut[cell * Y + tNow]! += amount;
  };
  const availableIn = (cell: number): number => {
    let total = 0;
    for (let b = 0; b < B; b++) total += stock[cell * B + b]!;
    return total;
  };
  let tNow = 0;

  for (let t = 0; t < Y; t++) {
    tNow = t;
    const year = years[t]!;

    // 1. Leavers and retirements from the opening stock; what is left stays in `stock`.
    outflows(stock, retire, leaverRate, N, Y, t, opening, leavers, retirements);

    // 2. Starts. Trainees who leave their role at the start are capped by what the source has.
    for (const s of setups) {
      if (!s.leaveAtStart) pStarts[s.index * Y + t] = plannedIntake(s, year);
    }
    if (leaveAtStart.length > 0) {
      requested.fill(0);
      for (const s of leaveAtStart) if (s.source >= 0) requested[s.source]! += plannedIntake(s, year) * s.ftePerHead;
      removedFrom.fill(0);
      for (const s of leaveAtStart) {
        const planned = plannedIntake(s, year);
        if (s.source < 0 || planned <= 0 || s.ftePerHead <= 0) {
          pStarts[s.index * Y + t] = 0;
          continue;
        }
        const want = requested[s.source]!;
        const scale = want > 0 ? Math.min(1, availableIn(s.source) / want) : 0;
        pStarts[s.index * Y + t] = planned * scale;
        pSourceOut[s.index * Y + t] = planned * s.ftePerHead * scale;
        removedFrom[s.source]! += planned * s.ftePerHead * scale;
      }
      for (let i = 0; i < N; i++) if (removedFrom[i]! > 0) takeFrom(i, removedFrom[i]!);
    }

    // 3. Completions; stay-in-role progression completers leave their source role now.
    for (const s of setups) {
      let completers = s.keep * (1 - s.frac) * startsOf(s, year - s.whole);
      if (s.frac > 0) completers += s.keep * s.frac * startsOf(s, year - s.whole - 1);
      pCompleters[s.index * Y + t] = completers;
    }
    if (stayInRole.length > 0) {
      requested.fill(0);
      for (const s of stayInRole) if (s.source >= 0) requested[s.source]! += pCompleters[s.index * Y + t]! * s.ftePerHead;
      removedFrom.fill(0);
      for (const s of stayInRole) {
        const want = pCompleters[s.index * Y + t]! * s.ftePerHead;
        if (s.source < 0 || want <= 0) continue;
        const scale = Math.min(1, availableIn(s.source) / requested[s.source]!);
        pSourceOut[s.index * Y + t] = want * scale;
        removedFrom[s.source]! += want * scale;
      }
      for (let i = 0; i < N; i++) if (removedFrom[i]! > 0) takeFrom(i, removedFrom[i]!);
    }
    for (const s of setups) {
      const joined =
        s.isProgression && !s.leaveAtStart
          ? s.source >= 0
            ? pSourceOut[s.index * Y + t]! * s.conversion
            : 0
          : pCompleters[s.index * Y + t]! * s.conversion * s.ftePerHead;
      pJoined[s.index * Y + t] = joined;
      if (joined > 0) {
        stock[s.target * B + s.band]! += joined;
        qualified[s.target * Y + t]! += joined;
      }
    }

    // Learners in training this year, and what they cost.
    for (const s of setups) {
      let learners = 0;
      if (s.duration > 0) {
        const first = year - Math.ceil(s.duration);
        for (let c = first; c <= year; c++) {
          const overlap = Math.min(c + s.duration, year + 1) - Math.max(c, year);
          if (overlap > 0) learners += startsOf(s, c) * overlap;
        }
      }
      pInTraining[s.index * Y + t] = learners;
      pCost[s.index * Y + t] = learners * s.cost;
    }

    // 4. Other joiners.
    for (const j of joinersByYear.get(year) ?? []) {
      stock[j.cell * B + j.band]! += j.fte;
      otherJoiners[j.cell * Y + t]! += j.fte;
    }

    // 5. Closing, the results that follow from it, then the age roll.
    closeYear(stock, N, Y, t, perHead, agencyShareOf, agencyCostOf, closingOut);
  }

  const slice = (a: Float64Array, i: number) => view(a, i * Y, Y);
  const blocks: CellBlocks = { opening, leavers, retirements, progressionOut, qualified, otherJoiners, closing, closingHeadcount, demand, gap, vacancyRate, agencyCost, closingByBand, years: Y };
  const cellResults: CellProjection[] = cells.map((c, i) => new CellResult(c.orgId, c.roleId, blocks, i));
  const pipelineResults: PipelineProjection[] = inputs.pipelines.map((p, k) => ({
    pipelineId: p.id,
    starts: slice(pStarts, k),
    inTraining: slice(pInTraining, k),
    completers: slice(pCompleters, k),
    joinedFte: slice(pJoined, k),
    sourceOutFte: slice(pSourceOut, k),
    trainingCost: slice(pCost, k),
  }));
  return { baseYear, horizonYear, years, cells: cellResults, pipelines: pipelineResults };
}
