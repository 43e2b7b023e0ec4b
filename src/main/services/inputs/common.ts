/** Checks every input service makes before writing: the organisation, role and year are the plan's. */
import { AppError } from '../../../shared/api/errors';
import { yearLabel } from '../../../shared/format';
import type { Db } from '../../db/connection';
import { getPlanSettings } from '../../db/repos/meta';
import { organisationName, roleName as roleNameOf } from '../../db/repos/reference';

export function orgName(db: Db, orgId: number): string {
  const name = organisationName(db, orgId);
  if (name === undefined) throw new AppError('VALIDATION', `Organisation ${orgId} is not in the plan.`, { orgId: 'Unknown organisation' });
  return name;
}

export function roleName(db: Db, roleId: number): string {
  const name = roleNameOf(db, roleId);
  if (name === undefined) throw new AppError('VALIDATION', `Role ${roleId} is not in the plan.`, { roleId: 'Unknown role' });
  return name;
}

export function assertYearInPlan(db: Db, year: number): void {
  const { baseYear, horizonYear } = getPlanSettings(db);
  if (year < baseYear - 10 || year > horizonYear) {
    throw new AppError('VALIDATION', `${yearLabel(year)} is outside the plan (${yearLabel(baseYear)} to ${yearLabel(horizonYear)}).`, {
      year: 'Outside the plan',
    });
  }
}
