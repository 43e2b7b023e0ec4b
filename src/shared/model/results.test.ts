import { describe, expect, it } from 'vitest';
import { compareProjections } from './compare';
import { projectScenario } from './projection';
import { applyConstantIntake, requiredIntake } from './required-intake';
import { shortageRoles } from './shortage';
import { systemTotals } from './summary';
import { evaluateTargets } from './targets';
import { bands, cell, pipeline, plan } from '../../../tests/support/model-builders';
import type { Target } from './types';

const target = (over: Partial<Target>): Target => ({
  id: 1,
  name: 'T',
  metric: 'trained-cumulative',
  pipelineIds: [1],
  orgId: null,
  roleId: null,
  year: 2027,
  value: 250,
  comparison: 'at-least',
  ...over,
});

describe('targets', () => {
  // 50 a year from 2019 to 2023 on a 4-year course with 24 % attrition: 5 × 38 = 190 trained by 2027.
  const rnda = plan({ pipelines: [pipeline(1, 1, 1, { durationYears: 4, attrition: 0.24, intakes: { 2019: 50, 2020: 50, 2021: 50, 2022: 50, 2023: 50 } })] });
  const p = projectScenario(rnda);

  it('trained-cumulative: red when short by more than the tolerance', () => {
    const [r] = evaluateTargets(rnda, p, [target({})]);
    expect(r).toMatchObject({ status: 'red', explanation: 'Projected 190.0 against 250.0: short by 60.0' });
    expect(r!.projected).toBeCloseTo(190, 9);
  });

  it('amber when short by no more than 10 % of the target; green when met', () => {
    expect(evaluateTargets(rnda, p, [target({ value: 205 })])[0]!.status).toBe('amber');
    // Short by 21 against 211 is within 10 % (21.1): amber; against 212 (22 > 21.2): red.
    expect(evaluateTargets(rnda, p, [target({ value: 211 })])[0]!.status).toBe('amber');
    expect(evaluateTargets(rnda, p, [target({ value: 212 })])[0]!.status).toBe('red');
    expect(evaluateTargets(rnda, p, [target({ value: 190 })])[0]).toMatchObject({ status: 'green', explanation: 'Projected 190.0 against 190.0: met' });
  });

  it('a target whose value is not known is unknown, never met or missed', () => {
    expect(evaluateTargets(rnda, p, [target({ value: null })])[0]).toMatchObject({
      status: 'unknown',
      value: null,
      explanation: 'Target value not set (projected 190.0)',
    });
  });

  it('a target beyond the horizon is unknown', () => {
    expect(evaluateTargets(rnda, p, [target({ year: 2031 })])[0]).toMatchObject({
      status: 'unknown',
      projected: null,
      explanation: "2031/32 is beyond the plan's horizon (2019/20 to 2028/29)",
    });
  });

  it('counts starts, FTE joined and learners in training', () => {
    const [starts, joined, learners] = evaluateTargets(rnda, p, [
      target({ metric: 'starts-cumulative', year: 2021, value: 150 }),
      target({ metric: 'joined-cumulative', year: 2024, value: 76 }),
      target({ metric: 'learners-in-training', year: 2022, value: 200 }),
    ]);
    expect(starts).toMatchObject({ projected: 150, status: 'green' });
    expect(joined!.projected).toBeCloseTo(76, 9); // 38 in 2023 and 38 in 2024
    expect(learners).toMatchObject({ projected: 200, status: 'green' }); // four cohorts in training in 2022
  });

  it('supply, supply change, vacancy rate and agency cost over the filtered cells', () => {
    const inputs = plan({ workforce: [cell(1, 1, { establishment: 120, leaverRate: 0.1, agencyShare: 0.5, agencyCostPerFte: 60000 }), cell(2, 1)] });
    const q = projectScenario(inputs);
    const [supply, change, vacancy, agency] = evaluateTargets(inputs, q, [
      target({ metric: 'supply-fte', year: 2019, orgId: 1, value: 90 }),
      target({ metric: 'supply-change-fte', year: 2019, value: 0 }),
      target({ metric: 'vacancy-rate', year: 2019, orgId: 1, value: 0.2, comparison: 'at-most' }),
      target({ metric: 'agency-cost', year: 2019, value: 1_000_000, comparison: 'at-most' }),
    ]);
    expect(supply).toMatchObject({ projected: 90, status: 'green' });
    expect(change).toMatchObject({ projected: -10, status: 'red', explanation: 'Projected -10.0 against 0.0: short by 10.0' });
    expect(vacancy).toMatchObject({ projected: 0.25, status: 'red', explanation: 'Projected 25.0% against 20.0%: over by 5.0%' });
    expect(agency).toMatchObject({ projected: 900000, status: 'green' });
  });
});

describe('required intake', () => {
  // Demand 136 FTE in 2022 and an empty role: 36 FTE are needed by 2022. A 3-year course with
  // 20 % attrition and 90 % conversion yields 0.72 FTE a starter, so 36 ÷ 0.72 = 50 starters
  // from 2019 close it.
  const inputs = plan({
    workforce: [cell(1, 1, { fte: 100, establishment: 136 })],
    pipelines: [pipeline(1, 1, 1, { attrition: 0.2, conversion: 0.9 })],
  });

  it('solves for the smallest constant intake, exactly', () => {
    const a = requiredIntake(inputs, { pipelineId: 1, fromYear: 2019, byYear: 2022, scope: 'cell' });
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.exactIntake).toBeCloseTo(50, 9);
    expect(a.wholeIntake).toBe(50);
    expect(a.gapBefore).toBeCloseTo(36, 9);
    expect(Math.abs(a.gapAfter)).toBeLessThan(1e-9);
  });

  it('refuses when the course is longer than the time left', () => {
    expect(requiredIntake(inputs, { pipelineId: 1, fromYear: 2020, byYear: 2022, scope: 'cell' })).toEqual({
      ok: false,
      reason: 'Cannot close by 2022/23: the course (3 years) is longer than the time left.',
    });
  });

  it('answers 0 when the gap is already closed, and refuses a pipeline that adds nobody', () => {
    expect(requiredIntake(inputs, { pipelineId: 1, fromYear: 2019, byYear: 2019, scope: 'cell' })).toEqual({
      ok: false,
      reason: 'Cannot close by 2019/20: the course (3 years) is longer than the time left.',
    });
    const closed = plan({ workforce: [cell(1, 1, { establishment: 90 })], pipelines: [pipeline(1, 1, 1)] });
    expect(requiredIntake(closed, { pipelineId: 1, fromYear: 2019, byYear: 2025, scope: 'cell' })).toMatchObject({ ok: true, exactIntake: 0, wholeIntake: 0 });
    const useless = plan({ workforce: [cell(1, 1, { establishment: 200 })], pipelines: [pipeline(1, 1, 1, { conversion: 0 })] });
    expect(requiredIntake(useless, { pipelineId: 1, fromYear: 2019, byYear: 2025, scope: 'cell' })).toMatchObject({ ok: false });
  });

  it('closes a role-wide gap across organisations', () => {
    // Org 2 is 18 FTE short too: 54 FTE ÷ 0.72 = 75 starters into org 1.
    const wide = plan({ ...inputs, workforce: [...inputs.workforce, cell(2, 1, { fte: 100, establishment: 118 })] });
    const a = requiredIntake(wide, { pipelineId: 1, fromYear: 2019, byYear: 2022, scope: 'role' });
    expect(a.ok && a.exactIntake).toBeCloseTo(75, 9);
  });

  it('when the source role runs short, the answer still closes the gap and a little less does not', () => {
    const capped = plan({
      // 30 HCAs; another pipeline wants 20 of them a year. Sharing 30 pro rata, x starters into
      // the NA course get 30x ÷ (20 + x); 20 NA posts need 30x ÷ (20 + x) = 20, so x = 40.
      // Nobody is left for later cohorts, so the gap is not linear in x.
      workforce: [cell(1, 2, { fte: 30, headcount: 30 }), cell(1, 3, { fte: 0, headcount: 0, establishment: 20 })],
      pipelines: [
        pipeline(1, 1, 3, { sourceRoleId: 2, traineesLeaveSourceRole: true, durationYears: 1 }),
        pipeline(2, 1, 1, { sourceRoleId: 2, traineesLeaveSourceRole: true, durationYears: 1, intakes: { 2019: 20, 2020: 20, 2021: 20 } }),
      ],
    });
    const a = requiredIntake(capped, { pipelineId: 1, fromYear: 2019, byYear: 2021, scope: 'cell' });
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    const gapAt = (x: number) => {
      const p = projectScenario({
        ...capped,
        pipelines: capped.pipelines.map((q) => (q.id === 1 ? { ...q, intakes: applyConstantIntake(q, 2019, 2028, x) } : q)),
      });
      return p.cells.find((c) => c.roleId === 3)!.gap[2]!;
    };
    expect(a.exactIntake).toBeCloseTo(40, 6);
    expect(gapAt(a.exactIntake)).toBeLessThanOrEqual(1e-9 * 40);
    expect(gapAt(a.exactIntake - 0.01)).toBeGreaterThan(0);
  });
});

describe('shortage roles', () => {
  const inputs = plan({
    workforce: [
      // Nurses: 20 % short, 12 % leaving, 30 % aged 55+.
      cell(1, 1, { establishment: 125, leaverRate: 0, ageProfile: bands([2, 0.7], [7, 0.3]) }),
      cell(2, 1, { fte: 100, establishment: 125, leaverRate: 0.24, ageProfile: bands([2, 0.7], [7, 0.3]) }),
      // Support: fully staffed, young, nobody leaving.
      cell(1, 2, { establishment: 100 }),
    ],
  });
  const p = projectScenario(inputs);

  it('flags a role meeting any criterion, reporting the measures', () => {
    const r = shortageRoles(inputs, p, { vacancyRateAbove: 0.15, leaverRateAbove: null, aged55PlusAbove: null, mode: 'any' });
    expect(r.map((x) => [x.roleId, x.isShortage])).toEqual([
      [1, true],
      [2, false],
    ]);
    // (100 × 0 + 100 × 0.24) ÷ 200 = 12 %.
    expect(r[0]!.leaverRate).toBeCloseTo(0.12, 12);
    expect(r[0]!.aged55PlusShare).toBeCloseTo(0.3, 12);
    expect(r[0]!.met).toEqual({ vacancyRate: true, leaverRate: false, aged55Plus: false });
  });

  it('with "all", needs every set criterion', () => {
    const all = (aged: number) => shortageRoles(inputs, p, { vacancyRateAbove: 0.15, leaverRateAbove: 0.1, aged55PlusAbove: aged, mode: 'all' })[0]!;
    expect(all(0.25).isShortage).toBe(true);
    expect(all(0.35).isShortage).toBe(false);
  });

  it('flags nothing when no criterion is set', () => {
    expect(shortageRoles(inputs, p, { vacancyRateAbove: null, leaverRateAbove: null, aged55PlusAbove: null, mode: 'any' }).some((x) => x.isShortage)).toBe(
      false,
    );
  });
});

describe('scenario comparison and totals', () => {
  it('reports b − a per cell and year, and which cells changed', () => {
    const a = projectScenario(plan({ workforce: [cell(1, 1), cell(2, 1)] }));
    const b = projectScenario(plan({ workforce: [cell(1, 1), cell(2, 1)], pipelines: [pipeline(1, 2, 1, { durationYears: 0, intakes: { 2020: 10 } })] }));
    const d = compareProjections(a, b);
    expect(d.cells.map((c) => c.changed)).toEqual([false, true]);
    expect(d.cells[1]!.closing.slice(0, 3)).toEqual([0, 10, 10]);
    expect(d.cells[1]!.gap.slice(0, 3)).toEqual([0, -10, -10]);
  });

  it('sums every cell and pipeline per year', () => {
    const p = projectScenario(
      plan({ workforce: [cell(1, 1, { leaverRate: 0.1 }), cell(2, 1)], pipelines: [pipeline(1, 1, 1, { costPerLearnerYear: 1000, intakes: { 2019: 5 } })] }),
    );
    const t = systemTotals(p);
    expect(t.closing[0]).toBe(190);
    expect(t.leavers[0]).toBe(10);
    expect(t.trainingCost[0]).toBe(5000);
    expect(t.gap[0]).toBe(10);
  });
});
