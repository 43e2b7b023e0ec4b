import type { Projection } from './types';

export interface CellDifference {
  orgId: number;
  roleId: number;
  /** b − a per year, FTE (agency cost in £). */
  closing: number[];
  demand: number[];
  gap: number[];
  agencyCost: number[];
  /** Some difference is larger than 1e-9. */
  changed: boolean;
}

export interface ProjectionComparison {
  years: number[];
  cells: CellDifference[];
}

/** Differences b − a for every cell in either projection (a missing cell counts as zeros). */
export function compareProjections(a: Projection, b: Projection): ProjectionComparison {
  const Y = a.years.length;
  const key = (c: { orgId: number; roleId: number }) => `${c.orgId}:${c.roleId}`;
  const inA = new Map(a.cells.map((c) => [key(c), c]));
  const inB = new Map(b.cells.map((c) => [key(c), c]));
  const order: { orgId: number; roleId: number }[] = [...a.cells];
  for (const c of b.cells) if (!inA.has(key(c))) order.push(c);
  const cells = order.map(({ orgId, roleId }) => {
    const ca = inA.get(`${orgId}:${roleId}`);
    const cb = inB.get(`${orgId}:${roleId}`);
    let changed = false;
    const diff = (field: 'closing' | 'demand' | 'gap' | 'agencyCost') => {
      const out = new Array<number>(Y);
      for (let t = 0; t < Y; t++) {
        const d = (cb?.[field][t] ?? 0) - (ca?.[field][t] ?? 0);
        out[t] = d;
        if (Math.abs(d) > 1e-9) changed = true;
      }
      return out;
    };
    return { orgId, roleId, closing: diff('closing'), demand: diff('demand'), gap: diff('gap'), agencyCost: diff('agencyCost'), changed };
  });
  return { years: a.years, cells };
}
