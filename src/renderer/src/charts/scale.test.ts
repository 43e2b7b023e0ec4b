import { describe, expect, it } from 'vitest';
import { niceTicks } from './scale';

describe('niceTicks', () => {
  it('covers the range with round steps', () => {
    expect(niceTicks(30_000, 36_131)).toEqual([30_000, 32_000, 34_000, 36_000, 38_000]);
    // 667.8 ÷ 4 = 167: the next round step is 200.
    expect(niceTicks(0, 667.8, 4)).toEqual([0, 200, 400, 600, 800]);
  });
  it('copes with a flat series and with negatives', () => {
    expect(niceTicks(0, 0)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-50, 50, 4)).toEqual([-50, -25, 0, 25, 50]);
  });
});
