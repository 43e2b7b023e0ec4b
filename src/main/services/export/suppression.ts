/**
 * Small-count suppression for publication (docs/ARCHITECTURE.md, "Small-count suppression"). A row of the projection
 * (organisation × role × year) whose projected headcount is above zero and under the threshold
 * is suppressed. So that a published total cannot give it away by subtraction:
 * - where a role and year has exactly one small row, the next smallest row of that role and
 *   year is suppressed too (complementary suppression), so the role's total reveals only a sum
 *   of two hidden rows;
 * - where no second row exists (a role found in one organisation), the role's total for that
 *   year is suppressed, and so are the system totals for that year.
 */
import type { CellResult, ProjectionResult } from '../../../shared/api/dto';
import type { TargetMetric } from '../../../shared/model/types';

export interface Suppression {
  threshold: number | null;
  /** How many organisation × role × year rows are hidden. */
  count: number;
  isSmall(cell: Pick<CellResult, 'orgId' | 'roleId'>, yearIndex: number): boolean;
  isHidden(cell: Pick<CellResult, 'orgId' | 'roleId'>, yearIndex: number): boolean;
  /** The role's total in that year would reveal a hidden row. */
  roleYearHidden(roleId: number, yearIndex: number): boolean;
  /** System totals in that year would reveal a hidden row. */
  totalYearHidden(yearIndex: number): boolean;
  hidesTarget(t: { metric: TargetMetric; orgId: number | null; roleId: number | null; year: number }): boolean;
}

const key = (orgId: number, roleId: number, i: number) => `${orgId}:${roleId}:${i}`;

export function suppressionPlan(result: Pick<ProjectionResult, 'cells' | 'years'>, threshold: number | null): Suppression {
  const small = new Set<string>();
  const hidden = new Set<string>();
  const roleHidden = new Set<string>();
  const yearHidden = new Set<number>();
  if (threshold !== null && threshold > 0) {
    const byRole = new Map<number, CellResult[]>();
    for (const c of result.cells) byRole.set(c.roleId, [...(byRole.get(c.roleId) ?? []), c]);
    result.years.forEach((_, i) => {
      for (const [roleId, cells] of byRole) {
        const smallOnes = cells.filter((c) => {
          const h = c.closingHeadcount[i] ?? 0;
          return h > 0 && h < threshold;
        });
        for (const c of smallOnes) {
          small.add(key(c.orgId, c.roleId, i));
          hidden.add(key(c.orgId, c.roleId, i));
        }
        if (smallOnes.length === 1) {
          const rest = cells.filter((c) => c !== smallOnes[0]).sort((a, b) => (a.closingHeadcount[i] ?? 0) - (b.closingHeadcount[i] ?? 0));
          const partner = rest[0];
          if (partner) hidden.add(key(partner.orgId, partner.roleId, i));
          else {
            roleHidden.add(`${roleId}:${i}`);
            yearHidden.add(i);
          }
        }
      }
    });
  }
  const yearIndex = (year: number) => result.years.indexOf(year);
  return {
    threshold,
    count: hidden.size,
    isSmall: (c, i) => small.has(key(c.orgId, c.roleId, i)),
    isHidden: (c, i) => hidden.has(key(c.orgId, c.roleId, i)),
    roleYearHidden: (roleId, i) => roleHidden.has(`${roleId}:${i}`),
    totalYearHidden: (i) => yearHidden.has(i),
    hidesTarget: (t) => {
      if (!['supply-fte', 'supply-change-fte', 'vacancy-rate', 'agency-cost'].includes(t.metric)) return false;
      const i = yearIndex(t.year);
      if (i < 0) return false;
      if (t.orgId !== null && t.roleId !== null) return hidden.has(key(t.orgId, t.roleId, i));
      if (t.roleId !== null) return roleHidden.has(`${t.roleId}:${i}`);
      if (t.orgId !== null) return result.cells.some((c) => c.orgId === t.orgId && hidden.has(key(c.orgId, c.roleId, i)));
      return yearHidden.has(i);
    },
  };
}
