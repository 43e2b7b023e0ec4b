/** System-wide totals per year, for the dashboard and the board workbook. */
import type { Projection } from './types';

/** Per-year sums over every cell (FTE unless stated), indexed by year − baseYear. */
export interface SystemTotals {
  closing: number[];
  demand: number[];
  gap: number[];
  /** £ */
  agencyCost: number[];
  qualified: number[];
  leavers: number[];
  retirements: number[];
  otherJoiners: number[];
  /** Σ over pipelines of learners in training × cost per learner-year, £. */
  trainingCost: number[];
}

/**
 * Per-year totals over every cell: closing, demand, gap, qualified, leavers, retirements and
 * other joiners in FTE, agency cost in £; and training cost over every pipeline, £.
 */
export function systemTotals(p: Projection): SystemTotals {
  const Y = p.years.length;
  const z = () => new Array<number>(Y).fill(0);
  const out: SystemTotals = { closing: z(), demand: z(), gap: z(), agencyCost: z(), qualified: z(), leavers: z(), retirements: z(), otherJoiners: z(), trainingCost: z() };
  for (const c of p.cells) {
    // Each series read once per cell, not once per year.
    const { closing, demand, gap, agencyCost, qualified, leavers, retirements, otherJoiners } = c;
    for (let t = 0; t < Y; t++) {
      out.closing[t]! += closing[t]!;
      out.demand[t]! += demand[t]!;
      out.gap[t]! += gap[t]!;
      out.agencyCost[t]! += agencyCost[t]!;
      out.qualified[t]! += qualified[t]!;
      out.leavers[t]! += leavers[t]!;
      out.retirements[t]! += retirements[t]!;
      out.otherJoiners[t]! += otherJoiners[t]!;
    }
  }
  for (const pl of p.pipelines) for (let t = 0; t < Y; t++) out.trainingCost[t]! += pl.trainingCost[t]!;
  return out;
}
