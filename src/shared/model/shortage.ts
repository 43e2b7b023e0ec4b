import { formatPercent } from '../format';
import { AGED_55_PLUS_FROM_BAND, AGE_BAND_COUNT, type Projection, type ScenarioInputs, type ShortageCriteria, type ShortageRoleResult } from './types';

/**
 * Shortage roles by the plan's local criteria, for every role with some workforce or demand,
 * across all organisations: the peak over the projected years of the system-wide vacancy rate
 * (Σ gap ÷ Σ demand, a fraction) and its year, the leaver rate weighted by base-year FTE
 * (fraction a year) and the share of base-year FTE aged 55 and over (fraction; an unknown age
 * profile counts as spread evenly). A criterion that is null is ignored; 'any' flags a role
 * meeting one set criterion, 'all' one meeting every set criterion; with none set, no role is
 * flagged. Shortage roles first, then by peak vacancy rate (highest first), then role id.
 */
export function shortageRoles(inputs: ScenarioInputs, p: Projection, criteria: ShortageCriteria): ShortageRoleResult[] {
  // Cells and workforce rows by role, each in its own order (so every sum adds in the same order
  // as a scan of the whole plan would): one pass, not one pass per role.
  const cellsByRole = new Map<number, (typeof p.cells)[number][]>();
  for (const c of p.cells) {
    const list = cellsByRole.get(c.roleId);
    if (list) list.push(c);
    else cellsByRole.set(c.roleId, [c]);
  }
  const workforceByRole = new Map<number, ScenarioInputs['workforce']>();
  for (const w of inputs.workforce) {
    const list = workforceByRole.get(w.roleId);
    if (list) list.push(w);
    else workforceByRole.set(w.roleId, [w]);
  }
  const out: ShortageRoleResult[] = [];
  for (const roleId of [...cellsByRole.keys()].sort((a, b) => a - b)) {
    const cells = cellsByRole.get(roleId)!;
    // Only roles with some workforce or some demand are judged.
    if (!cells.some((c) => c.opening.some((v) => v > 0) || c.closing.some((v) => v > 0) || c.demand.some((v) => v !== 0))) continue;
    let peak = -Infinity;
    let peakYear = p.baseYear;
    const gaps = cells.map((c) => c.gap);
    const demands = cells.map((c) => c.demand);
    for (let t = 0; t < p.years.length; t++) {
      let gap = 0;
      let demand = 0;
      for (let i = 0; i < gaps.length; i++) {
        gap += gaps[i]![t]!;
        demand += demands[i]![t]!;
      }
      if (demand > 0 && gap / demand > peak) {
        peak = gap / demand;
        peakYear = p.years[t]!;
      }
    }
    if (peak === -Infinity) peak = 0;
    let fte = 0;
    let leaverWeighted = 0;
    let aged55 = 0;
    for (const w of workforceByRole.get(roleId) ?? []) {
      fte += w.fte;
      leaverWeighted += w.fte * w.leaverRate;
      let sum = 0;
      let older = 0;
      for (let b = 0; b < AGE_BAND_COUNT; b++) {
        const v = Math.max(0, w.ageProfile[b] ?? 0);
        sum += v;
        if (b >= AGED_55_PLUS_FROM_BAND) older += v;
      }
      const share = sum > 0 ? older / sum : (AGE_BAND_COUNT - AGED_55_PLUS_FROM_BAND) / AGE_BAND_COUNT;
      aged55 += w.fte * share;
    }
    const leaverRate = fte > 0 ? leaverWeighted / fte : 0;
    const aged55PlusShare = fte > 0 ? aged55 / fte : 0;
    const met = {
      vacancyRate: criteria.vacancyRateAbove !== null && peak > criteria.vacancyRateAbove,
      leaverRate: criteria.leaverRateAbove !== null && leaverRate > criteria.leaverRateAbove,
      aged55Plus: criteria.aged55PlusAbove !== null && aged55PlusShare > criteria.aged55PlusAbove,
    };
    const set = [criteria.vacancyRateAbove !== null, criteria.leaverRateAbove !== null, criteria.aged55PlusAbove !== null];
    const hits = [met.vacancyRate, met.leaverRate, met.aged55Plus];
    const anySet = set.some(Boolean);
    const isShortage = anySet && (criteria.mode === 'any' ? hits.some(Boolean) : set.every((s, k) => !s || hits[k]));
    out.push({ roleId, isShortage, peakVacancyRate: peak, peakVacancyYear: peakYear, leaverRate, aged55PlusShare, met });
  }
  return out.sort((a, b) => Number(b.isShortage) - Number(a.isShortage) || b.peakVacancyRate - a.peakVacancyRate || a.roleId - b.roleId);
}

/** The plan's shortage criteria in words, as the dashboard, the workbook and the PDF state them. */
export function describeShortageCriteria(c: ShortageCriteria): string {
  const parts = [
    c.vacancyRateAbove === null ? null : `projected vacancy above ${formatPercent(c.vacancyRateAbove)}`,
    c.leaverRateAbove === null ? null : `leaver rate above ${formatPercent(c.leaverRateAbove)}`,
    c.aged55PlusAbove === null ? null : `more than ${formatPercent(c.aged55PlusAbove)} aged 55 and over`,
  ].filter((p): p is string => p !== null);
  if (parts.length === 0) return 'No shortage criteria are set: set them in Targets.';
  return `A role is a shortage role when ${c.mode === 'any' ? 'any one of these holds' : 'all of these hold'}: ${parts.join('; ')}.`;
}

/** The criteria a role meets, in words ("vacancy rate, aged 55+"), or "none". */
export function criteriaMet(met: ShortageRoleResult['met']): string {
  return [met.vacancyRate ? 'vacancy rate' : '', met.leaverRate ? 'leaver rate' : '', met.aged55Plus ? 'aged 55+' : ''].filter(Boolean).join(', ') || 'none';
}
