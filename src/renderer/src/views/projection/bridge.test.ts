import { describe, expect, it } from 'vitest';
import type { CellResult, PipelineResult, PipelineRow } from '../../../../shared/api/dto';
import { bridgeSteps } from './bridge';
import { formatDelta, formatGap } from './numbers';

// Two years of a hand-worked cell: 100 → 100 − 10 − 5 + 8 + 2 = 95 → 95 − 9 − 4 − 1 + 12 + 3 = 96.
const cell: CellResult = {
  orgId: 1,
  roleId: 2,
  opening: [100, 95],
  leavers: [10, 9],
  retirements: [5, 4],
  progressionOut: [0, 1],
  qualified: [8, 12],
  otherJoiners: [2, 3],
  closing: [95, 96],
  closingHeadcount: [110, 111],
  demand: [100, 101],
  gap: [5, 5],
  vacancyRate: [0.05, 0.05],
  agencyCost: [0, 0],
};
const zero = [0, 0];
const pipelineResult = (pipelineId: number, joinedFte: number[]): PipelineResult => ({
  pipelineId,
  starts: zero,
  inTraining: zero,
  completers: zero,
  joinedFte,
  sourceOutFte: zero,
  trainingCost: zero,
});
const row = (id: number, name: string, orgId: number, roleId: number) => ({ id, name, orgId, roleId }) as PipelineRow;

describe('bridgeSteps', () => {
  it('adds up from opening to closing over a range of years, pipeline by pipeline', () => {
    const steps = bridgeSteps(
      cell,
      [pipelineResult(7, [5, 7]), pipelineResult(8, [3, 5]), pipelineResult(9, [4, 4])],
      [row(7, 'Degree', 1, 2), row(8, 'Apprenticeship', 1, 2), row(9, 'Elsewhere', 3, 2)],
      0,
      1,
    );
    expect(steps.map((s) => [s.label, s.value])).toEqual([
      ['Opening', 100],
      ['Qualified: Degree', 12],
      ['Qualified: Apprenticeship', 8],
      ['Other joiners', 5],
      ['Leavers', -19],
      ['Retirements', -9],
      ['Progression out', -1],
      ['Closing', 96],
    ]);
    const flows = steps.filter((s) => s.kind === 'flow').reduce((a, s) => a + s.value, 0);
    expect(100 + flows).toBe(96);
  });

  it('shows qualified FTE it cannot trace to a pipeline, so the bridge still adds up', () => {
    const steps = bridgeSteps(cell, [pipelineResult(7, [5, 7])], [row(7, 'Degree', 1, 2)], 1, 1);
    expect(steps.find((s) => s.label === 'Qualified (other pipelines)')?.value).toBe(5);
    expect(steps[0]?.value).toBe(95);
    expect(steps.at(-1)?.value).toBe(96);
  });
});

describe('formatGap and formatDelta', () => {
  it('writes a shortfall with a minus sign and a surplus with a plus', () => {
    expect(formatGap(12.34)).toBe('−12.3');
    expect(formatGap(-4)).toBe('+4.0');
    expect(formatGap(0.01)).toBe('0.0');
    expect(formatGap(12.6, 'headcount')).toBe('−13');
  });
  it('says "no change" only for an exact zero', () => {
    expect(formatDelta(0)).toBe('no change');
    expect(formatDelta(2.25)).toBe('+2.3');
    expect(formatDelta(-0.01)).toBe('−0.0');
  });
});
