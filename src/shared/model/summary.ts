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
  const out: SystemTotals = {
    closing: z(),
    demand: z(),
    gap: z(),
    agencyCost: z(),
    qualified: z(),
    leavers: z(),
    retirements: z(),
    otherJoiners: z(),
    trainingCost: z(),
  };
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

/** A shortfall under this (FTE) is shown as 0.0 and is not counted as a shortfall. */
export const SHORTFALL_SHOWN_FROM = 0.05;

/** One organisation × role at its largest shortfall over the projected years. */
export interface BiggestGap {
  /** Index into the projection's cells. */
  cellIndex: number;
  /** Index of the worst year (year − baseYear): the first year the shortfall peaks. */
  yearIndex: number;
  /** Demand − supply in that year, FTE (positive). */
  shortfall: number;
}

/**
 * The organisation × role cells with the largest peak shortfall (gap = demand − supply, FTE),
 * largest first, cells with equal peaks in projection order; at most `limit` of them, and only
 * those whose peak is at least SHORTFALL_SHOWN_FROM.
 */
export function biggestGaps(cells: readonly { gap: ArrayLike<number> }[], limit = 10): BiggestGap[] {
  const out: BiggestGap[] = [];
  cells.forEach((c, cellIndex) => {
    let yearIndex = 0;
    for (let t = 1; t < c.gap.length; t++) if (c.gap[t]! > c.gap[yearIndex]!) yearIndex = t;
    const shortfall = c.gap[yearIndex] ?? 0;
    if (shortfall >= SHORTFALL_SHOWN_FROM) out.push({ cellIndex, yearIndex, shortfall });
  });
  return out.sort((a, b) => b.shortfall - a.shortfall || a.cellIndex - b.cellIndex).slice(0, limit);
}
