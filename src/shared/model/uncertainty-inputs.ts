/**
 * What the simulation draws, and how (README "How the projection works" documents the same):
 *
 *   input                          one draw per run, shared by
 *   leaver rate                    every organisation, for one role
 *   retirement (× every band)      every organisation, for one role
 *   agency share                   every role of one organisation
 *   attrition                      one pipeline
 *   conversion to a post           one pipeline
 *   intake fill (× planned starts) one pipeline, every intake year
 *   other joiners (× FTE)          every row of one kind (international, return to practice,
 *                                  labour market), every year
 *   demand growth driver           one driver, so a system-wide driver moves every
 *                                  organisation together
 *
 * Nothing is drawn year by year: each draw is a level held for the whole horizon. What a planner
 * does not know is the level (is the leaver rate 9 % or 11 %? will the course fill to 85 % or
 * to plan?); independent year-to-year noise would mostly cancel out over ten years and draw a
 * fan far narrower than that uncertainty. A "shared" draw is one uniform number u per run; each
 * member takes the value at u of its own triangular(low, central, high), so each keeps its own
 * range and all move together: an input is never high in one organisation and low in the next
 * by chance, which would also make the system's fan too narrow. Inputs in different groups are
 * drawn independently.
 *
 * A Sampler keeps a private working copy of the scenario's inputs and writes the drawn values
 * into it before each projection, so drawing a run allocates nothing (the simulation then
 * projects the copy with a Projector, into the same memory every run).
 * Multipliers (retirement, intake fill, other joiners) always apply to the plan's own numbers.
 */
import { runKey, streamKey, triangular as triangularImport, uniformAt as uniformAtImport } from './random';
import { OTHER_JOINER_KINDS, type GrowthDriver, type OtherJoiner, type OtherJoinerKind, type Pipeline, type ScenarioInputs, type WorkforceCell } from './types';

export const UNCERTAIN_KINDS = [
  'leaver-rate',
  'retirement',
  'agency-share',
  'attrition',
  'conversion',
  'intake-fill',
  'other-joiners',
  'demand-growth',
] as const;
export type UncertainKind = (typeof UNCERTAIN_KINDS)[number];

const KIND_WORDS: Record<UncertainKind, string> = {
  'leaver-rate': 'Leaver rate',
  retirement: 'Retirement',
  'agency-share': 'Agency share',
  attrition: 'Attrition',
  conversion: 'Conversion to a post',
  'intake-fill': 'Intake fill',
  'other-joiners': 'Other joiners',
  'demand-growth': 'Demand growth',
};

const JOINER_WORDS: Record<OtherJoinerKind, string> = {
  international: 'international recruitment',
  'return-to-practice': 'return to practice',
  'labour-market': 'labour market',
};

/** One ranged input of one row: the row's index in its list and its low, central and high values. */
interface Member {
  index: number;
  low: number;
  central: number;
  high: number;
}

/** Inputs that share one draw per run (or per run and year, for intake fill). */
export interface UncertainGroup {
  /** Stable within a plan, e.g. "leaver-rate:7" (role 7). */
  key: string;
  kind: UncertainKind;
  /** In the planners' words: "Leaver rate: Registered nurse (every organisation)". */
  label: string;
  /** True when some member's low and high differ: the input can move the projection. */
  varies: boolean;
  /** The random stream the group draws from. */
  stream: number;
  members: Member[];
}

/** A side of a range: a missing or null side is the central value. */
const side = (v: number | null | undefined, central: number): number => (v === null || v === undefined || !Number.isFinite(v) ? central : v);
const hasRange = (low: number | null | undefined, high: number | null | undefined): boolean =>
  (low !== null && low !== undefined) || (high !== null && high !== undefined);

class GroupSet {
  readonly groups: UncertainGroup[] = [];
  private readonly byKey = new Map<string, UncertainGroup>();
  add(kind: UncertainKind, id: number, label: string, member: Member): void {
    const key = `${kind}:${id}`;
    let g = this.byKey.get(key);
    if (!g) {
      g = { key, kind, label: `${KIND_WORDS[kind]}: ${label}`, varies: false, stream: streamKey(UNCERTAIN_KINDS.indexOf(kind) + 1, id), members: [] };
      this.byKey.set(key, g);
      this.groups.push(g);
    }
    // Ranges are checked where they are entered; a reversed one here draws nothing rather than nonsense.
    const ordered = member.low <= member.central && member.central <= member.high;
    const m = ordered ? member : { ...member, low: member.central, high: member.central };
    g.members.push(m);
    if (m.high > m.low) g.varies = true;
  }
}

/** Every ranged input of a scenario, grouped by how it is drawn (see the table above), in a fixed order. */
export function uncertainGroups(inputs: ScenarioInputs): UncertainGroup[] {
  const set = new GroupSet();
  const roleName = new Map(inputs.roles.map((r) => [r.id, r.name]));
  const orgName = new Map(inputs.organisations.map((o) => [o.id, o.name]));
  const role = (id: number) => roleName.get(id) ?? `role ${id}`;
  const org = (id: number) => orgName.get(id) ?? `organisation ${id}`;
  inputs.workforce.forEach((c, i) => {
    if (hasRange(c.leaverRateLow, c.leaverRateHigh)) {
      set.add('leaver-rate', c.roleId, `${role(c.roleId)} (every organisation)`, {
        index: i,
        low: side(c.leaverRateLow, c.leaverRate),
        central: c.leaverRate,
        high: side(c.leaverRateHigh, c.leaverRate),
      });
    }
    if (hasRange(c.retirementLow, c.retirementHigh)) {
      set.add('retirement', c.roleId, `${role(c.roleId)} (every organisation)`, {
        index: i,
        low: side(c.retirementLow, 1),
        central: 1,
        high: side(c.retirementHigh, 1),
      });
    }
    if (hasRange(c.agencyShareLow, c.agencyShareHigh)) {
      set.add('agency-share', c.orgId, `${org(c.orgId)} (every role)`, {
        index: i,
        low: side(c.agencyShareLow, c.agencyShare),
        central: c.agencyShare,
        high: side(c.agencyShareHigh, c.agencyShare),
      });
    }
  });
  inputs.pipelines.forEach((p, k) => {
    if (hasRange(p.attritionLow, p.attritionHigh))
      set.add('attrition', p.id, p.name, { index: k, low: side(p.attritionLow, p.attrition), central: p.attrition, high: side(p.attritionHigh, p.attrition) });
    if (hasRange(p.conversionLow, p.conversionHigh))
      set.add('conversion', p.id, p.name, {
        index: k,
        low: side(p.conversionLow, p.conversion),
        central: p.conversion,
        high: side(p.conversionHigh, p.conversion),
      });
    if (hasRange(p.intakeFillLow, p.intakeFillHigh))
      set.add('intake-fill', p.id, p.name, { index: k, low: side(p.intakeFillLow, 1), central: 1, high: side(p.intakeFillHigh, 1) });
  });
  inputs.otherJoiners.forEach((j, k) => {
    if (hasRange(j.fteLow, j.fteHigh)) {
      set.add('other-joiners', OTHER_JOINER_KINDS.indexOf(j.kind) + 1, `${JOINER_WORDS[j.kind]} (every organisation and role)`, {
        index: k,
        low: side(j.fteLow, 1),
        central: 1,
        high: side(j.fteHigh, 1),
      });
    }
  });
  inputs.growthDrivers.forEach((d, k) => {
    if (hasRange(d.growthLow, d.growthHigh))
      set.add('demand-growth', d.id, d.name, { index: k, low: side(d.growthLow, d.growth), central: d.growth, high: side(d.growthHigh, d.growth) });
  });
  return set.groups;
}

// Local bindings of the two functions a run calls about a thousand times: where modules are
// compiled to CommonJS (tsx, the bench, tests) every call through an import is a read of a
// getter on the module object, which here cost as much as the call.
const triangular = triangularImport;
const uniformAt = uniformAtImport;

/** Where each member of a group sits for one projection: a draw, or the low, central or high value. */
export type Position = 'low' | 'central' | 'high';

/**
 * A plan's yearly record (year → value) as the working copy holds it: a plain array indexed by
 * year. A missing year reads as undefined, as in the record, but writing a year is an array
 * store rather than a dictionary update, which matters when a thousand runs each rewrite every
 * year of a hundred rows.
 */
function yearArray(record: Record<number, number>): { years: Int32Array; values: Float64Array; into: number[] } {
  const entries = Object.entries(record)
    .map(([k, v]) => [Number(k), v] as const)
    .filter(([y]) => Number.isInteger(y) && y >= 0 && y <= 100_000);
  const into = new Array<number>(entries.reduce((m, [y]) => Math.max(m, y + 1), 0));
  for (const [y, v] of entries) into[y] = v;
  return { years: Int32Array.from(entries.map(([y]) => y)), values: Float64Array.from(entries.map(([, v]) => v)), into };
}

// Copies of the rows in one fixed shape: only the fields the projection reads, always in the
// same order, so that the working copy's rows share one hidden class and the per-run writes and
// the projection's reads stay monomorphic.
const cellCopy = (c: WorkforceCell): WorkforceCell => ({
  orgId: c.orgId,
  roleId: c.roleId,
  fte: c.fte,
  headcount: c.headcount,
  establishment: c.establishment,
  ageProfile: c.ageProfile,
  leaverRate: c.leaverRate,
  retirementByBand: c.retirementByBand.slice(),
  agencyShare: c.agencyShare,
  agencyCostPerFte: c.agencyCostPerFte,
});
const pipelineCopy = (p: Pipeline): Pipeline => ({
  id: p.id,
  name: p.name,
  type: p.type,
  orgId: p.orgId,
  roleId: p.roleId,
  sourceRoleId: p.sourceRoleId,
  traineesLeaveSourceRole: p.traineesLeaveSourceRole,
  durationYears: p.durationYears,
  attrition: p.attrition,
  conversion: p.conversion,
  ftePerHead: p.ftePerHead,
  costPerLearnerYear: p.costPerLearnerYear,
  entrantAgeBand: p.entrantAgeBand,
  intakes: yearArray(p.intakes).into,
});
const joinerCopy = (j: OtherJoiner): OtherJoiner => ({
  id: j.id,
  kind: j.kind,
  orgId: j.orgId,
  roleId: j.roleId,
  entrantAgeBand: j.entrantAgeBand,
  fteByYear: yearArray(j.fteByYear).into,
});
const driverCopy = (d: GrowthDriver): GrowthDriver => ({
  id: d.id,
  name: d.name,
  growth: d.growth,
  startYear: d.startYear,
  endYear: d.endYear,
  orgId: d.orgId,
  roleId: d.roleId,
  staffGroup: d.staffGroup,
});

/** A group laid out for writing: its members' ranges and the rows (or arrays) each writes to. */
interface Slots {
  group: UncertainGroup;
  low: Float64Array;
  central: Float64Array;
  high: Float64Array;
  /** The value each member takes this time (a rate, a multiplier, a share or a growth). */
  value: Float64Array;
  cells: WorkforceCell[];
  pipelines: Pipeline[];
  drivers: GrowthDriver[];
  /**
   * Retirement: each distinct set of band probabilities (with its range), the working copy's
   * array they are written to, and a member whose value it takes. Cells of a role with the same
   * probabilities and range take the same value every run, so they share one array.
   */
  bands: Float64Array[];
  bandsOut: number[][];
  bandMember: number[];
  /** Intake fill and joiners: the plan's yearly values, and the working copy's array. */
  years: Int32Array[];
  yearValues: Float64Array[];
  yearsOut: number[][];
}

/**
 * A working copy of a scenario's inputs whose ranged values are set, run by run, to draws (or
 * for the tornado to their low or high values). The copy is made once; a run only writes numbers
 * into it.
 */
export class Sampler {
  readonly groups: UncertainGroup[];
  /** The working copy: pass it to projectScenario after draw() or place(). */
  readonly inputs: ScenarioInputs;
  private readonly slots: Slots[];

  constructor(source: ScenarioInputs) {
    this.groups = uncertainGroups(source);
    const workforce = source.workforce.map(cellCopy);
    const pipelines = source.pipelines.map(pipelineCopy);
    const otherJoiners = source.otherJoiners.map(joinerCopy);
    const growthDrivers = source.growthDrivers.map(driverCopy);
    this.inputs = { ...source, workforce, pipelines, otherJoiners, growthDrivers };
    this.slots = this.groups.map((group) => {
      const n = group.members.length;
      const s: Slots = {
        group,
        low: Float64Array.from(group.members, (m) => m.low),
        central: Float64Array.from(group.members, (m) => m.central),
        high: Float64Array.from(group.members, (m) => m.high),
        value: new Float64Array(n),
        cells: [],
        pipelines: [],
        drivers: [],
        bands: [],
        bandsOut: [],
        bandMember: [],
        years: [],
        yearValues: [],
        yearsOut: [],
      };
      const shared = new Map<string, number[]>();
      group.members.forEach((m, j) => {
        const i = m.index;
        switch (group.kind) {
          case 'leaver-rate':
          case 'agency-share':
            s.cells.push(workforce[i]!);
            break;
          case 'retirement': {
            const base = source.workforce[i]!.retirementByBand;
            const key = JSON.stringify([m.low, m.central, m.high, ...base]);
            const out = shared.get(key);
            if (out) workforce[i]!.retirementByBand = out;
            else {
              shared.set(key, workforce[i]!.retirementByBand);
              s.bands.push(Float64Array.from(base));
              s.bandsOut.push(workforce[i]!.retirementByBand);
              s.bandMember.push(j);
            }
            break;
          }
          case 'attrition':
          case 'conversion':
            s.pipelines.push(pipelines[i]!);
            break;
          case 'intake-fill': {
            const y = yearArray(source.pipelines[i]!.intakes);
            s.years.push(y.years);
            s.yearValues.push(y.values);
            s.yearsOut.push(pipelines[i]!.intakes as number[]);
            break;
          }
          case 'other-joiners': {
            const y = yearArray(source.otherJoiners[i]!.fteByYear);
            s.years.push(y.years);
            s.yearValues.push(y.values);
            s.yearsOut.push(otherJoiners[i]!.fteByYear as number[]);
            break;
          }
          case 'demand-growth':
            s.drivers.push(growthDrivers[i]!);
            break;
        }
      });
      return s;
    });
  }

  /** True when some ranged input can move the projection (a zero-width range cannot). */
  get varies(): boolean {
    return this.groups.some((g) => g.varies);
  }

  /** Sets every ranged input to its draw for run `run` of `seed`. */
  draw(seed: number, run: number): void {
    const key = runKey(seed, run);
    for (const s of this.slots) {
      const u = uniformAt(key, s.group.stream);
      const { low, central, high, value } = s;
      for (let j = 0; j < value.length; j++) value[j] = triangular(low[j]!, central[j]!, high[j]!, u);
      write(s);
    }
  }

  /** Sets every member of group `g` to its low, central or high value. */
  place(g: UncertainGroup, position: Position): void {
    const s = this.slots[this.groups.indexOf(g)];
    if (!s) return;
    s.value.set(position === 'low' ? s.low : position === 'high' ? s.high : s.central);
    write(s);
  }

  /** Every ranged input at its central value: the working copy then projects as the original. */
  centre(): void {
    for (const g of this.groups) this.place(g, 'central');
  }
}

/** Writes each member's value into the working copy. */
function write(s: Slots): void {
  const v = s.value;
  switch (s.group.kind) {
    case 'leaver-rate':
      for (let j = 0; j < v.length; j++) s.cells[j]!.leaverRate = v[j]!;
      return;
    case 'agency-share':
      for (let j = 0; j < v.length; j++) s.cells[j]!.agencyShare = v[j]!;
      return;
    case 'retirement':
      for (let d = 0; d < s.bands.length; d++) {
        const base = s.bands[d]!;
        const out = s.bandsOut[d]!;
        const m = v[s.bandMember[d]!]!;
        for (let b = 0; b < base.length; b++) out[b] = base[b]! * m;
      }
      return;
    case 'attrition':
      for (let j = 0; j < v.length; j++) s.pipelines[j]!.attrition = v[j]!;
      return;
    case 'conversion':
      for (let j = 0; j < v.length; j++) s.pipelines[j]!.conversion = v[j]!;
      return;
    case 'intake-fill':
    case 'other-joiners':
      for (let j = 0; j < v.length; j++) {
        const years = s.years[j]!;
        const base = s.yearValues[j]!;
        const out = s.yearsOut[j]!;
        const m = v[j]!;
        for (let n = 0; n < years.length; n++) out[years[n]!] = base[n]! * m;
      }
      return;
    case 'demand-growth':
      for (let j = 0; j < v.length; j++) s.drivers[j]!.growth = v[j]!;
      return;
  }
}

/** The inputs of run `run` of a simulation with `seed`, as a new object: for tests, and to explain a run. */
export function drawRunInputs(inputs: ScenarioInputs, seed: number, run: number): ScenarioInputs {
  const s = new Sampler(inputs);
  s.draw(seed, run);
  return s.inputs;
}
