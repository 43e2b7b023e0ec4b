/** Side-by-side comparison of two scenarios' projections. */
import type { CellProjection, Projection } from './types';

export interface CellDifference {
  orgId: number;
  roleId: number;
  /** b − a per year, FTE. */
  closing: number[];
  /** b − a per year, FTE. */
  demand: number[];
  /** b − a per year, FTE (positive: b is further short). */
  gap: number[];
  /** b − a per year, £. */
  agencyCost: number[];
  /** Some difference is larger than 1e-9 in absolute value. */
  changed: boolean;
}

export interface ProjectionComparison {
  /** The years compared: every year either projection covers. */
  years: number[];
  /** Cells of a in their order, then those only b has, in b's order. */
  cells: CellDifference[];
}

type Field = 'closing' | 'demand' | 'gap' | 'agencyCost';

/**
 * Differences b − a of closing FTE, demand FTE, gap FTE and agency cost (£) for every
 * organisation × role in either projection, year by year; a cell or year one side lacks counts
 * as zeros there. `changed` marks cells with any |difference| above 1e-9.
 */
export function compareProjections(a: Projection, b: Projection): ProjectionComparison {
  const first = Math.min(a.baseYear, b.baseYear);
  const last = Math.max(a.horizonYear, b.horizonYear);
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  const key = (c: { orgId: number; roleId: number }) => `${c.orgId}:${c.roleId}`;
  const inA = new Map(a.cells.map((c) => [key(c), c]));
  const inB = new Map(b.cells.map((c) => [key(c), c]));
  const order: { orgId: number; roleId: number }[] = [...a.cells];
  for (const c of b.cells) if (!inA.has(key(c))) order.push(c);
  const at = (p: Projection, c: CellProjection | undefined, field: Field, year: number): number => {
    const t = year - p.baseYear;
    return c && t >= 0 && t < p.years.length ? c[field][t]! : 0;
  };
  const cells = order.map(({ orgId, roleId }): CellDifference => {
    const ca = inA.get(key({ orgId, roleId }));
    const cb = inB.get(key({ orgId, roleId }));
    let changed = false;
    const diff = (field: Field): number[] =>
      years.map((y) => {
        const d = at(b, cb, field, y) - at(a, ca, field, y);
        if (Math.abs(d) > 1e-9) changed = true;
        return d;
      });
    return { orgId, roleId, closing: diff('closing'), demand: diff('demand'), gap: diff('gap'), agencyCost: diff('agencyCost'), changed };
  });
  return { years, cells };
}
