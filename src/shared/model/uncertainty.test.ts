/**
 * The simulation: reproducibility, exactness with zero-width ranges, a hand-worked case against
 * the triangular distribution's own percentiles, target probabilities as a direct count, and
 * what is drawn together.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cell, joiner, pipeline, plan } from '../../../tests/support/model-builders';
import { projectScenario } from './projection';
import { systemTotals } from './summary';
import { projectedValue, targetMet } from './targets';
import { AGE_BAND_COUNT, type ScenarioInputs, type Target } from './types';
import { simulateScenario, SimulationStopped, SimulationWorkspace } from './uncertainty';
import { drawRunInputs, uncertainGroups } from './uncertainty-inputs';
import { triangularCdf } from './random';

/** A plan with every kind of input, each with a range (zero-width when `zero`). */
function everyKind(zero: boolean): ScenarioInputs {
  const w = (central: number, lo: number, hi: number) => (zero ? { low: central, high: central } : { low: lo, high: hi });
  const leaver = w(0.1, 0.08, 0.13);
  const retire = w(1, 0.8, 1.25);
  const agency = w(0.5, 0.4, 0.6);
  const attr = w(0.2, 0.15, 0.3);
  const conv = w(0.9, 0.8, 0.95);
  const fill = w(1, 0.85, 1);
  const fte = w(1, 0.7, 1.1);
  const growth = w(0.055, 0.03, 0.08);
  const retirementByBand = new Array<number>(AGE_BAND_COUNT).fill(0).map((_v, b) => (b >= 7 ? 0.2 : 0.01));
  const ageProfile = new Array<number>(AGE_BAND_COUNT).fill(0.1);
  const rates = {
    leaverRate: 0.1,
    leaverRateLow: leaver.low,
    leaverRateHigh: leaver.high,
    retirementByBand,
    retirementLow: retire.low,
    retirementHigh: retire.high,
    ageProfile,
  };
  return plan({
    workforce: [
      cell(1, 1, {
        ...rates,
        fte: 400,
        headcount: 450,
        establishment: 460,
        agencyShare: 0.5,
        agencyShareLow: agency.low,
        agencyShareHigh: agency.high,
        agencyCostPerFte: 60_000,
      }),
      cell(2, 1, {
        ...rates,
        fte: 200,
        headcount: 220,
        establishment: 240,
        agencyShare: 0.5,
        agencyShareLow: agency.low,
        agencyShareHigh: agency.high,
        agencyCostPerFte: 60_000,
      }),
      cell(1, 2, { fte: 300, headcount: 320, establishment: 310, leaverRate: 0.15, ageProfile }),
    ],
    pipelines: [
      pipeline(1, 1, 1, {
        attrition: 0.2,
        attritionLow: attr.low,
        attritionHigh: attr.high,
        conversion: 0.9,
        conversionLow: conv.low,
        conversionHigh: conv.high,
        intakeFillLow: fill.low,
        intakeFillHigh: fill.high,
        intakes: { 2017: 30, 2018: 30, 2019: 40, 2020: 40, 2021: 50 },
      }),
      pipeline(2, 1, 3, {
        sourceRoleId: 2,
        traineesLeaveSourceRole: true,
        durationYears: 2,
        attrition: 0.16,
        attritionLow: attr.low === 0.2 ? 0.16 : 0.1,
        attritionHigh: attr.high === 0.2 ? 0.16 : 0.25,
        intakes: { 2019: 20, 2020: 20 },
      }),
    ],
    otherJoiners: [{ ...joiner(1, 1, 1, { 2019: 20, 2020: 20, 2021: 25 }), kind: 'international', fteLow: fte.low, fteHigh: fte.high }],
    growthDrivers: [
      {
        id: 1,
        name: 'Population',
        growth: 0.055,
        growthLow: growth.low,
        growthHigh: growth.high,
        startYear: 2019,
        endYear: 2028,
        orgId: null,
        roleId: null,
        staffGroup: null,
      },
    ],
    demandChanges: [{ id: 1, orgId: 1, roleId: 2, year: 2021, deltaFte: 15 }],
  });
}

const TARGETS: Target[] = [
  { id: 1, name: 'Nurses', metric: 'supply-fte', pipelineIds: [], orgId: null, roleId: 1, year: 2025, value: 560, comparison: 'at-least' },
  { id: 2, name: 'Trained', metric: 'trained-cumulative', pipelineIds: [1], orgId: null, roleId: null, year: 2024, value: 120, comparison: 'at-least' },
  { id: 3, name: 'Agency', metric: 'agency-cost', pipelineIds: [], orgId: null, roleId: null, year: 2026, value: 3_000_000, comparison: 'at-most' },
  { id: 4, name: 'Unknown', metric: 'supply-fte', pipelineIds: [], orgId: null, roleId: null, year: 2025, value: null, comparison: 'at-least' },
  { id: 5, name: 'Beyond the horizon', metric: 'supply-fte', pipelineIds: [], orgId: null, roleId: null, year: 2035, value: 10, comparison: 'at-least' },
];

describe('the simulation', () => {
  it('with zero-width ranges (and with none) gives the deterministic projection in every run, bit for bit', () => {
    const noRanges = JSON.parse(JSON.stringify(everyKind(true), (k, v: unknown) => (/(Low|High)$/.test(k) ? undefined : v))) as ScenarioInputs;
    expect(uncertainGroups(noRanges)).toEqual([]);
    for (const inputs of [
      everyKind(true),
      { ...everyKind(true), workforce: everyKind(true).workforce.map((c) => ({ ...c, leaverRateLow: null, leaverRateHigh: null })) },
      noRanges,
    ]) {
      const p = projectScenario(inputs);
      const totals = systemTotals(p);
      const sim = simulateScenario(inputs, TARGETS, { runs: 25, seed: 5 });
      const Y = p.years.length;
      expect(sim.cells).toEqual(p.cells.map((c) => ({ orgId: c.orgId, roleId: c.roleId })));
      p.cells.forEach((c, i) => {
        for (let t = 0; t < Y; t++) {
          for (const q of ['p10', 'p50', 'p90'] as const) {
            expect(Object.is(sim.supply[q][i * Y + t], c.closing[t])).toBe(true);
            expect(Object.is(sim.demand[q][i * Y + t], c.demand[t])).toBe(true);
            expect(Object.is(sim.gap[q][i * Y + t], c.gap[t])).toBe(true);
          }
        }
      });
      for (let t = 0; t < Y; t++) {
        for (const q of ['p10', 'p50', 'p90'] as const) {
          expect(sim.totals.supply[q][t]).toBe(totals.closing[t]);
          expect(sim.totals.demand[q][t]).toBe(totals.demand[t]);
          expect(sim.totals.gap[q][t]).toBe(totals.gap[t]);
          expect(sim.totals.agencyCost[q][t]).toBe(totals.agencyCost[t]);
        }
      }
      for (const t of TARGETS.slice(0, 3)) {
        const v = projectedValue(p, t);
        const chance = sim.targets.find((c) => c.targetId === t.id)!;
        expect(chance.projected).toEqual({ p10: v, p50: v, p90: v });
        expect(chance.probability).toBe(targetMet(t as Target & { value: number }, v) ? 1 : 0);
      }
      // Every run's drawn inputs project exactly as the plan does.
      for (const r of [0, 7, 24]) expect(Array.from(projectScenario(drawRunInputs(inputs, 5, r)).cells[0]!.closing)).toEqual(Array.from(p.cells[0]!.closing));
    }
  });

  it('gives the same numbers for the same seed, and other numbers for another seed', () => {
    const inputs = everyKind(false);
    const a = simulateScenario(inputs, TARGETS, { runs: 200, seed: 42 });
    const b = simulateScenario(inputs, TARGETS, { runs: 200, seed: 42, workspace: new SimulationWorkspace() });
    const c = simulateScenario(inputs, TARGETS, { runs: 200, seed: 43 });
    expect(b).toEqual(a);
    expect(Array.from(c.totals.gap.p50)).not.toEqual(Array.from(a.totals.gap.p50));
  });

  it('says a target that cannot be judged has no probability: no value yet, or a year outside the plan', () => {
    const sim = simulateScenario(everyKind(false), TARGETS, { runs: 20 });
    expect(sim.targets.find((t) => t.targetId === 4)).toEqual({ targetId: 4, probability: null, runsMet: 0, projected: null });
    expect(sim.targets.find((t) => t.targetId === 5)!.probability).toBeNull();
  });

  it('gives each target’s probability as the share of runs in which it is met, counted run by run from each run’s own inputs', () => {
    const inputs = everyKind(false);
    const runs = 300;
    const sim = simulateScenario(inputs, TARGETS, { runs, seed: 11 });
    for (const t of TARGETS.slice(0, 3) as (Target & { value: number })[]) {
      let met = 0;
      for (let r = 0; r < runs; r++) {
        const v = projectedValue(projectScenario(drawRunInputs(inputs, 11, r)), t);
        expect(sim.perRun.targets[TARGETS.indexOf(t)]![r]).toBe(v);
        if (targetMet(t, v)) met++;
      }
      const chance = sim.targets.find((c) => c.targetId === t.id)!;
      expect(chance.runsMet).toBe(met);
      expect(chance.probability).toBe(met / runs);
    }
    // The plan is built so that the chances are neither 0 nor 1: the count is tested, not a constant.
    expect(sim.targets.slice(0, 3).some((c) => c.probability! > 0 && c.probability! < 1)).toBe(true);
  });

  it('matches the analytic percentiles of a hand-worked case (one input, linear effect) within sampling error, N = 100,000', () => {
    // One organisation and role with no staff and no leavers; 100 FTE of other joiners in 2019/20
    // with a range of × 0.5 to × 2 (central × 1). Supply at the end of 2019/20 = 100 × m with
    // m ~ triangular(0.5, 1, 2); width 1.5, F(1) = 1/3, so
    //   P10 = 0.5 + √(0.1 × 1.5 × 0.5) = 0.7739,   P50 = 2 − √(0.5 × 1.5 × 1) = 1.1340,
    //   P90 = 2 − √(0.1 × 1.5 × 1) = 1.6127 (× 100 FTE); demand is 150, so the gap is 150 − supply.
    const inputs = plan({
      horizonYear: 2019,
      workforce: [cell(1, 1, { fte: 0, headcount: 0, establishment: 150 })],
      otherJoiners: [{ ...joiner(1, 1, 1, { 2019: 100 }), fteLow: 0.5, fteHigh: 2 }],
    });
    const N = 100_000;
    const sim = simulateScenario(inputs, [], { runs: N, seed: 2026 });
    const analytic = { p10: 100 * (0.5 + Math.sqrt(0.1 * 1.5 * 0.5)), p50: 100 * (2 - Math.sqrt(0.5 * 1.5 * 1)), p90: 100 * (2 - Math.sqrt(0.1 * 1.5 * 1)) };
    // The standard error of a sample p-quantile: √(p(1 − p)/N) ÷ the density there; density of
    // triangular(50, 100, 200) at x: 2(x − 50)/(150 × 50) below the mode, 2(200 − x)/(150 × 100) above.
    const density = (x: number) => (x < 100 ? (2 * (x - 50)) / (150 * 50) : (2 * (200 - x)) / (150 * 100));
    const se = (p: number, x: number) => Math.sqrt((p * (1 - p)) / N) / density(x);
    for (const [q, p] of [
      ['p10', 0.1],
      ['p50', 0.5],
      ['p90', 0.9],
    ] as const) {
      const x = analytic[q];
      expect(Math.abs(sim.supply[q][0]! - x), q).toBeLessThan(4 * se(p, x));
      // The gap's percentiles mirror supply's: its P10 is 150 − supply's P90.
      const mirror = q === 'p10' ? 'p90' : q === 'p90' ? 'p10' : 'p50';
      expect(Math.abs(sim.gap[mirror][0]! - (150 - x))).toBeLessThan(4 * se(p, x));
      // And the share of runs below the analytic percentile is p, within sampling error.
      expect(triangularCdf(50, 100, 200, x)).toBeCloseTo(p, 12);
    }
    expect(sim.demand.p10[0]).toBe(150);
    expect(sim.demand.p90[0]).toBe(150);
  }, 60_000);

  it('keeps P10 ≤ P50 ≤ P90 everywhere, and every probability between 0 and 1, for generated plans and ranges', () => {
    const arb = fc.record({
      leaver: fc.double({ min: 0, max: 0.3, noNaN: true }),
      spread: fc.double({ min: 0, max: 1, noNaN: true }),
      fill: fc.double({ min: 0.3, max: 1, noNaN: true }),
      growth: fc.double({ min: -0.2, max: 0.3, noNaN: true }),
      joiners: fc.double({ min: 0, max: 80, noNaN: true }),
      seed: fc.integer({ min: 0, max: 2 ** 31 }),
    });
    fc.assert(
      fc.property(arb, ({ leaver, spread, fill, growth, joiners, seed }) => {
        const base = everyKind(false);
        const inputs: ScenarioInputs = {
          ...base,
          workforce: base.workforce.map((c) => ({
            ...c,
            leaverRate: leaver,
            leaverRateLow: leaver * (1 - spread),
            leaverRateHigh: Math.min(1, leaver * (1 + spread)),
          })),
          pipelines: base.pipelines.map((p) => ({ ...p, intakeFillLow: fill })),
          otherJoiners: base.otherJoiners.map((j) => ({ ...j, fteByYear: { 2019: joiners, 2022: joiners } })),
          growthDrivers: base.growthDrivers.map((d) => ({
            ...d,
            growth,
            growthLow: Math.min(growth, growth * (1 - spread)),
            growthHigh: Math.max(growth, growth * (1 + spread)),
          })),
        };
        const sim = simulateScenario(inputs, TARGETS, { runs: 40, seed });
        const ordered = (b: { p10: Float64Array; p50: Float64Array; p90: Float64Array }) => b.p10.every((v, i) => v <= b.p50[i]! && b.p50[i]! <= b.p90[i]!);
        if (![sim.supply, sim.demand, sim.gap, sim.totals.supply, sim.totals.demand, sim.totals.gap, sim.totals.agencyCost].every(ordered)) return false;
        const a = sim.agencyCostTotal;
        if (!(a.p10 <= a.p50 && a.p50 <= a.p90)) return false;
        return sim.targets.every(
          (t) =>
            t.probability === null ||
            (t.probability >= 0 && t.probability <= 1 && t.projected!.p10 <= t.projected!.p50 && t.projected!.p50 <= t.projected!.p90),
        );
      }),
      { numRuns: 60, seed: 20261202 },
    );
  });

  it('gives the same numbers when memory is short and the cells are taken a slice at a time', () => {
    const inputs = everyKind(false);
    const whole = simulateScenario(inputs, TARGETS, { runs: 60, seed: 9 });
    const sliced = simulateScenario(inputs, TARGETS, { runs: 60, seed: 9, memoryBudgetBytes: 1 });
    expect(sliced).toEqual(whole);
  });

  it('stops when told to, between runs', () => {
    let asked = 0;
    expect(() => simulateScenario(everyKind(false), [], { runs: 500, isCancelled: () => ++asked > 10 })).toThrow(SimulationStopped);
    expect(asked).toBe(11);
  });

  it('refuses a number of runs outside 1 to 100,000', () => {
    expect(() => simulateScenario(everyKind(false), [], { runs: 0 })).toThrow(RangeError);
    expect(() => simulateScenario(everyKind(false), [], { runs: 100_001 })).toThrow(RangeError);
  });
});

describe('what is drawn together', () => {
  it('draws a role’s leaver rate once per run for every organisation: each at the same point of its own range', () => {
    const inputs = everyKind(false);
    inputs.workforce[1] = { ...inputs.workforce[1]!, leaverRate: 0.2, leaverRateLow: 0.1, leaverRateHigh: 0.22 };
    for (let r = 0; r < 50; r++) {
      const run = drawRunInputs(inputs, 3, r);
      const a = triangularCdf(0.08, 0.1, 0.13, run.workforce[0]!.leaverRate);
      const b = triangularCdf(0.1, 0.2, 0.22, run.workforce[1]!.leaverRate);
      expect(a).toBeCloseTo(b, 9);
    }
  });

  it('moves every organisation’s demand together with a system-wide growth driver', () => {
    const inputs = everyKind(false);
    for (let r = 0; r < 30; r++) {
      const p = projectScenario(drawRunInputs(inputs, 8, r));
      // Trust A's nurses (establishment 460) and Trust B's (240): one factor for both.
      for (let t = 0; t < p.years.length; t++) expect(p.cells[0]!.demand[t]! / 460).toBeCloseTo(p.cells[1]!.demand[t]! / 240, 12);
    }
  });

  it('draws different inputs independently: two pipelines’ attrition over 3,000 runs are uncorrelated', () => {
    const inputs = everyKind(false);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let r = 0; r < 3000; r++) {
      const run = drawRunInputs(inputs, 17, r);
      xs.push(run.pipelines[0]!.attrition);
      ys.push(run.pipelines[1]!.attrition);
    }
    const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
    const mx = mean(xs);
    const my = mean(ys);
    const cov = mean(xs.map((x, i) => (x - mx) * (ys[i]! - my)));
    const corr = cov / Math.sqrt(mean(xs.map((x) => (x - mx) ** 2)) * mean(ys.map((y) => (y - my) ** 2)));
    expect(Math.abs(corr)).toBeLessThan(0.06);
  });

  it('applies a multiplier to the plan’s own numbers: retirement bands, every intake year, every joiners year', () => {
    const inputs = everyKind(false);
    const run = drawRunInputs(inputs, 1, 4);
    const m = run.workforce[0]!.retirementByBand[8]! / 0.2;
    expect(run.workforce[0]!.retirementByBand[0]).toBeCloseTo(0.01 * m, 15);
    expect(m).toBeGreaterThanOrEqual(0.8);
    expect(m).toBeLessThanOrEqual(1.25);
    const fill = run.pipelines[0]!.intakes[2019]! / 40;
    expect(run.pipelines[0]!.intakes[2017]).toBeCloseTo(30 * fill, 12);
    expect(run.pipelines[0]!.intakes[2021]).toBeCloseTo(50 * fill, 12);
    const f = run.otherJoiners[0]!.fteByYear[2019]! / 20;
    expect(run.otherJoiners[0]!.fteByYear[2021]).toBeCloseTo(25 * f, 12);
    // A year the plan has no intake stays without one.
    expect(run.pipelines[0]!.intakes[2022]).toBeUndefined();
  });

  it('lists the groups in the planners’ words, saying which can move the projection', () => {
    const groups = uncertainGroups(everyKind(false));
    expect(groups.map((g) => [g.label, g.members.length, g.varies])).toEqual([
      ['Leaver rate: Registered nurse (every organisation)', 2, true],
      ['Retirement: Registered nurse (every organisation)', 2, true],
      ['Agency share: Trust A (every role)', 1, true],
      ['Agency share: Trust B (every role)', 1, true],
      ['Attrition: P1', 1, true],
      ['Conversion to a post: P1', 1, true],
      ['Intake fill: P1', 1, true],
      ['Attrition: P2', 1, true],
      ['Other joiners: international recruitment (every organisation and role)', 1, true],
      ['Demand growth: Population', 1, true],
    ]);
    expect(uncertainGroups(everyKind(true)).every((g) => !g.varies)).toBe(true);
  });
});
