import { describe, expect, it } from 'vitest';
import { cell, joiner, pipeline, plan } from '../../../tests/support/model-builders';
import { bands } from '../../../tests/support/model-builders';
import { TYPICAL_RULES, typicalRanges, withTypicalRanges } from './typical-ranges';
import { uncertainGroups } from './uncertainty-inputs';

const inputs = plan({
  workforce: [
    cell(1, 1, { leaverRate: 0.1, retirementByBand: bands([8, 0.2]), agencyShare: 0.05 }),
    cell(2, 1, { leaverRate: 0, agencyShare: 0.95 }),
    cell(1, 2, { leaverRate: 0.2, leaverRateLow: 0.15, agencyShare: 0 }),
  ],
  pipelines: [pipeline(1, 1, 1, { attrition: 0.02, conversion: 0.98, intakes: { 2020: 10 } }), pipeline(2, 1, 2, { intakes: {} })],
  otherJoiners: [joiner(1, 1, 1, { 2020: 5 }), joiner(2, 2, 1, {})],
  growthDrivers: [
    { id: 1, name: 'Up', growth: 0.055, startYear: 2019, endYear: 2028, orgId: null, roleId: null, staffGroup: null },
    { id: 2, name: 'Down', growth: -0.1, startYear: 2019, endYear: 2028, orgId: null, roleId: null, staffGroup: null },
    { id: 3, name: 'Flat', growth: 0, startYear: 2019, endYear: 2028, orgId: null, roleId: null, staffGroup: null },
  ],
});

describe('typical ranges', () => {
  it('fill every empty range by its stated rule, skipping inputs that cannot matter and ranges already set', () => {
    const got = typicalRanges(inputs).map(({ source, ...r }) => ({ ...r, rule: source === TYPICAL_RULES[r.field] }));
    expect(got).toEqual([
      { entity: 'cell', orgId: 1, roleId: 1, field: 'leaverRate', low: 0.08, high: 0.12, rule: true },
      { entity: 'cell', orgId: 1, roleId: 1, field: 'retirement', low: 0.8, high: 1.25, rule: true },
      { entity: 'cell', orgId: 1, roleId: 1, field: 'agencyShare', low: 0, high: 0.15, rule: true },
      { entity: 'cell', orgId: 2, roleId: 1, field: 'agencyShare', low: 0.85, high: 1, rule: true },
      { entity: 'pipeline', id: 1, field: 'attrition', low: 0, high: 0.07, rule: true },
      { entity: 'pipeline', id: 1, field: 'conversion', low: 0.88, high: 1, rule: true },
      { entity: 'pipeline', id: 1, field: 'intakeFill', low: 0.85, high: 1.05, rule: true },
      { entity: 'joiner', id: 1, field: 'fte', low: 0.7, high: 1.1, rule: true },
      { entity: 'driver', id: 1, field: 'growth', low: 0.0275, high: 0.0825, rule: true },
      { entity: 'driver', id: 2, field: 'growth', low: -0.15, high: -0.05, rule: true },
    ]);
  });

  it('say they are illustrative and where they come from', () => {
    for (const rule of Object.values(TYPICAL_RULES)) {
      expect(rule).toMatch(/^Typical range \(illustrative\), filled by the app:/);
      expect(rule).toMatch(/not a published figure/);
    }
  });

  it('apply to a copy of the inputs for a simulation that must not write to the plan', () => {
    const filled = withTypicalRanges(inputs);
    expect(filled.workforce[0]).toMatchObject({ leaverRateLow: 0.08, leaverRateHigh: 0.12, retirementLow: 0.8, retirementHigh: 1.25 });
    expect(filled.workforce[2]).toMatchObject({ leaverRateLow: 0.15 });
    expect(filled.workforce[2]!.leaverRateHigh).toBeUndefined();
    expect(filled.pipelines[0]).toMatchObject({ attritionLow: 0, attritionHigh: 0.07, intakeFillLow: 0.85, intakeFillHigh: 1.05 });
    expect(inputs.workforce[0]!.leaverRateLow).toBeUndefined();
    expect(uncertainGroups(filled).length).toBeGreaterThan(uncertainGroups(inputs).length);
    expect(typicalRanges(filled)).toEqual([]);
  });
});
