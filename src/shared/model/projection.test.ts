import { describe, expect, it } from 'vitest';
import { projectScenario, Projector } from './projection';
import { bands, cell, joiner, pipeline, plan } from '../../../tests/support/model-builders';

const at = (a: Float64Array, year: number) => a[year - 2019]!;

describe('pipelines', () => {
  it('50 starts, 3-year course, 20 % attrition, 90 % conversion → 36 FTE joining in year 4 only', () => {
    // 50 × (1 − 0.2) × 0.9 × 1.0 FTE = 36, joining in 2019 + 3 = 2022.
    const p = projectScenario(
      plan({ workforce: [cell(1, 1, { fte: 0, headcount: 0 })], pipelines: [pipeline(1, 1, 1, { attrition: 0.2, conversion: 0.9, intakes: { 2019: 50 } })] }),
    );
    const c = p.cells[0]!;
    expect([2019, 2020, 2021, 2022, 2023].map((y) => at(c.qualified, y))).toEqual([0, 0, 0, 36, 0]);
    expect(at(p.pipelines[0]!.completers, 2022)).toBe(40);
    expect(at(c.closing, 2022)).toBe(36);
  });

  it('splits a 2.5-year course half and half across years 3 and 4', () => {
    // d = 2.5: ⌊d⌋ = 2, f = 0.5 → 36 × 0.5 = 18 in 2021 and 18 in 2022.
    const p = projectScenario(plan({ pipelines: [pipeline(1, 1, 1, { durationYears: 2.5, attrition: 0.2, conversion: 0.9, intakes: { 2019: 50 } })] }));
    const q = p.cells[0]!.qualified;
    expect([at(q, 2020), at(q, 2021), at(q, 2022), at(q, 2023)]).toEqual([0, 18, 18, 0]);
  });

  it('splits a 2.25-year course three quarters and a quarter', () => {
    // 40 completers × 0.75 = 30 in 2021, × 0.25 = 10 in 2022.
    const p = projectScenario(plan({ pipelines: [pipeline(1, 1, 1, { durationYears: 2.25, attrition: 0.2, intakes: { 2019: 50 } })] }));
    const q = p.cells[0]!.qualified;
    expect(at(q, 2021)).toBeCloseTo(30, 12);
    expect(at(q, 2022)).toBeCloseTo(10, 12);
  });

  it('counts cohorts that started before the base year', () => {
    // A 2017 cohort of 10 on a 3-year course joins in 2020.
    const p = projectScenario(plan({ pipelines: [pipeline(1, 1, 1, { intakes: { 2017: 10 } })] }));
    expect(at(p.cells[0]!.qualified, 2020)).toBe(10);
    expect(at(p.pipelines[0]!.starts, 2019)).toBe(0);
    expect(at(p.pipelines[0]!.inTraining, 2019)).toBe(10);
  });

  it('counts learner-years in training and their cost', () => {
    // 50 starters on a 2.5-year course: in training 50, 50, then half a year (25); £6,000 a learner-year.
    const p = projectScenario(plan({ pipelines: [pipeline(1, 1, 1, { durationYears: 2.5, costPerLearnerYear: 6000, intakes: { 2019: 50 } })] }));
    const pl = p.pipelines[0]!;
    expect([2019, 2020, 2021, 2022].map((y) => at(pl.inTraining, y))).toEqual([50, 50, 25, 0]);
    expect(at(pl.trainingCost, 2021)).toBe(150000);
  });

  it('applies FTE per head to joiners', () => {
    // 10 completers × 0.8 FTE = 8 FTE.
    const p = projectScenario(plan({ pipelines: [pipeline(1, 1, 1, { durationYears: 0, ftePerHead: 0.8, intakes: { 2020: 10 } })] }));
    expect(at(p.cells[0]!.qualified, 2020)).toBeCloseTo(8, 12);
  });
});

describe('leavers, retirement and age', () => {
  it('10 % leavers of 100 FTE is 10 FTE', () => {
    const p = projectScenario(plan({ workforce: [cell(1, 1, { leaverRate: 0.1 })] }));
    const c = p.cells[0]!;
    expect(at(c.leavers, 2019)).toBe(10);
    expect(at(c.closing, 2019)).toBe(90);
    expect(at(c.leavers, 2020)).toBeCloseTo(9, 12);
    expect(at(c.opening, 2020)).toBe(at(c.closing, 2019));
  });

  it('retires each band at its own probability', () => {
    // 50 FTE aged 55–59 at 10 % and 50 FTE aged 60–64 at 30 % → 5 + 15 = 20 retire.
    const p = projectScenario(plan({ workforce: [cell(1, 1, { ageProfile: bands([7, 0.5], [8, 0.5]), retirementByBand: bands([7, 0.1], [8, 0.3]) })] }));
    expect(at(p.cells[0]!.retirements, 2019)).toBe(20);
  });

  it('never lets leavers and retirements exceed a band’s stock', () => {
    // Leaver rate 0.6 and retirement 0.7 on 100 FTE: 60 leave, only 40 can retire.
    const p = projectScenario(plan({ workforce: [cell(1, 1, { leaverRate: 0.6, ageProfile: bands([9, 1]), retirementByBand: bands([9, 0.7]) })] }));
    const c = p.cells[0]!;
    expect(at(c.leavers, 2019)).toBe(60);
    expect(at(c.retirements, 2019)).toBe(40);
    expect(at(c.closing, 2019)).toBe(0);
  });

  it('moves a fifth of every band up each year; the last band accumulates', () => {
    // 100 FTE all under 25 → after one roll 80 under 25 and 20 aged 25–29.
    const p = projectScenario(plan({ workforce: [cell(1, 1)] }));
    const byBand = p.cells[0]!.closingByBand;
    expect(Array.from(byBand.subarray(10, 12))).toEqual([80, 20]);
    // 2021: 64 / 32 / 4.
    expect(Array.from(byBand.subarray(20, 23))).toEqual([64, 32, 4]);
    // 100 FTE in the last two bands: 80 + 20 move to 65+ → [0…, 80, 120].
    const q = projectScenario(plan({ workforce: [cell(1, 1, { ageProfile: bands([8, 0.5], [9, 0.5]) })] }));
    expect(Array.from(q.cells[0]!.closingByBand.subarray(18, 20))).toEqual([40, 60]);
  });

  it('spreads an unknown age profile evenly and normalises one that does not add up', () => {
    const even = projectScenario(plan({ workforce: [cell(1, 1, { ageProfile: bands() })] }));
    expect(Array.from(even.cells[0]!.closingByBand.subarray(0, 10))).toEqual(new Array(10).fill(10));
    const doubled = projectScenario(plan({ workforce: [cell(1, 1, { ageProfile: bands([0, 2], [1, 2]) })] }));
    expect(Array.from(doubled.cells[0]!.closingByBand.subarray(0, 2))).toEqual([50, 50]);
  });

  it('adds other joiners into their age band', () => {
    const p = projectScenario(plan({ workforce: [cell(1, 1, { fte: 0, headcount: 0 })], otherJoiners: [joiner(1, 1, 1, { 2020: 12.5 }, 3)] }));
    const c = p.cells[0]!;
    expect(at(c.otherJoiners, 2020)).toBe(12.5);
    expect(c.closingByBand[10 + 3]).toBe(12.5);
  });

  it('reports headcount through the baseline’s FTE per head', () => {
    // 90 FTE in 100 people: 0.9 FTE per head → 90 FTE is 100 heads.
    const p = projectScenario(plan({ workforce: [cell(1, 1, { fte: 90, headcount: 100 })] }));
    expect(at(p.cells[0]!.closingHeadcount, 2019)).toBeCloseTo(100, 12);
  });
});

describe('demand, gap and agency', () => {
  it('grows demand with a driver: +5.5 % from 2019 to 2028, compounding evenly', () => {
    const p = projectScenario(
      plan({
        workforce: [cell(1, 1)],
        growthDrivers: [{ id: 1, name: 'Population', growth: 0.055, startYear: 2019, endYear: 2028, orgId: null, roleId: null, staffGroup: null }],
      }),
    );
    const d = p.cells[0]!.demand;
    expect(at(d, 2019)).toBe(100);
    expect(at(d, 2023)).toBeCloseTo(100 * Math.pow(1.055, 4 / 9), 12);
    expect(at(d, 2028)).toBeCloseTo(105.5, 12);
  });

  it('applies a driver only to matching cells (organisation, role, staff group)', () => {
    const p = projectScenario(
      plan({
        workforce: [cell(1, 1), cell(1, 2), cell(2, 1)],
        growthDrivers: [{ id: 1, name: 'Support staff', growth: 0.1, startYear: 2019, endYear: 2020, orgId: 1, roleId: null, staffGroup: 'Support' }],
      }),
    );
    const d = p.cells.map((c) => at(c.demand, 2020));
    expect(d[0]).toBe(100);
    expect(d[1]).toBeCloseTo(110, 12);
    expect(d[2]).toBe(100);
  });

  it('steps demand from the year of an explicit change and keeps it', () => {
    // +65 ambulance staff from 2020/21.
    const p = projectScenario(plan({ workforce: [cell(1, 1)], demandChanges: [{ id: 1, orgId: 1, roleId: 1, year: 2020, deltaFte: 65 }] }));
    const d = p.cells[0]!.demand;
    expect([at(d, 2019), at(d, 2020), at(d, 2028)]).toEqual([100, 165, 165]);
  });

  it('gap = demand − supply; vacancy = gap ÷ demand; agency = shortfall × share × cost', () => {
    // 100 FTE, 10 % leave → 90 closing against 120 demand: gap 30, vacancy 25 %, agency 30 × 0.5 × £60,000 = £900,000.
    const p = projectScenario(plan({ workforce: [cell(1, 1, { establishment: 120, leaverRate: 0.1, agencyShare: 0.5, agencyCostPerFte: 60000 })] }));
    const c = p.cells[0]!;
    expect(at(c.gap, 2019)).toBe(30);
    expect(at(c.vacancyRate, 2019)).toBe(0.25);
    expect(at(c.agencyCost, 2019)).toBe(900000);
  });

  it('costs no agency for a surplus', () => {
    const p = projectScenario(plan({ workforce: [cell(1, 1, { establishment: 80, agencyShare: 1, agencyCostPerFte: 50000 })] }));
    expect(at(p.cells[0]!.gap, 2019)).toBe(-20);
    expect(at(p.cells[0]!.agencyCost, 2019)).toBe(0);
  });

  it('adds a cell for anything targeted outside the baseline, so nothing is dropped', () => {
    const p = projectScenario(plan({ workforce: [cell(1, 1)], demandChanges: [{ id: 1, orgId: 2, roleId: 3, year: 2019, deltaFte: 5 }] }));
    expect(p.cells.map((c) => [c.orgId, c.roleId])).toEqual([
      [1, 1],
      [2, 3],
    ]);
    expect(at(p.cells[1]!.gap, 2019)).toBe(5);
  });
});

describe('progression (internal transitions)', () => {
  const hcaToNa = (leave: boolean, over = {}) =>
    plan({
      workforce: [cell(1, 2, { fte: 100 }), cell(1, 3, { fte: 0, headcount: 0 })],
      pipelines: [
        pipeline(1, 1, 3, { type: 'progression', sourceRoleId: 2, traineesLeaveSourceRole: leave, durationYears: 2, intakes: { 2019: 20 }, ...over }),
      ],
    });

  it('trainees who leave their role at the start: the source falls now, the target rises at completion', () => {
    // 20 HCAs start in 2019 (HCA 100 → 80); 20 × (1 − 0.25) × 1 = 15 NAs in 2021.
    const p = projectScenario(hcaToNa(true, { attrition: 0.25 }));
    const [hca, na] = p.cells;
    expect(at(hca!.progressionOut, 2019)).toBe(20);
    expect(at(hca!.closing, 2019)).toBe(80);
    expect(at(na!.qualified, 2021)).toBe(15);
  });

  it('moves people without creating or losing anyone (no attrition, full conversion)', () => {
    const p = projectScenario(hcaToNa(true));
    const total = (y: number) => p.cells.reduce((s, c) => s + at(c.closing, y), 0);
    // While in training the 20 FTE are on the course: 80 in post, 20 learners.
    expect(total(2019)).toBe(80);
    expect(at(p.pipelines[0]!.inTraining, 2019) * 1).toBe(20);
    expect(total(2021)).toBeCloseTo(100, 12);
  });

  it('trainees who stay in their role leave it only when they qualify', () => {
    // Apprentices keep working: HCA stays 100 until 2021, when 20 × 0.75 = 15 qualify and move.
    const p = projectScenario(hcaToNa(false, { attrition: 0.25, conversion: 0.8 }));
    const [hca, na] = p.cells;
    expect(at(hca!.closing, 2020)).toBe(100);
    expect(at(hca!.progressionOut, 2021)).toBe(15);
    expect(at(na!.qualified, 2021)).toBe(12);
  });

  it('cannot move more people than the source role has; pipelines sharing it are scaled pro rata', () => {
    // 10 HCAs but 30 + 10 trainees wanted: each pipeline gets a quarter (7.5 and 2.5).
    const p = projectScenario(
      plan({
        workforce: [cell(1, 2, { fte: 10, headcount: 10 })],
        pipelines: [
          pipeline(1, 1, 3, { sourceRoleId: 2, traineesLeaveSourceRole: true, durationYears: 1, intakes: { 2019: 30 } }),
          pipeline(2, 1, 1, { sourceRoleId: 2, traineesLeaveSourceRole: true, durationYears: 1, intakes: { 2019: 10 } }),
        ],
      }),
    );
    expect(Array.from(p.pipelines.map((x) => at(x.starts, 2019)))).toEqual([7.5, 2.5]);
    expect(at(p.cells[0]!.closing, 2019)).toBe(0);
    const na = p.cells.find((c) => c.roleId === 3)!;
    expect(at(na.qualified, 2020)).toBe(7.5);
  });
});

describe('determinism', () => {
  it('gives bit-identical results for the same inputs', () => {
    const inputs = plan({
      workforce: [cell(1, 1, { leaverRate: 0.083, retirementByBand: bands([9, 0.3]), ageProfile: bands([0, 0.3], [9, 0.7]) })],
      pipelines: [pipeline(1, 1, 1, { durationYears: 2.7, attrition: 0.13, conversion: 0.77, intakes: { 2019: 33, 2020: 41 } })],
      growthDrivers: [{ id: 1, name: 'g', growth: 0.031, startYear: 2020, endYear: 2027, orgId: null, roleId: null, staffGroup: null }],
    });
    const a = projectScenario(inputs);
    const b = projectScenario(structuredClone(inputs));
    expect(b).toEqual(a);
    expect(Array.from(b.cells[0]!.closing)).toEqual(Array.from(a.cells[0]!.closing));
  });
});

describe('Projector (one scenario projected again and again as its numbers change)', () => {
  it('gives exactly the numbers projectScenario gives for the inputs as they are at each call', () => {
    const inputs = plan({
      workforce: [
        cell(1, 1, { leaverRate: 0.08, retirementByBand: bands([9, 0.3]) }),
        cell(1, 2, { fte: 60, headcount: 70, agencyShare: 0.4, agencyCostPerFte: 50_000 }),
      ],
      pipelines: [
        pipeline(1, 1, 1, { durationYears: 2.5, attrition: 0.1, intakes: { 2018: 12, 2019: 20, 2021: 25 } }),
        pipeline(2, 1, 3, { sourceRoleId: 2, traineesLeaveSourceRole: true, durationYears: 1, intakes: { 2019: 30, 2020: 30 } }),
        pipeline(3, 1, 4, { sourceRoleId: 2, traineesLeaveSourceRole: false, durationYears: 2, intakes: { 2019: 15 } }),
      ],
      // Cell 2 × 5 has no baseline row: its stock starts at zero on every projection.
      otherJoiners: [joiner(1, 2, 5, { 2019: 4, 2022: 6 }, 2), joiner(2, 1, 1, { 2020: 3 })],
      growthDrivers: [{ id: 1, name: 'g', growth: 0.04, startYear: 2019, endYear: 2025, orgId: null, roleId: null, staffGroup: null }],
      demandChanges: [{ id: 1, orgId: 1, roleId: 2, year: 2021, deltaFte: 5 }],
    });
    const work = structuredClone(inputs);
    const projector = new Projector(work);
    expect(projector.project()).toEqual(projectScenario(inputs));
    const edits: ((w: typeof work) => void)[] = [
      (w) => {
        w.workforce[0]!.leaverRate = 0.15;
        w.workforce[1]!.agencyShare = 0.1;
        w.workforce[0]!.retirementByBand[9] = 0.5;
        w.pipelines[0]!.attrition = 0.3;
        w.pipelines[1]!.conversion = 0.6;
        w.pipelines[0]!.intakes[2019] = 40;
        w.otherJoiners[0]!.fteByYear[2022] = 1;
        w.growthDrivers[0]!.growth = -0.02;
      },
      // A longer course widens the window of starters: fresh memory, same numbers.
      (w) => {
        w.pipelines[2]!.durationYears = 4;
      },
      (w) => {
        w.pipelines[1]!.intakes[2019] = 90;
      },
    ];
    for (const edit of edits) {
      edit(work);
      const again = projector.project();
      expect(again).toEqual(projectScenario(structuredClone(work)));
    }
  });
});
