/**
 * What the dashboard's agency-cost figure covers and how its base year adds up, in words: the
 * ten-year total over every role and partner, then the role that costs most in the base year,
 * at the NHS trusts (organisations of kind "nhs-trust"; every organisation when there are
 * none): its shortfall at the start of the base year (establishment − staff in post) at the
 * agency share and cost per FTE, which is what a published spend figure is set against, and the
 * same at the end of the base year, as projected. The assumption note on the role's agency cost
 * per FTE says where that cost comes from.
 */
import type { ReferenceData, WorkforceRow } from './api/dto';
import { formatFte, formatMoney, formatMoneyShort, yearLabel } from './format';

/** What the explanation reads of a projection: plain arrays (the window) or the engine's typed arrays (main). */
export interface AgencyProjection {
  years: readonly number[];
  totals: { agencyCost: ArrayLike<number> };
  cells: readonly { orgId: number; roleId: number; agencyCost: ArrayLike<number>; gap: ArrayLike<number> }[];
}

/** What it reads of the workforce: the rows of the role it explains (others are ignored). */
export type AgencyWorkforceRow = Pick<WorkforceRow, 'orgId' | 'roleId' | 'fte' | 'establishment' | 'agencyShare' | 'agencyCostPerFte' | 'assumptions'>;

export interface AgencyExplanation {
  /** The card's heading: what the figure covers. */
  covers: string;
  /** The tooltip: the exact figure and the base year's reconciliation, one sentence a line. */
  detail: string;
}

const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);

/** The role whose agency cost in the base year is largest, with that cost (null when there is none). */
export function costliestAgencyRole(cells: AgencyProjection['cells']): { roleId: number; cost: number } | null {
  const byRole = new Map<number, number>();
  for (const c of cells) byRole.set(c.roleId, (byRole.get(c.roleId) ?? 0) + (c.agencyCost[0] ?? 0));
  const [roleId, cost] = [...byRole].sort((a, b) => b[1] - a[1])[0] ?? [null, 0];
  return roleId === null ? null : { roleId, cost };
}

export function agencyExplanation(result: AgencyProjection, workforce: readonly AgencyWorkforceRow[], reference: ReferenceData): AgencyExplanation {
  const years = result.years;
  const first = yearLabel(years[0] ?? 0);
  const last = yearLabel(years[years.length - 1] ?? 0);
  const total = sum(result.totals.agencyCost);
  const covers = `Agency cost of every shortfall: every role and partner, ${first} to ${last} (${years.length} years)`;
  const lines = [
    `${formatMoney(total)}: what filling every shortfall with agency or bank staff would cost, for every role at every partner, added up over the ${years.length} years ${first} to ${last}.`,
    'Illustrative: the share of a shortfall filled by agency or bank staff, and what one such FTE costs, are assumptions (see Assumptions).',
  ];
  const baseTotal = result.totals.agencyCost[0] ?? 0;
  const costliest = costliestAgencyRole(result.cells);
  const roleId = costliest?.roleId ?? null;
  const roleCost = costliest?.cost ?? 0;
  lines.push(`${first}: ${formatMoneyShort(baseTotal)} in all.`);
  if (roleId === null || roleCost <= 0) return { covers, detail: lines.join('\n') };

  const roleName = reference.roles.find((r) => r.id === roleId)?.name ?? `Role ${roleId}`;
  const trusts = new Set(reference.organisations.filter((o) => o.kind === 'nhs-trust').map((o) => o.id));
  const within = (orgId: number) => trusts.size === 0 || trusts.has(orgId);
  const where = trusts.size === 0 ? 'across the partners' : 'at the NHS trusts';
  const rows = workforce.filter((w) => w.roleId === roleId && within(w.orgId));
  const shortAtStart = sum(rows.map((w) => Math.max(0, w.establishment - w.fte)));
  const costAtStart = sum(rows.map((w) => Math.max(0, w.establishment - w.fte) * w.agencyShare * w.agencyCostPerFte));
  const cells = result.cells.filter((c) => c.roleId === roleId && within(c.orgId));
  const shortAtEnd = sum(cells.map((c) => Math.max(0, c.gap[0] ?? 0)));
  const costAtEnd = sum(cells.map((c) => c.agencyCost[0] ?? 0));
  lines.push(
    `${roleName}, the largest part: ${where}, the shortfall at the start of ${first} (establishment less staff in post) is ${formatFte(shortAtStart)} FTE, which at the agency share and cost per FTE comes to ${formatMoneyShort(costAtStart)} a year (${formatMoney(costAtStart)}).`,
    `By the end of ${first} the projected shortfall ${where} is ${formatFte(shortAtEnd)} FTE, ${formatMoneyShort(costAtEnd)}; with every other partner, ${roleName.toLowerCase()} agency cost in ${first} is ${formatMoneyShort(roleCost)}.`,
  );
  const note = rows.find((w) => w.assumptions['agencyCostPerFte'])?.assumptions['agencyCostPerFte'];
  if (note) lines.push(`How the ${roleName.toLowerCase()} agency cost per FTE was set (${note.status}): ${note.source}.`);
  return { covers, detail: lines.join('\n') };
}
