/**
 * The assumptions register in groups, for the board: one group per kind of number (leaver rates,
 * pipeline intakes, …), status and scope, with how many numbers it holds and where they come
 * from. The workbook shows each group's numbers below it (collapsed); the PDF shows the groups.
 */
import type { AssumptionRow } from '../../../shared/api/dto';
import type { AssumptionStatus } from '../../../shared/model/types';

const TITLES: Record<string, string> = {
  'workforce_baseline:fte': 'FTE in post (baseline)',
  'workforce_baseline:headcount': 'Headcount (baseline)',
  'workforce_baseline:establishment': 'Establishment (FTE)',
  'workforce_baseline:ageProfile': 'Age profiles',
  'workforce_rate:leaverRate': 'Leaver rates',
  'workforce_rate:retirementByBand': 'Retirement by age band',
  'workforce_rate:agencyShare': 'Agency share of a shortfall',
  'workforce_rate:agencyCostPerFte': 'Agency cost per FTE',
  'pipeline:intakes': 'Pipeline intakes',
  'pipeline:attrition': 'Pipeline attrition',
  'pipeline:conversion': 'Conversion to a local post',
  'pipeline:durationYears': 'Course lengths',
  'pipeline:ftePerHead': 'FTE per head of a pipeline',
  'pipeline:costPerLearnerYear': 'Cost per learner-year',
  'pipeline:traineesLeaveSourceRole': 'Trainees leave their role',
  'other_joiner:fte': 'Other joiners (FTE a year)',
  'growth_driver:growth': 'Demand growth drivers',
  'demand_change:deltaFte': 'Demand changes',
  'target:value': 'Target values',
};

const STATUS_ORDER: Record<AssumptionStatus, number> = { stated: 0, derived: 1, illustrative: 2 };

export const statusWord = (s: AssumptionStatus): string => s[0]!.toUpperCase() + s.slice(1);

export interface AssumptionGroup {
  /** What kind of number, e.g. "Leaver rates". */
  what: string;
  status: AssumptionStatus;
  /** "Whole plan", or the scenario the numbers belong to. */
  appliesTo: string;
  /** Distinct sources, the most used first. */
  sources: { source: string; count: number }[];
  rows: AssumptionRow[];
}

/** One line on where a group's numbers come from: the source, or the most used one and how many others. */
export function sourceSummary(g: AssumptionGroup): string {
  const [first, ...rest] = g.sources;
  if (!first) return '';
  if (rest.length === 0) return first.source;
  return `${first.source} (${first.count} of ${g.rows.length}; ${rest.length} other source${rest.length === 1 ? '' : 's'}: see each number)`;
}

/**
 * Groups register rows by kind, status and scope: stated groups first, then derived, then
 * illustrative, each by title. `appliesTo` names the scope of a row (its scenario or the plan).
 */
export function groupAssumptions(rows: readonly { row: AssumptionRow; appliesTo: string }[]): AssumptionGroup[] {
  const groups = new Map<string, AssumptionGroup>();
  for (const { row, appliesTo } of rows) {
    const key = `${row.entity}:${row.field}|${row.status}|${appliesTo}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        what: TITLES[`${row.entity}:${row.field}`] ?? `${row.entity.replace(/_/g, ' ')}: ${row.field}`,
        status: row.status,
        appliesTo,
        sources: [],
        rows: [],
      };
      groups.set(key, g);
    }
    g.rows.push(row);
    const s = g.sources.find((x) => x.source === row.source);
    if (s) s.count++;
    else g.sources.push({ source: row.source, count: 1 });
  }
  const out = [...groups.values()];
  for (const g of out) g.sources.sort((a, b) => b.count - a.count);
  return out.sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.what.localeCompare(b.what, 'en-GB') || a.appliesTo.localeCompare(b.appliesTo, 'en-GB'),
  );
}
