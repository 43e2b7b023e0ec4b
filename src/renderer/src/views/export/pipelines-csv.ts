/** The pipelines grid as CSV rows: one row per pipeline, intakes by financial year. */
import type { PipelineRow, ReferenceData } from '../../../../shared/api/dto';
import type { OutputValue } from '../../../../shared/csv';
import { yearLabel } from '../../../../shared/format';

export function pipelineCsv(
  rows: readonly PipelineRow[] | null,
  reference: ReferenceData,
  baseYear: number,
  horizonYear: number,
): { headers: string[]; rows: () => OutputValue[][] } {
  const years: number[] = [];
  for (let y = baseYear; y <= horizonYear; y++) years.push(y);
  const org = new Map(reference.organisations.map((o) => [o.id, o.name]));
  const role = new Map(reference.roles.map((r) => [r.id, r.name]));
  return {
    headers: [
      'Pipeline',
      'Type',
      'Organisation',
      'Role',
      'From role',
      'Course length (years)',
      'Attrition',
      'Conversion',
      'FTE per head',
      'Cost per learner-year (£)',
      ...years.map((y) => `Intake ${yearLabel(y)}`),
    ],
    rows: () =>
      (rows ?? []).map((p) => [
        p.name,
        p.type,
        org.get(p.orgId) ?? '',
        role.get(p.roleId) ?? '',
        p.sourceRoleId === null ? '' : (role.get(p.sourceRoleId) ?? ''),
        p.durationYears,
        p.attrition,
        p.conversion,
        p.ftePerHead,
        p.costPerLearnerYear,
        ...years.map((y) => p.intakes[y] ?? null),
      ]),
  };
}
