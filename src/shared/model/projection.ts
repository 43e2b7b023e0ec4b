/**
 * The projection: a stock-and-flow model per organisation × role × age band × financial year
 * (docs/MODEL.md). Pure and deterministic: the same inputs give bit-identical outputs, because
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
 *      (capped by what is left after steps 1–2, pro rata) and only those removed can join the
 *      target (× conversion);
 *   4. other joiners;
 *   5. closing = what is left + joiners (stored by band); then a fifth of every band but the
 *      last moves up one band.
 *
 * Speed: everything runs over flat Float64Arrays (a 10,000-cell plan has 150,000 cell-years and
 * 1.5 million band-years). Each output series is one block per metric; a cell's or pipeline's
 * series is a view of its slice, so nothing is copied. Each phase is its own small function over
 * typed arrays: V8 optimises them separately, so a cold path in one (a plan without demand
 * changes, say) never de-optimises the hot loops of another.
 */
import { AGE_BAND_COUNT, type CellProjection, type PipelineProjection, type Projection, type ScenarioInputs, type WorkforceCell } from './types';

export { yearLabel, parseYearLabel } from '../format';

const B = AGE_BAND_COUNT;
/** Float noise below this (FTE) is treated as zero stock. */
const NOISE = 1e-9;

/** Years projected: baseYear..horizonYear inclusive (empty when the horizon is before the base). */
export function projectionYears(baseYear: number, horizonYear: number): number[] {
  const out: number[] = [];
  for (let y = baseYear; y <= horizonYear; y++) out.push(y);
  return out;
}

/**
 * A growth driver's demand multiplier in a year (dimensionless): 1 up to startYear, compounding
 * evenly to exactly 1 + growth at endYear, then held. When endYear equals startYear the step
 * to 1 + growth happens in endYear.
 */
export function driverFactor(growth: number, startYear: number, endYear: number, year: number): number {
  if (year >= endYear && (year > startYear || endYear === startYear)) return 1 + growth;
  if (year <= startYear) return 1;
  return Math.pow(1 + growth, (year - startYear) / (endYear - startYear));
}

/** A finite number or 0 (the engine never propagates NaN from a bad input). */
const num = (v: number | undefined): number => (v !== undefined && Number.isFinite(v) ? v : 0);
const clamp01 = (v: number | undefined): number => Math.min(1, Math.max(0, num(v)));
const bandOf = (v: number): number => Math.min(B - 1, Math.max(0, Math.trunc(num(v))));

/** org × role → cell index, without building string keys for 10,000 cells. */
class CellIndex {
  private readonly byOrg = new Map<number, Map<number, number>>();
  get(orgId: number, roleId: number): number {
    return this.byOrg.get(orgId)?.get(roleId) ?? -1;
  }
  set(orgId: number, roleId: number, i: number): void {
    let roles = this.byOrg.get(orgId);
    if (!roles) this.byOrg.set(orgId, (roles = new Map<number, number>()));
    roles.set(roleId, i);
  }
}

interface Cells {
  orgIds: number[];
  roleIds: number[];
  /** The baseline row of each cell, or null for a zero-baseline cell added for a target. */
  rows: (WorkforceCell | null)[];
  index: CellIndex;
}

/**
 * The cells projected: the workforce in its order (a repeated org × role keeps its first row),
 * then, sorted by orgId and roleId, a zero-baseline cell for any org × role that a pipeline,
 * other joiner or demand change targets without a baseline row, so nothing is silently dropped.
 */
function buildCells(inputs: ScenarioInputs): Cells {
  const index = new CellIndex();
  const orgIds: number[] = [];
  const roleIds: number[] = [];
  const rows: (WorkforceCell | null)[] = [];
  for (const w of inputs.workforce) {
    if (index.get(w.orgId, w.roleId) >= 0) continue;
    index.set(w.orgId, w.roleId, rows.length);
    orgIds.push(w.orgId);
    roleIds.push(w.roleId);
    rows.push(w);
  }
  const extra: [number, number][] = [];
  const want = (orgId: number, roleId: number): void => {
    if (index.get(orgId, roleId) !== -1) return;
    index.set(orgId, roleId, -2); // seen; its index is set once the extras are sorted
    extra.push([orgId, roleId]);
  };
  for (const p of inputs.pipelines) want(p.orgId, p.roleId);
  for (const j of inputs.otherJoiners) want(j.orgId, j.roleId);
  for (const d of inputs.demandChanges) want(d.orgId, d.roleId);
  extra.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [orgId, roleId] of extra) {
    index.set(orgId, roleId, rows.length);
    orgIds.push(orgId);
    roleIds.push(roleId);
    rows.push(null);
  }
  return { orgIds, roleIds, rows, index };
}

/** Per-cell parameters (by cell, or by cell × band) and the running stock, FTE by band. */
interface CellParams {
  stock: Float64Array;
  retire: Float64Array;
  leaverRate: Float64Array;
  perHead: Float64Array;
  agencyShare: Float64Array;
  agencyCostPerFte: Float64Array;
  establishment: Float64Array;
}

function newCellParams(N: number): CellParams {
  return {
    stock: new Float64Array(N * B),
    retire: new Float64Array(N * B),
    leaverRate: new Float64Array(N),
    perHead: new Float64Array(N).fill(1),
    agencyShare: new Float64Array(N),
    agencyCostPerFte: new Float64Array(N),
    establishment: new Float64Array(N),
  };
}

/** Fills `prm` (fresh from newCellParams, or reset by the caller) from the cells' rows. */
function cellParams(rows: readonly (WorkforceCell | null)[], prm: CellParams): void {
  const N = rows.length;
  const { stock, retire, leaverRate, perHead, agencyShare, agencyCostPerFte, establishment } = prm;
  for (let i = 0; i < N; i++) {
    const c = rows[i];
    if (!c) continue;
    const fte = Math.max(0, num(c.fte));
    const profile = c.ageProfile;
    let sum = 0;
    for (let b = 0; b < B; b++) sum += Math.max(0, num(profile[b]));
    const o = i * B;
    for (let b = 0; b < B; b++) {
      // An unknown profile (all zero) is spread evenly; one that does not add to 1 is normalised.
      stock[o + b] = sum > 0 ? (fte * Math.max(0, num(profile[b]))) / sum : fte / B;
      retire[o + b] = clamp01(c.retirementByBand[b]);
    }
    leaverRate[i] = clamp01(c.leaverRate);
    const headcount = num(c.headcount);
    // Headcount is closing FTE ÷ the baseline's FTE per head; 1 when either is unknown.
    if (fte > 0 && headcount > 0) perHead[i] = fte / headcount;
    agencyShare[i] = num(c.agencyShare);
    agencyCostPerFte[i] = num(c.agencyCostPerFte);
    establishment[i] = num(c.establishment);
  }
}

/** Back to the values newCellParams gives, for the next projection into the same memory. */
function resetCellParams(prm: CellParams): void {
  prm.stock.fill(0);
  prm.retire.fill(0);
  prm.leaverRate.fill(0);
  prm.perHead.fill(1);
  prm.agencyShare.fill(0);
  prm.agencyCostPerFte.fill(0);
  prm.establishment.fill(0);
}

/** Demand, FTE [cell * Y + t]: establishment × Π matching driver factors + Σ changes up to the year. */
function demandOf(inputs: ScenarioInputs, cells: Cells, establishment: Float64Array, years: readonly number[], demand: Float64Array): Float64Array {
  const N = cells.rows.length;
  const Y = years.length;
  for (let i = 0; i < N; i++) demand.fill(establishment[i]!, i * Y, i * Y + Y);
  const staffGroupOf = new Map<number, string>();
  for (const r of inputs.roles) staffGroupOf.set(r.id, r.staffGroup);
  const factor = new Float64Array(Y);
  for (const d of inputs.growthDrivers) {
    for (let t = 0; t < Y; t++) factor[t] = driverFactor(num(d.growth), d.startYear, d.endYear, years[t]!);
    for (let i = 0; i < N; i++) {
      if (d.orgId !== null && d.orgId !== cells.orgIds[i]) continue;
      if (d.roleId !== null && d.roleId !== cells.roleIds[i]) continue;
      if (d.staffGroup !== null && d.staffGroup !== staffGroupOf.get(cells.roleIds[i]!)) continue;
      for (let t = 0, o = i * Y; t < Y; t++, o++) demand[o]! *= factor[t]!;
    }
  }
  for (const ch of inputs.demandChanges) {
    const i = cells.index.get(ch.orgId, ch.roleId);
    const delta = num(ch.deltaFte);
    for (let t = Math.max(0, ch.year - inputs.baseYear); t < Y; t++) demand[i * Y + t]! += delta;
  }
  return demand;
}

/**
 * Pipeline parameters and starters. Starters are held per pipeline over a window of L years
 * that reaches back `lag` years before the base year (enough for the longest course), so
 * cohorts that started before the base year still complete: year y sits at
 * [k * L + y − baseYear + lag].
 */
interface Pipes {
  P: number;
  L: number;
  lag: number;
  /** Planned starters (heads). */
  planned: Float64Array;
  /** Actual starters (heads): as planned, except trainees leaving a source that runs short. */
  starts: Float64Array;
  target: Int32Array;
  /** Source cell of a progression pipeline; −1 when none (or when the source has no cell: no staff to move). */
  source: Int32Array;
  /** 1 = stay-in-role progression (completers leave the source). */
  staysInRole: Uint8Array;
  whole: Int32Array;
  frac: Float64Array;
  duration: Float64Array;
  keep: Float64Array;
  conversion: Float64Array;
  ftePerHead: Float64Array;
  cost: Float64Array;
  band: Int32Array;
  leaveAtStart: Int32Array;
  stayInRole: Int32Array;
}

/**
 * @param into the previous projection's Pipes, whose memory is reused when it has the same
 * number of pipelines and window (everything is written afresh; what is only ever added to
 * or set here and there is cleared first)
 */
function pipeParams(inputs: ScenarioInputs, index: CellIndex, Y: number, into?: Pipes): Pipes {
  const P = inputs.pipelines.length;
  let lag = 1;
  for (const p of inputs.pipelines) lag = Math.max(lag, Math.ceil(Math.max(0, num(p.durationYears))) + 1);
  const L = lag + Y;
  const firstYear = inputs.baseYear - lag;
  const reuse = into !== undefined && into.P === P && into.L === L;
  const planned = reuse ? into.planned.fill(0) : new Float64Array(P * L);
  const target = reuse ? into.target : new Int32Array(P);
  const source = reuse ? into.source : new Int32Array(P);
  const staysInRole = reuse ? into.staysInRole.fill(0) : new Uint8Array(P);
  const whole = reuse ? into.whole : new Int32Array(P);
  const frac = reuse ? into.frac : new Float64Array(P);
  const duration = reuse ? into.duration : new Float64Array(P);
  const keep = reuse ? into.keep : new Float64Array(P);
  const conversion = reuse ? into.conversion : new Float64Array(P);
  const ftePerHead = reuse ? into.ftePerHead : new Float64Array(P);
  const cost = reuse ? into.cost : new Float64Array(P);
  const band = reuse ? into.band : new Int32Array(P);
  const leaveAtStart: number[] = [];
  const stayInRole: number[] = [];
  for (let k = 0; k < P; k++) {
    const p = inputs.pipelines[k]!;
    const d = Math.max(0, num(p.durationYears));
    target[k] = index.get(p.orgId, p.roleId);
    source[k] = p.sourceRoleId !== null ? index.get(p.orgId, p.sourceRoleId) : -1;
    if (p.sourceRoleId !== null) {
      if (p.traineesLeaveSourceRole) leaveAtStart.push(k);
      else {
        stayInRole.push(k);
        staysInRole[k] = 1;
      }
    }
    duration[k] = d;
    whole[k] = Math.floor(d);
    frac[k] = d - Math.floor(d);
    keep[k] = 1 - clamp01(p.attrition);
    conversion[k] = clamp01(p.conversion);
    ftePerHead[k] = Math.max(0, num(p.ftePerHead));
    cost[k] = Math.max(0, num(p.costPerLearnerYear));
    band[k] = bandOf(p.entrantAgeBand);
    // Only the window matters: earlier cohorts completed before the base year, later ones start after the horizon.
    const intakes = p.intakes;
    for (let w = 0; w < L; w++) {
      const heads = intakes[firstYear + w];
      if (heads !== undefined && heads > 0 && Number.isFinite(heads)) planned[k * L + w] = heads;
    }
  }
  let starts: Float64Array;
  if (reuse) {
    starts = into.starts;
    starts.set(planned);
  } else starts = planned.slice();
  return {
    P,
    L,
    lag,
    planned,
    starts,
    target,
    source,
    staysInRole,
    whole,
    frac,
    duration,
    keep,
    conversion,
    ftePerHead,
    cost,
    band,
    leaveAtStart: Int32Array.from(leaveAtStart),
    stayInRole: Int32Array.from(stayInRole),
  };
}

/** Other joiners: cell, entrant band and FTE per projected year [j * Y + t]. */
interface Joiners {
  J: number;
  cell: Int32Array;
  band: Int32Array;
  fte: Float64Array;
}

/** @param into the previous projection's Joiners, reused when it has as many rows and years */
function joinerParams(inputs: ScenarioInputs, index: CellIndex, Y: number, into?: Joiners): Joiners {
  const J = inputs.otherJoiners.length;
  const reuse = into !== undefined && into.J === J && into.fte.length === J * Y;
  const cell = reuse ? into.cell : new Int32Array(J);
  const band = reuse ? into.band : new Int32Array(J);
  const fte = reuse ? into.fte.fill(0) : new Float64Array(J * Y);
  for (let j = 0; j < J; j++) {
    const r = inputs.otherJoiners[j]!;
    cell[j] = index.get(r.orgId, r.roleId);
    band[j] = bandOf(r.entrantAgeBand);
    const byYear = r.fteByYear;
    for (let t = 0; t < Y; t++) {
      const v = byYear[inputs.baseYear + t];
      if (v !== undefined && v > 0 && Number.isFinite(v)) fte[j * Y + t] = v;
    }
  }
  return { J, cell, band, fte };
}

/** The per-metric output blocks, cell-major ([cell * Y + t]; by band: × B + band). */
interface CellBlocks {
  years: number;
  opening: Float64Array;
  leavers: Float64Array;
  retirements: Float64Array;
  progressionOut: Float64Array;
  qualified: Float64Array;
  otherJoiners: Float64Array;
  closing: Float64Array;
  closingHeadcount: Float64Array;
  demand: Float64Array;
  gap: Float64Array;
  vacancyRate: Float64Array;
  agencyCost: Float64Array;
  closingByBand: Float64Array;
}

/** The per-pipeline output blocks, [k * Y + t]. */
interface PipeBlocks {
  completers: Float64Array;
  joinedFte: Float64Array;
  sourceOutFte: Float64Array;
  inTraining: Float64Array;
  trainingCost: Float64Array;
}

/** Step 1 for every cell: leavers and retirements from the opening stock of year t, in place. */
function outflows(prm: CellParams, out: CellBlocks, t: number): void {
  const { stock, retire, leaverRate } = prm;
  const { opening, leavers, retirements } = out;
  const Y = out.years;
  const N = leaverRate.length;
  for (let i = 0; i < N; i++) {
    const lr = leaverRate[i]!;
    let open = 0;
    let lv = 0;
    let rt = 0;
    for (let k = i * B, e = k + B; k < e; k++) {
      const s = stock[k]!;
      const l = s * lr;
      const r = Math.min(s * retire[k]!, s - l);
      open += s;
      lv += l;
      rt += r;
      stock[k] = s - l - r;
    }
    const o = i * Y + t;
    opening[o] = open;
    leavers[o] = lv;
    retirements[o] = rt;
  }
}

/**
 * Step 5 for every cell: closing by band (tiny negative float noise cleared) and in total, then
 * the age roll, then — when another year follows — that year's step 1 in the same pass, since
 * nothing else touches the stock between the two.
 */
function closeAndRoll(prm: CellParams, out: CellBlocks, t: number): void {
  const { stock, retire, leaverRate } = prm;
  const { closing, closingByBand, opening, leavers, retirements } = out;
  const Y = out.years;
  const N = leaverRate.length;
  const next = t + 1 < Y;
  for (let i = 0; i < N; i++) {
    const k0 = i * B;
    const row = (i * Y + t) * B;
    let close = 0;
    let carry = 0;
    for (let b = 0; b < B - 1; b++) {
      let v = stock[k0 + b]!;
      if (v < 0) v = v > -NOISE ? 0 : v;
      closingByBand[row + b] = v;
      close += v;
      const up = v / 5;
      stock[k0 + b] = v - up + carry;
      carry = up;
    }
    let last = stock[k0 + B - 1]!;
    if (last < 0) last = last > -NOISE ? 0 : last;
    closingByBand[row + B - 1] = last;
    close += last;
    stock[k0 + B - 1] = last + carry;
    closing[i * Y + t] = close;
    if (next) {
      const lr = leaverRate[i]!;
      let open = 0;
      let lv = 0;
      let rt = 0;
      for (let k = k0, e = k0 + B; k < e; k++) {
        const s = stock[k]!;
        const l = s * lr;
        const r = Math.min(s * retire[k]!, s - l);
        open += s;
        lv += l;
        rt += r;
        stock[k] = s - l - r;
      }
      const o = i * Y + t + 1;
      opening[o] = open;
      leavers[o] = lv;
      retirements[o] = rt;
    }
  }
}

/** Current stock of a cell, FTE. */
function stockOf(stock: Float64Array, i: number): number {
  let s = 0;
  for (let b = i * B, e = b + B; b < e; b++) s += stock[b]!;
  return s;
}

/**
 * Takes FTE from source cells for progression pipelines `ks` wanting `want[k]` FTE in year t:
 * each source gives at most what it has, shared pro rata between the pipelines drawing on it,
 * and loses it from every band in proportion to the band's stock (recorded as progression out).
 * Writes the share of its want each pipeline got to `granted[k]` (1 when it wanted nothing).
 */
function drawFromSources(
  ks: Int32Array,
  pipes: Pipes,
  want: Float64Array,
  granted: Float64Array,
  requested: Float64Array,
  stock: Float64Array,
  progressionOut: Float64Array,
  Y: number,
  t: number,
): void {
  const source = pipes.source;
  const touched: number[] = [];
  for (const k of ks) {
    const s = source[k]!;
    if (s < 0 || !(want[k]! > 0)) continue;
    if (requested[s] === 0) touched.push(s);
    requested[s]! += want[k]!;
  }
  for (const k of ks) {
    const s = source[k]!;
    if (!(want[k]! > 0)) granted[k] = 1;
    else granted[k] = s < 0 ? 0 : Math.min(1, stockOf(stock, s) / requested[s]!);
  }
  for (const s of touched) {
    const have = stockOf(stock, s);
    const take = Math.min(have, requested[s]!);
    if (take > 0) {
      const keepShare = Math.max(0, 1 - take / have);
      for (let b = s * B, e = b + B; b < e; b++) stock[b]! *= keepShare;
      progressionOut[s * Y + t]! += take;
    }
    requested[s] = 0;
  }
}

/** Steps 2–3 for year t: capped progression starts, completions, source removals and joiners. */
function pipelineYear(
  pipes: Pipes,
  prm: CellParams,
  out: CellBlocks,
  pout: PipeBlocks,
  scratch: { want: Float64Array; granted: Float64Array; requested: Float64Array },
  t: number,
): void {
  const { P, L, lag, planned, starts, whole, frac, keep, conversion, ftePerHead, staysInRole, target, band, leaveAtStart, stayInRole } = pipes;
  const { completers, joinedFte, sourceOutFte } = pout;
  const { want, granted, requested } = scratch;
  const { stock } = prm;
  const { qualified, progressionOut } = out;
  const Y = out.years;
  const w = t + lag;

  // 2. Trainees who leave their role at the start, capped by what their source has left.
  if (leaveAtStart.length > 0) {
    for (const k of leaveAtStart) want[k] = planned[k * L + w]! * ftePerHead[k]!;
    drawFromSources(leaveAtStart, pipes, want, granted, requested, stock, progressionOut, Y, t);
    for (const k of leaveAtStart) {
      starts[k * L + w] = planned[k * L + w]! * granted[k]!;
      sourceOutFte[k * Y + t] = want[k]! * granted[k]!;
    }
  }

  // 3. Completions: cohorts of ⌊d⌋ and ⌊d⌋ + 1 years ago.
  for (let k = 0; k < P; k++) {
    const at = k * L + w - whole[k]!;
    const f = frac[k]!;
    let c = (1 - f) * starts[at]!;
    if (f > 0) c += f * starts[at - 1]!;
    completers[k * Y + t] = keep[k]! * c;
  }
  // Trainees who stayed in their source role leave it now, capped by what it has left.
  if (stayInRole.length > 0) {
    for (const k of stayInRole) want[k] = completers[k * Y + t]! * ftePerHead[k]!;
    drawFromSources(stayInRole, pipes, want, granted, requested, stock, progressionOut, Y, t);
    for (const k of stayInRole) sourceOutFte[k * Y + t] = want[k]! * granted[k]!;
  }
  for (let k = 0; k < P; k++) {
    const joined = staysInRole[k] === 1 ? sourceOutFte[k * Y + t]! * conversion[k]! : completers[k * Y + t]! * conversion[k]! * ftePerHead[k]!;
    joinedFte[k * Y + t] = joined;
    if (joined > 0) {
      const i = target[k]!;
      stock[i * B + band[k]!]! += joined;
      qualified[i * Y + t]! += joined;
    }
  }
}

/** Step 4 for year t: other joiners into their entrant band. */
function joinersYear(joiners: Joiners, stock: Float64Array, otherJoiners: Float64Array, Y: number, t: number): void {
  const { J, cell, band, fte } = joiners;
  for (let j = 0; j < J; j++) {
    const v = fte[j * Y + t]!;
    if (v > 0) {
      const i = cell[j]!;
      stock[i * B + band[j]!]! += v;
      otherJoiners[i * Y + t]! += v;
    }
  }
}

/** Headcount, gap, vacancy rate and agency cost, from closing and demand (cell by cell, contiguous). */
function derived(prm: CellParams, out: CellBlocks): void {
  const { perHead, agencyShare, agencyCostPerFte } = prm;
  const { closing, demand, closingHeadcount, gap, vacancyRate, agencyCost } = out;
  const Y = out.years;
  const N = perHead.length;
  for (let i = 0; i < N; i++) {
    const ph = perHead[i]!;
    const share = agencyShare[i]!;
    const price = agencyCostPerFte[i]!;
    for (let o = i * Y, e = o + Y; o < e; o++) {
      const close = closing[o]!;
      const d = demand[o]!;
      const g = d - close;
      closingHeadcount[o] = close / ph;
      gap[o] = g;
      vacancyRate[o] = d !== 0 ? g / d : 0;
      agencyCost[o] = g > 0 ? g * share * price : 0;
    }
  }
}

/**
 * Learners in training (heads, learner-years) and their cost (£): a cohort is on the course for
 * d years from its start, so one that started `lag` years ago counts min(1, d − lag) this year.
 * Attrition is not applied to this figure.
 */
function training(pipes: Pipes, pout: PipeBlocks, Y: number): void {
  const { P, L, lag: lagMax, starts, duration, cost } = pipes;
  const { inTraining, trainingCost } = pout;
  for (let k = 0; k < P; k++) {
    const d = duration[k]!;
    const price = cost[k]!;
    for (let t = 0; t < Y; t++) {
      let learners = 0;
      for (let lag = 0; lag < d; lag++) learners += starts[k * L + t + lagMax - lag]! * Math.min(1, d - lag);
      inTraining[k * Y + t] = learners;
      trainingCost[k * Y + t] = learners * price;
    }
  }
}

/** A Float64Array of `length` numbers of `block` from element `start`, sharing its memory. */
const view = (block: Float64Array, start: number, length: number): Float64Array => new Float64Array(block.buffer, block.byteOffset + start * 8, length);

/** Every per-year series of a CellProjection (closingByBand aside), in a fixed order. */
export const CELL_SERIES = [
  'opening',
  'leavers',
  'retirements',
  'progressionOut',
  'qualified',
  'otherJoiners',
  'closing',
  'closingHeadcount',
  'demand',
  'gap',
  'vacancyRate',
  'agencyCost',
] as const;

/**
 * One cell's results. Each series is a view of the projection's block for that metric, made the
 * first time it is read and then kept: a 10,000-cell plan would otherwise build 130,000 views on
 * every projection, most never read (the required-intake solver reads a handful). The own
 * enumerable fields (ids, the shared blocks and the cell's index) make deep equality compare the
 * numbers; toJSON gives plain arrays.
 */
class CellResult implements CellProjection {
  #opening?: Float64Array;
  #leavers?: Float64Array;
  #retirements?: Float64Array;
  #progressionOut?: Float64Array;
  #qualified?: Float64Array;
  #otherJoiners?: Float64Array;
  #closing?: Float64Array;
  #closingHeadcount?: Float64Array;
  #demand?: Float64Array;
  #gap?: Float64Array;
  #vacancyRate?: Float64Array;
  #agencyCost?: Float64Array;
  #closingByBand?: Float64Array;
  constructor(
    readonly orgId: number,
    readonly roleId: number,
    readonly store: CellBlocks,
    readonly index: number,
  ) {}
  #of(block: Float64Array): Float64Array {
    return view(block, this.index * this.store.years, this.store.years);
  }
  get opening(): Float64Array {
    return (this.#opening ??= this.#of(this.store.opening));
  }
  get leavers(): Float64Array {
    return (this.#leavers ??= this.#of(this.store.leavers));
  }
  get retirements(): Float64Array {
    return (this.#retirements ??= this.#of(this.store.retirements));
  }
  get progressionOut(): Float64Array {
    return (this.#progressionOut ??= this.#of(this.store.progressionOut));
  }
  get qualified(): Float64Array {
    return (this.#qualified ??= this.#of(this.store.qualified));
  }
  get otherJoiners(): Float64Array {
    return (this.#otherJoiners ??= this.#of(this.store.otherJoiners));
  }
  get closing(): Float64Array {
    return (this.#closing ??= this.#of(this.store.closing));
  }
  get closingHeadcount(): Float64Array {
    return (this.#closingHeadcount ??= this.#of(this.store.closingHeadcount));
  }
  get demand(): Float64Array {
    return (this.#demand ??= this.#of(this.store.demand));
  }
  get gap(): Float64Array {
    return (this.#gap ??= this.#of(this.store.gap));
  }
  get vacancyRate(): Float64Array {
    return (this.#vacancyRate ??= this.#of(this.store.vacancyRate));
  }
  get agencyCost(): Float64Array {
    return (this.#agencyCost ??= this.#of(this.store.agencyCost));
  }
  get closingByBand(): Float64Array {
    const Y = this.store.years;
    return (this.#closingByBand ??= view(this.store.closingByBand, this.index * Y * B, Y * B));
  }
  /** Plain numbers, for logs and JSON. */
  toJSON(): Record<string, number | number[]> {
    const out: Record<string, number | number[]> = { orgId: this.orgId, roleId: this.roleId };
    for (const key of CELL_SERIES) out[key] = Array.from(this[key]);
    out.closingByBand = Array.from(this.closingByBand);
    return out;
  }
}

/** A per-year series of every cell. */
export type CellSeries = (typeof CELL_SERIES)[number];

/**
 * One per-year series of every cell in one block, [cell × years + t]. For a projection made by
 * projectScenario this is the projection's own memory (read it, never write it), so code that
 * reads every cell of thousands of projections (the simulation) pays for no per-cell views;
 * for any other Projection it is a copy.
 */
export function seriesBlock(p: Projection, series: CellSeries): Float64Array {
  const Y = p.years.length;
  const first = p.cells[0];
  if (first instanceof CellResult && first.store.years === Y && first.store[series].length === p.cells.length * Y) return first.store[series];
  const out = new Float64Array(p.cells.length * Y);
  p.cells.forEach((c, i) => out.set(c[series], i * Y));
  return out;
}

/**
 * Projects one scenario from its base year to its horizon.
 * @returns per cell and year: FTE flows (opening, leavers, retirements, progression out,
 * qualified, other joiners, closing, closing by age band), closing headcount (heads), demand
 * (FTE), gap (FTE, positive = shortfall), vacancy rate (fraction) and agency cost (£); per
 * pipeline and year: starts, learners in training and completers (heads), FTE joined and FTE
 * taken from the source role, training cost (£). Cells come in workforce order, then added
 * zero-baseline cells by orgId, roleId; pipelines in input order.
 */
export function projectScenario(inputs: ScenarioInputs): Projection {
  return new Projector(inputs).project();
}

/**
 * Projects one scenario again and again while its numbers change but not its shape (the
 * simulation: a working copy of the inputs whose rates, shares, yearly values and growths are
 * rewritten before each run). What depends only on the shape — the years, the cells and their
 * index, which pipelines draw on a source — is worked out once, and every projection is written
 * into the same memory, so a run allocates almost nothing. Each project() gives exactly the
 * numbers projectScenario gives for the inputs as they are at that moment, in the same
 * Projection object: read it before the next call.
 *
 * The shape is the lists' lengths and order, every id, sourceRoleId and traineesLeaveSourceRole,
 * the demand changes, and the base and horizon years. (A change of course length that widens
 * the window of starters is noticed, and only costs fresh memory.)
 */
export class Projector {
  private readonly years: number[];
  private readonly cells: Cells;
  private readonly prm: CellParams;
  private readonly out: CellBlocks;
  private pipes: Pipes | undefined;
  private joiners: Joiners | undefined;
  private pout: PipeBlocks | undefined;
  private scratch: { want: Float64Array; granted: Float64Array; requested: Float64Array } | undefined;
  private projection: Projection | undefined;
  private used = false;

  constructor(private readonly inputs: ScenarioInputs) {
    this.years = projectionYears(inputs.baseYear, inputs.horizonYear);
    const Y = this.years.length;
    this.cells = buildCells(inputs);
    const N = this.cells.rows.length;
    this.prm = newCellParams(N);
    const block = () => new Float64Array(N * Y);
    this.out = {
      years: Y,
      opening: block(),
      leavers: block(),
      retirements: block(),
      progressionOut: block(),
      qualified: block(),
      otherJoiners: block(),
      closing: block(),
      closingHeadcount: block(),
      demand: block(),
      gap: block(),
      vacancyRate: block(),
      agencyCost: block(),
      closingByBand: new Float64Array(N * Y * B),
    };
  }

  /** The projection of the inputs as they are now (the same object every time, overwritten). */
  project(): Projection {
    const { inputs, years, cells, prm, out } = this;
    const Y = years.length;
    const N = cells.rows.length;
    if (this.used) {
      // Everything else is written in full by every projection; these are added to.
      resetCellParams(prm);
      out.progressionOut.fill(0);
      out.qualified.fill(0);
      out.otherJoiners.fill(0);
    }
    this.used = true;
    cellParams(cells.rows, prm);
    demandOf(inputs, cells, prm.establishment, years, out.demand);
    const pipes = pipeParams(inputs, cells.index, Y, this.pipes);
    const P = pipes.P;
    if (pipes !== this.pipes) {
      this.pipes = pipes;
      this.pout = {
        completers: new Float64Array(P * Y),
        joinedFte: new Float64Array(P * Y),
        sourceOutFte: new Float64Array(P * Y),
        inTraining: new Float64Array(P * Y),
        trainingCost: new Float64Array(P * Y),
      };
      this.scratch = { want: new Float64Array(P), granted: new Float64Array(P), requested: new Float64Array(N) };
      this.projection = undefined;
    }
    const pout = this.pout!;
    const joiners = (this.joiners = joinerParams(inputs, cells.index, Y, this.joiners));

    if (Y > 0) outflows(prm, out, 0);
    for (let t = 0; t < Y; t++) {
      pipelineYear(pipes, prm, out, pout, this.scratch!, t);
      joinersYear(joiners, prm.stock, out.otherJoiners, Y, t);
      closeAndRoll(prm, out, t);
    }
    derived(prm, out);
    training(pipes, pout, Y);
    return (this.projection ??= this.results(pipes, pout));
  }

  /** The Projection object: views of the blocks, made once. */
  private results(pipes: Pipes, pout: PipeBlocks): Projection {
    const { inputs, years, cells, out } = this;
    const { baseYear, horizonYear } = inputs;
    const Y = years.length;
    const N = cells.rows.length;
    const P = pipes.P;
    const cellResults: CellProjection[] = new Array<CellProjection>(N);
    for (let i = 0; i < N; i++) cellResults[i] = new CellResult(cells.orgIds[i]!, cells.roleIds[i]!, out, i);
    const pipelines: PipelineProjection[] = new Array<PipelineProjection>(P);
    for (let k = 0; k < P; k++) {
      const o = k * Y;
      pipelines[k] = {
        pipelineId: inputs.pipelines[k]!.id,
        starts: view(pipes.starts, k * pipes.L + pipes.lag, Y),
        inTraining: view(pout.inTraining, o, Y),
        completers: view(pout.completers, o, Y),
        joinedFte: view(pout.joinedFte, o, Y),
        sourceOutFte: view(pout.sourceOutFte, o, Y),
        trainingCost: view(pout.trainingCost, o, Y),
      };
    }
    return { baseYear, horizonYear, years, cells: cellResults, pipelines };
  }
}
