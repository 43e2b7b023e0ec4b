import { describe, expect, it } from 'vitest';
import { cell, joiner, plan } from '../../../tests/support/model-builders';
import { rankForGap, rankForTarget, sensitivity } from './sensitivity';
import type { Target } from './types';

/**
 * Hand-worked: one organisation and role with no staff and no leavers, establishment 150.
 * Other joiners: 100 FTE in 2019/20, × 0.5 to × 2. Demand growth: +10 % in 2019/20, range +5 % to
 * +20 %. Central: supply 100, demand 165, gap 65.
 *   joiners low  → supply 50:  gap 115;  high → supply 200: gap −35   (swing 150)
 *   growth low   → demand 157.5: gap 57.5; high → demand 180: gap 80  (swing 22.5)
 */
const inputs = plan({
  horizonYear: 2019,
  workforce: [cell(1, 1, { fte: 0, headcount: 0, establishment: 150 })],
  otherJoiners: [{ ...joiner(1, 1, 1, { 2019: 100 }), fteLow: 0.5, fteHigh: 2 }],
  growthDrivers: [
    { id: 7, name: 'Population', growth: 0.1, growthLow: 0.05, growthHigh: 0.2, startYear: 2019, endYear: 2019, orgId: null, roleId: null, staffGroup: null },
  ],
});
const target: Target = {
  id: 3,
  name: 'Supply',
  metric: 'supply-fte',
  pipelineIds: [],
  orgId: null,
  roleId: null,
  year: 2019,
  value: 120,
  comparison: 'at-least',
};

describe('the tornado', () => {
  it('moves each input to its low and its high with the others central: hand-worked gaps', () => {
    const s = sensitivity(inputs, [target])!;
    expect(Array.from(s.baseGap)).toEqual([65]);
    expect(s.baseTargets).toEqual([100]);
    const [joiners, growth] = s.bars;
    expect(joiners!.label).toBe('Other joiners: labour market (every organisation and role)');
    expect(Array.from(joiners!.gapAtLow)).toEqual([115]);
    expect(Array.from(joiners!.gapAtHigh)).toEqual([-35]);
    expect(joiners!.targetAtLow).toEqual([50]);
    expect(joiners!.targetAtHigh).toEqual([200]);
    expect(growth!.gapAtLow[0]).toBeCloseTo(57.5, 10);
    expect(growth!.gapAtHigh[0]).toBeCloseTo(80, 10);
    expect(growth!.targetAtLow).toEqual([100]);
  });

  it('ranks the inputs that move the system gap most first, and for a target only those that move it', () => {
    const s = sensitivity(inputs, [target])!;
    expect(rankForGap(s, 0).map((b) => [b.label, b.swing])).toEqual([
      ['Other joiners: labour market (every organisation and role)', 150],
      ['Demand growth: Population', expect.closeTo(22.5, 10) as number],
    ]);
    expect(rankForGap(s, 0, 1)).toHaveLength(1);
    expect(rankForTarget(s, 3).map((b) => [b.label, b.atLow, b.atHigh])).toEqual([['Other joiners: labour market (every organisation and role)', 50, 200]]);
    expect(rankForTarget(s, 99)).toEqual([]);
  });

  it('leaves out inputs whose range has no width, and stops when told to', () => {
    const flat = { ...inputs, growthDrivers: inputs.growthDrivers.map((d) => ({ ...d, growthLow: 0.1, growthHigh: 0.1 })) };
    expect(sensitivity(flat, [])!.bars.map((b) => b.kind)).toEqual(['other-joiners']);
    expect(sensitivity(inputs, [], { isCancelled: () => true })).toBeNull();
  });
});
