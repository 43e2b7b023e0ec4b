/**
 * More hand-worked cases, one rule each: the working is in the comments, the expected numbers
 * are written out, and each test fails if its rule is broken.
 */
import { describe, expect, it } from 'vitest';
import { compareProjections } from './compare';
import { driverFactor, parseYearLabel, projectionYears, projectScenario, yearLabel } from './projection';
import { applyConstantIntake, requiredIntake } from './required-intake';
import { shortageRoles } from './shortage';
import { biggestGaps, systemTotals } from './summary';
import { evaluateTargets } from './targets';
import { bands, cell, joiner, pipeline, plan } from '../../../tests/support/model-builders';
import type { Target } from './types';

const at = (a: Float64Array, year: number) => a[year - 2019]!;

describe('financial years', () => {
  it('labels and parses years, wrapping the century', () => {
    expect(yearLabel(2019)).toBe('2019/20');
    expect(yearLabel(1999)).toBe('1999/00');
    expect(yearLabel(2099)).toBe('2099/00');
    expect(parseYearLabel('2019/20')).toBe(2019);
    expect(parseYearLabel('1999/00')).toBe(1999);
    expect(parseYearLabel('2019/22')).toBeNull();
    expect(parseYearLabel('twenty')).toBeNull();
  });
});

describe('pipeline timing', () => {
  it('cohorts that complete after the horizon never join, though they are in training', () => {
    // 10 starters in 2027 on a 3-year course complete in 2030, after the 2028/29 horizon.
    const p = projectScenario(plan({ pipelines: [pipeline(1, 1, 1, { intakes: { 2027: 10 } })] }));
    expect(Array.from(p.cells[0]!.qualified).every((v) => v === 0)).toBe(true);
    expect(Array.from(p.pipelines[0]!.completers).every((v) => v === 0)).toBe(true);
    expect([at(p.pipelines[0]!.inTraining, 2027), at(p.pipelines[0]!.inTraining, 2028)]).toEqual([10, 10]);
    expect(at(p.pipelines[0]!.starts, 2027)).toBe(10);
  });

  it('a course of no length completes in the year it starts', () => {
    // 10 starters, 10 % attrition, 100 % conversion, 1 FTE each: 9 FTE in 2019 itself; nobody in training.
    const p = projectScenario(plan({ pipelines: [pipeline(1, 1, 1, { durationYears: 0, attrition: 0.1, intakes: { 2019: 10 } })] }));
    expect(at(p.cells[0]!.qualified, 2019)).toBe(9);
    expect(at(p.pipelines[0]!.inTraining, 2019)).toBe(0);
  });

  it('records no FTE leaving a source role for a pipeline that is not a progression', () => {
    const p = projectScenario(plan({ workforce: [cell(1, 1)], pipelines: [pipeline(1, 1, 1, { durationYears: 1, intakes: { 2019: 10 } })] }));
    expect(Array.from(p.pipelines[0]!.sourceOutFte).every((v) => v === 0)).toBe(true);
    expect(Array.from(p.cells[0]!.progressionOut).every((v) => v === 0)).toBe(true);
  });
});

describe('progression', () => {
  const hca = (over = {}) => cell(1, 2, { fte: 100, headcount: 100, ...over });
  const na = cell(1, 3, { fte: 0, headcount: 0 });

  it('while trainees are on the course, the FTE missing from the system is learners × FTE per head', () => {
    // No attrition, full conversion, 0.8 FTE per head, 2-year course; 20 start in 2019, 10 in 2020.
    //   2019: 20 × 0.8 = 16 leave the HCAs; 20 learners → 16 missing; total 84.
    //   2020: 8 more leave; 30 learners → 24 missing; total 76.
    //   2021: the 2019 cohort joins as NAs (16 FTE); 10 learners → 8 missing; total 92.
    //   2022: the 2020 cohort joins (8 FTE); nobody missing; total 100, as at the start.
    const p = projectScenario(
      plan({
        workforce: [hca(), na],
        pipelines: [pipeline(1, 1, 3, { sourceRoleId: 2, traineesLeaveSourceRole: true, durationYears: 2, ftePerHead: 0.8, intakes: { 2019: 20, 2020: 10 } })],
      }),
    );
    const total = (y: number) => p.cells.reduce((s, c) => s + at(c.closing, y), 0);
    expect([2019, 2020, 2021, 2022].map((y) => total(y))).toEqual([84, 76, 92, 100].map((v) => expect.closeTo(v, 12) as number));
    for (const y of [2019, 2020, 2021, 2022, 2025]) expect(100 - total(y)).toBeCloseTo(at(p.pipelines[0]!.inTraining, y) * 0.8, 12);
    expect(at(p.pipelines[0]!.sourceOutFte, 2019)).toBeCloseTo(16, 12);
  });

  it('caps starters at what the source has left after its leavers, in heads and in FTE', () => {
    // 100 HCAs, half leave: 50 FTE left. 30 starters at 0.5 FTE would take 15 FTE: no cap.
    // 120 starters at 0.5 FTE want 60 FTE of the 50: 50 ÷ 60 of them start → 100 heads, 50 FTE.
    const run = (heads: number) =>
      projectScenario(
        plan({
          workforce: [hca({ leaverRate: 0.5 }), na],
          pipelines: [pipeline(1, 1, 3, { sourceRoleId: 2, traineesLeaveSourceRole: true, durationYears: 1, ftePerHead: 0.5, intakes: { 2019: heads } })],
        }),
      );
    const free = run(30);
    expect(at(free.pipelines[0]!.starts, 2019)).toBe(30);
    expect(at(free.cells[0]!.closing, 2019)).toBe(35);
    const capped = run(120);
    expect(at(capped.cells[0]!.leavers, 2019)).toBe(50);
    expect(at(capped.pipelines[0]!.starts, 2019)).toBeCloseTo(100, 12);
    expect(at(capped.pipelines[0]!.sourceOutFte, 2019)).toBeCloseTo(50, 12);
    expect(at(capped.cells[0]!.closing, 2019)).toBe(0);
    // The capped cohort is what completes: 100 heads × 0.5 FTE = 50 FTE of NAs in 2020.
    expect(at(capped.cells[1]!.qualified, 2020)).toBeCloseTo(50, 12);
  });

  it('takes starters from every age band in proportion to its stock', () => {
    // 100 HCAs, half under 25 and half 65+; 20 leave to train: each band loses 10 → 40 and 40.
    const p = projectScenario(
      plan({
        workforce: [hca({ ageProfile: bands([0, 0.5], [9, 0.5]) }), na],
        pipelines: [pipeline(1, 1, 3, { sourceRoleId: 2, traineesLeaveSourceRole: true, durationYears: 1, intakes: { 2019: 20 } })],
      }),
    );
    const byBand = p.cells[0]!.closingByBand;
    expect([byBand[0], byBand[9]]).toEqual([40, 40]);
  });

  it('trainees who stay in role: completers leave when they qualify, capped by what the source has', () => {
    // 10 HCAs; 20 start a 1-year course in 2019 and keep working (HCA still 10 in 2019).
    // In 2020, 20 complete and want 20 FTE of the 10: 10 leave; conversion 50 % → 5 NA.
    const p = projectScenario(
      plan({
        workforce: [hca({ fte: 10, headcount: 10 }), na],
        pipelines: [pipeline(1, 1, 3, { sourceRoleId: 2, traineesLeaveSourceRole: false, durationYears: 1, conversion: 0.5, intakes: { 2019: 20 } })],
      }),
    );
    const [h, n] = p.cells;
    const pl = p.pipelines[0]!;
    expect(at(pl.starts, 2019)).toBe(20);
    expect(at(h!.closing, 2019)).toBe(10);
    expect(at(pl.completers, 2020)).toBe(20);
    expect(at(pl.sourceOutFte, 2020)).toBe(10);
    expect(at(h!.progressionOut, 2020)).toBe(10);
    expect(at(h!.closing, 2020)).toBe(0);
    expect(at(n!.qualified, 2020)).toBe(5);
  });

  it('moves nobody from a source role that has no baseline cell', () => {
    // Org 1 has no HCA row: nobody can leave it, so nobody starts (leave at start) or joins (stay in role).
    const p = projectScenario(
      plan({
        workforce: [na],
        pipelines: [
          pipeline(1, 1, 3, { sourceRoleId: 2, traineesLeaveSourceRole: true, durationYears: 1, intakes: { 2019: 10 } }),
          pipeline(2, 1, 3, { sourceRoleId: 2, traineesLeaveSourceRole: false, durationYears: 1, intakes: { 2019: 10 } }),
        ],
      }),
    );
    expect(at(p.pipelines[0]!.starts, 2019)).toBe(0);
    expect(at(p.pipelines[1]!.starts, 2019)).toBe(10);
    expect(at(p.pipelines[1]!.completers, 2020)).toBe(10);
    expect(at(p.cells[0]!.qualified, 2020)).toBe(0);
  });
});

describe('cells, headcount and demand', () => {
  it('adds zero-baseline cells for every targeted org × role, after the workforce, by org then role', () => {
    const p = projectScenario(
      plan({
        workforce: [cell(2, 1)],
        pipelines: [pipeline(1, 2, 3)],
        otherJoiners: [joiner(1, 1, 3, { 2019: 4 })],
        demandChanges: [{ id: 1, orgId: 1, roleId: 2, year: 2019, deltaFte: 3 }],
      }),
    );
    expect(p.cells.map((c) => [c.orgId, c.roleId])).toEqual([
      [2, 1],
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
    expect(at(p.cells[2]!.closing, 2019)).toBe(4);
    expect(at(p.cells[1]!.demand, 2019)).toBe(3);
  });

  it('counts 1 FTE per head when the baseline has no FTE or no headcount', () => {
    // 12 FTE joining an empty cell → 12 heads; 50 FTE with headcount unknown (0) → 50 heads.
    const p = projectScenario(plan({ workforce: [cell(1, 1, { fte: 50, headcount: 0 })], otherJoiners: [joiner(1, 2, 1, { 2019: 12 })] }));
    expect(at(p.cells[0]!.closingHeadcount, 2019)).toBe(50);
    expect(at(p.cells[1]!.closingHeadcount, 2019)).toBe(12);
  });

  it('has a vacancy rate of 0 where there is no demand', () => {
    const p = projectScenario(plan({ workforce: [cell(1, 1, { establishment: 0 })] }));
    expect(at(p.cells[0]!.gap, 2019)).toBe(-100);
    expect(at(p.cells[0]!.vacancyRate, 2019)).toBe(0);
  });

  it('grows a driver to exactly 1 + growth at its end year, from 1 at its start; a one-year driver steps', () => {
    expect(driverFactor(0.055, 2019, 2028, 2018)).toBe(1);
    expect(driverFactor(0.055, 2019, 2028, 2019)).toBe(1);
    expect(driverFactor(0.055, 2019, 2028, 2023)).toBe(Math.pow(1.055, 4 / 9));
    expect(driverFactor(0.055, 2019, 2028, 2028)).toBe(1.055);
    expect(driverFactor(0.055, 2019, 2028, 2031)).toBe(1.055);
    expect([2019, 2020, 2021].map((y) => driverFactor(0.1, 2020, 2020, y))).toEqual([1, 1.1, 1.1]);
    // 100 FTE establishment × 1.055 = 105.5 in 2028/29.
    const p = projectScenario(
      plan({
        workforce: [cell(1, 1)],
        growthDrivers: [{ id: 1, name: 'Population', growth: 0.055, startYear: 2019, endYear: 2028, orgId: null, roleId: null, staffGroup: null }],
      }),
    );
    expect(at(p.cells[0]!.demand, 2028)).toBe(105.5);
  });

  it('multiplies drivers that match the same cell, then adds changes', () => {
    // 100 × 1.1 (all) × 1.2 (role 1 only), stepping in 2020; +5 from 2021: 132, then 137.
    const p = projectScenario(
      plan({
        workforce: [cell(1, 1), cell(1, 2)],
        growthDrivers: [
          { id: 1, name: 'a', growth: 0.1, startYear: 2020, endYear: 2020, orgId: null, roleId: null, staffGroup: null },
          { id: 2, name: 'b', growth: 0.2, startYear: 2020, endYear: 2020, orgId: null, roleId: 1, staffGroup: null },
        ],
        demandChanges: [{ id: 1, orgId: 1, roleId: 1, year: 2021, deltaFte: 5 }],
      }),
    );
    expect([2019, 2020, 2021].map((y) => at(p.cells[0]!.demand, y))).toEqual([100, expect.closeTo(132, 12), expect.closeTo(137, 12)]);
    expect(at(p.cells[1]!.demand, 2021)).toBeCloseTo(110, 12);
  });
});

describe('required intake', () => {
  it('finds the smallest intake when the source role runs out beyond it (the line through a far probe would overshoot)', () => {
    // 10 HCAs feed a no-length course into NA posts (9 needed by 2021/22), trainees leaving at
    // the start. x a year from 2019 gives 3x NAs by 2021 while x ≤ 10/3, so x = 3 exactly;
    // above 10/3 the HCAs run out and NAs stay at 10.
    const inputs = plan({
      workforce: [cell(1, 2, { fte: 10, headcount: 10 }), cell(1, 3, { fte: 0, headcount: 0, establishment: 9 })],
      pipelines: [pipeline(1, 1, 3, { sourceRoleId: 2, traineesLeaveSourceRole: true, durationYears: 0 })],
    });
    const a = requiredIntake(inputs, { pipelineId: 1, fromYear: 2019, byYear: 2021, scope: 'cell' });
    expect(a).toMatchObject({ ok: true, wholeIntake: 3, gapBefore: 9 });
    if (!a.ok) return;
    expect(a.exactIntake).toBeCloseTo(3, 9);
    const gapAt = (x: number) =>
      at(
        projectScenario({ ...inputs, pipelines: [{ ...inputs.pipelines[0]!, intakes: applyConstantIntake(inputs.pipelines[0]!, 2019, 2028, x) }] }).cells[1]!
          .gap,
        2021,
      );
    expect(gapAt(a.exactIntake)).toBeLessThanOrEqual(1e-9);
    expect(gapAt(a.exactIntake - 0.01)).toBeGreaterThan(0);
  });

  it('counts half a 2.5-year cohort that completes in time', () => {
    // 9 FTE short in 2023. A 2021 cohort on a 2.5-year course: half completes in 2023 with
    // 0.8 × 0.9 = 0.72 FTE a starter → 0.36 x = 9 → x = 25. Later cohorts complete too late.
    const inputs = plan({
      workforce: [cell(1, 1, { establishment: 109 })],
      pipelines: [pipeline(1, 1, 1, { durationYears: 2.5, attrition: 0.2, conversion: 0.9 })],
    });
    const a = requiredIntake(inputs, { pipelineId: 1, fromYear: 2021, byYear: 2023, scope: 'cell' });
    expect(a.ok && a.exactIntake).toBeCloseTo(25, 9);
    expect(
      requiredIntake({ ...inputs, pipelines: [{ ...inputs.pipelines[0]!, durationYears: 3 }] }, { pipelineId: 1, fromYear: 2021, byYear: 2023, scope: 'cell' }),
    ).toEqual({
      ok: false,
      reason: 'Cannot close by 2023/24: the course (3 years) is longer than the time left.',
    });
  });

  it('replaces intakes from the start year to the horizon, keeping earlier ones', () => {
    expect(applyConstantIntake(pipeline(1, 1, 1, { intakes: { 2018: 7, 2019: 5, 2027: 9 } }), 2020, 2022, 12)).toEqual({
      2018: 7,
      2019: 5,
      2020: 12,
      2021: 12,
      2022: 12,
      2027: 9,
    });
    // A cohort already planned before fromYear still counts: 2019's 20 starters close 14.4 of the gap.
    const inputs = plan({
      workforce: [cell(1, 1, { establishment: 136 })],
      pipelines: [pipeline(1, 1, 1, { durationYears: 1, attrition: 0.2, conversion: 0.9, intakes: { 2019: 20 } })],
    });
    // Needed by 2021: 36 FTE. 2019 cohort: 20 × 0.72 = 14.4 in 2020; x from 2020 joins in 2021: 21.6 ÷ 0.72 = 30.
    const a = requiredIntake(inputs, { pipelineId: 1, fromYear: 2020, byYear: 2021, scope: 'cell' });
    expect(a.ok && a.exactIntake).toBeCloseTo(30, 9);
  });

  it('explains why it cannot answer', () => {
    const inputs = plan({ workforce: [cell(1, 1, { establishment: 150 })], pipelines: [pipeline(1, 1, 1, { name: 'BSc Nursing', durationYears: 1 })] });
    const ask = (over: Partial<{ fromYear: number; byYear: number }>, p = inputs) =>
      requiredIntake(p, { pipelineId: 1, fromYear: 2019, byYear: 2022, scope: 'cell', ...over });
    expect(ask({ fromYear: 2023, byYear: 2022 })).toEqual({
      ok: false,
      reason: 'The intake would start (2023/24) after the year the gap must close (2022/23).',
    });
    expect(ask({ byYear: 2030 })).toEqual({ ok: false, reason: 'The target year 2030/31 is outside the plan (2019/20 to 2028/29).' });
    expect(ask({ fromYear: 2017 })).toEqual({ ok: false, reason: 'The start year 2017/18 is outside the plan (2019/20 to 2028/29).' });
    const withPipeline = (over: object) => plan({ ...inputs, pipelines: [{ ...inputs.pipelines[0]!, ...over }] });
    expect(ask({}, withPipeline({ attrition: 1 }))).toEqual({
      ok: false,
      reason: 'Cannot close the gap with "BSc Nursing": every starter leaves the course (attrition is 100 %).',
    });
    expect(ask({}, withPipeline({ ftePerHead: 0 }))).toEqual({ ok: false, reason: 'Cannot close the gap with "BSc Nursing": its FTE per head is 0.' });
    expect(requiredIntake(inputs, { pipelineId: 99, fromYear: 2019, byYear: 2022, scope: 'cell' })).toMatchObject({ ok: false });
  });

  it('refuses when the source role has nobody to give', () => {
    const inputs = plan({
      workforce: [cell(1, 2, { fte: 0, headcount: 0 }), cell(1, 3, { establishment: 150 })],
      pipelines: [pipeline(1, 1, 3, { name: 'TNA', sourceRoleId: 2, traineesLeaveSourceRole: true, durationYears: 1 })],
    });
    expect(requiredIntake(inputs, { pipelineId: 1, fromYear: 2019, byYear: 2022, scope: 'cell' })).toEqual({
      ok: false,
      reason: 'Cannot close by 2022/23 with "TNA": it adds no staff to this gap by then (the role its trainees come from has nobody to spare).',
    });
  });
});

describe('targets', () => {
  const inputs = plan({ workforce: [cell(1, 1, { establishment: 120, leaverRate: 0.1, agencyShare: 0.5, agencyCostPerFte: 60000 })] });
  const p = projectScenario(inputs);
  const target = (over: Partial<Target>): Target => ({
    id: 7,
    name: 'T',
    metric: 'agency-cost',
    pipelineIds: [],
    orgId: null,
    roleId: null,
    year: 2019,
    value: 850000,
    comparison: 'at-most',
    ...over,
  });

  it('at-most: over by no more than the tolerance is amber', () => {
    // Agency £900,000 against at most £850,000: over by £50,000 ≤ 10 % of £850,000 → amber.
    expect(evaluateTargets(inputs, p, [target({})])[0]).toEqual({
      targetId: 7,
      projected: 900000,
      value: 850000,
      status: 'amber',
      explanation: 'Projected £900,000 against £850,000: over by £50,000',
    });
    // Against £800,000: over by £100,000 > £80,000 → red.
    expect(evaluateTargets(inputs, p, [target({ value: 800000 })])[0]!.status).toBe('red');
    // A wider tolerance (20 %) makes it amber.
    expect(evaluateTargets(inputs, p, [target({ value: 800000 })], 0.2)[0]!.status).toBe('amber');
  });

  it('is unknown before the base year, and an unknown value stays unknown even beyond the horizon', () => {
    expect(evaluateTargets(inputs, p, [target({ year: 2018 })])[0]).toMatchObject({
      status: 'unknown',
      projected: null,
      explanation: "2018/19 is before the plan's base year (2019/20 to 2028/29)",
    });
    expect(evaluateTargets(inputs, p, [target({ year: 2030, value: null })])[0]).toMatchObject({
      status: 'unknown',
      projected: null,
      value: null,
      explanation: 'Target value not set',
    });
  });

  it('counts only the pipelines named (none named counts none)', () => {
    const q = plan({ pipelines: [pipeline(1, 1, 1, { intakes: { 2019: 10 } }), pipeline(2, 1, 1, { intakes: { 2019: 5 } })] });
    const pq = projectScenario(q);
    const starts = (ids: number[]) =>
      evaluateTargets(q, pq, [target({ metric: 'starts-cumulative', pipelineIds: ids, value: 1, comparison: 'at-least' })])[0]!.projected;
    expect([starts([1]), starts([2]), starts([1, 2]), starts([])]).toEqual([10, 5, 15, 0]);
  });
});

describe('shortage roles', () => {
  it('ignores roles with no workforce and no demand; ranks by peak vacancy and reports its year', () => {
    // Role 1: 100 FTE, 10 % leave a year, demand 100 → vacancy rises every year; peak in 2028 (1 − 0.9^10 ≈ 65.1 %).
    // Role 2: 100 FTE, all 65+ (so the age roll cannot move a float), against 110 → 9.1 % every year; peak in the first year.
    // Role 3: a row with nothing in it.
    const inputs = plan({
      workforce: [
        cell(1, 1, { leaverRate: 0.1 }),
        cell(1, 2, { establishment: 110, ageProfile: bands([9, 1]) }),
        cell(1, 3, { fte: 0, headcount: 0, establishment: 0 }),
      ],
    });
    const r = shortageRoles(inputs, projectScenario(inputs), { vacancyRateAbove: 0.5, leaverRateAbove: null, aged55PlusAbove: null, mode: 'any' });
    expect(r.map((x) => [x.roleId, x.isShortage, x.peakVacancyYear])).toEqual([
      [1, true, 2028],
      [2, false, 2019],
    ]);
    expect(r[0]!.peakVacancyRate).toBeCloseTo(1 - Math.pow(0.9, 10), 12);
    expect(r[1]!.peakVacancyRate).toBeCloseTo(10 / 110, 12);
    // An unknown age profile counts as spread evenly: 3 of 10 bands are 55+.
    const even = plan({ workforce: [cell(1, 1, { ageProfile: bands() })] });
    expect(shortageRoles(even, projectScenario(even), { vacancyRateAbove: null, leaverRateAbove: null, aged55PlusAbove: 0.25, mode: 'all' })[0]).toMatchObject({
      aged55PlusShare: expect.closeTo(0.3, 12) as number,
      isShortage: true,
    });
  });
});

describe('comparison and totals', () => {
  it('counts a cell only one side has as zeros on the other, over every year either covers', () => {
    // Everyone is 65+, so the age roll moves nobody and the figures stay whole.
    const old = bands([9, 1]);
    const a = projectScenario(plan({ workforce: [cell(1, 1, { ageProfile: old })], horizonYear: 2020 }));
    const b = projectScenario(
      plan({ workforce: [cell(1, 1, { ageProfile: old }), cell(2, 1, { fte: 40, establishment: 50, ageProfile: old })], horizonYear: 2021 }),
    );
    const d = compareProjections(a, b);
    expect(d.years).toEqual([2019, 2020, 2021]);
    expect(d.cells.map((c) => [c.orgId, c.roleId, c.changed])).toEqual([
      [1, 1, true], // the same until 2021, which only b projects
      [2, 1, true],
    ]);
    expect(d.cells[0]!.closing).toEqual([0, 0, 100]);
    expect(d.cells[1]!.closing).toEqual([40, 40, 40]);
    expect(d.cells[1]!.gap).toEqual([10, 10, 10]);
    expect(compareProjections(a, a).cells.every((c) => !c.changed)).toBe(true);
  });

  it('sums flows, demand and costs over the system', () => {
    // Two cells: 100 FTE (all under 25) losing 10 % as leavers and 20 % as retirements, both
    // from the opening stock (10 + 20 = 30 out → 70); 50 FTE gaining 5 FTE of other joiners and
    // 4 from a no-length course (→ 59). Demand 100 + 80 = 180.
    const p = projectScenario(
      plan({
        workforce: [
          cell(1, 1, { leaverRate: 0.1, retirementByBand: bands([0, 0.2]), agencyShare: 1, agencyCostPerFte: 1000 }),
          cell(2, 1, { fte: 50, headcount: 50, establishment: 80 }),
        ],
        otherJoiners: [joiner(1, 2, 1, { 2019: 5 })],
        pipelines: [pipeline(1, 2, 1, { durationYears: 0, intakes: { 2019: 4 } })],
      }),
    );
    const t = systemTotals(p);
    expect([t.leavers[0], t.retirements[0], t.otherJoiners[0], t.qualified[0]]).toEqual([10, 20, 5, 4]);
    expect(t.closing[0]).toBe(129);
    expect(t.demand[0]).toBe(180);
    expect(t.gap[0]).toBe(51);
    // Agency: only the first cell pays, 30 FTE short × 100 % × £1,000.
    expect(t.agencyCost[0]).toBe(30000);
  });
});

describe('inputs and ranges', () => {
  it('projects the base year to the horizon inclusive, and nothing when the horizon comes first', () => {
    expect(projectionYears(2019, 2021)).toEqual([2019, 2020, 2021]);
    expect(projectionYears(2021, 2019)).toEqual([]);
    expect(projectScenario(plan({ horizonYear: 2021, workforce: [cell(1, 1)] })).cells[0]!.closing).toHaveLength(3);
  });

  it('counts a missing or non-finite number as 0 and clamps a rate to 0–1', () => {
    // NaN leaver rate → no leavers; NaN establishment → no demand; a 250 % leaver rate → everyone leaves, nobody below zero.
    const p = projectScenario(plan({ workforce: [cell(1, 1, { leaverRate: Number.NaN, establishment: Number.NaN }), cell(2, 1, { leaverRate: 2.5 })] }));
    expect(at(p.cells[0]!.leavers, 2019)).toBe(0);
    expect(at(p.cells[0]!.closing, 2019)).toBe(100);
    expect(at(p.cells[0]!.demand, 2019)).toBe(0);
    expect(at(p.cells[1]!.leavers, 2019)).toBe(100);
    expect(at(p.cells[1]!.closing, 2019)).toBe(0);
  });

  it("puts a pipeline's qualified joiners into its entrant age band", () => {
    // 10 starters in 2019 on a 1-year course, entering band 3 (35–39): 10 FTE in that band at the end of 2020, before the roll.
    const p = projectScenario(plan({ pipelines: [pipeline(1, 1, 1, { durationYears: 1, entrantAgeBand: 3, intakes: { 2019: 10 } })] }));
    const byBand = p.cells[0]!.closingByBand;
    const end2020 = Array.from(byBand.subarray(1 * 10, 2 * 10));
    expect(end2020).toEqual([0, 0, 0, 10, 0, 0, 0, 0, 0, 0]);
  });
});

describe('biggest shortfalls', () => {
  it('takes each cell at its first peak, largest first, ties in cell order, none under 0.05 FTE, at most the limit', () => {
    const cells = [{ gap: [0, 3, 5, 5] }, { gap: [0.04, 0.01, -2, 0] }, { gap: [5, 1, 0, 0] }, { gap: [1, 7, 2, 0] }];
    expect(biggestGaps(cells)).toEqual([
      { cellIndex: 3, yearIndex: 1, shortfall: 7 },
      { cellIndex: 0, yearIndex: 2, shortfall: 5 },
      { cellIndex: 2, yearIndex: 0, shortfall: 5 },
    ]);
    expect(biggestGaps(cells, 1)).toEqual([{ cellIndex: 3, yearIndex: 1, shortfall: 7 }]);
  });
});
