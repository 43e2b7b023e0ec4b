/**
 * Organisation shares: the part of an organisation that belongs to the plan (0–1) and where
 * that figure comes from. A change of share is one recorded, undoable change like any edit.
 */
import type { OrganisationRow } from '../../shared/api/dto';
import { AppError } from '../../shared/api/errors';
import { formatPercent } from '../../shared/format';
import type { Db } from '../db/connection';
import { recordChange } from '../db/changes';
import { listOrganisations, setShare } from '../db/repos/reference';

export function setOrganisationShare(db: Db, orgId: number, share: number, source: string): OrganisationRow {
  const before = listOrganisations(db).find((o) => o.id === orgId);
  if (!before) throw new AppError('NOT_FOUND', `Organisation ${orgId} is not in the plan.`, { orgId: 'Unknown organisation' });
  if (!(share > 0 && share <= 1))
    throw new AppError('VALIDATION', `A share must be more than 0 % and at most 100 %, not ${formatPercent(share)}.`, { share: 'Between 0 % and 100 %' });
  const note = source.trim();
  if (share < 1 && note === '') {
    throw new AppError(
      'VALIDATION',
      `Say where the share of ${before.name} comes from (for example "65/241: Dorset's part of the South West's extra staff").`,
      { source: 'Needed for a share under 100 %' },
    );
  }
  const summary =
    before.share === share
      ? `${before.name}: source of its share changed`
      : `${before.name}: share of the organisation ${formatPercent(before.share)} → ${formatPercent(share)}`;
  recordChange(db, { source: 'organisation shares', summary }, () => setShare(db, orgId, share, note));
  return listOrganisations(db).find((o) => o.id === orgId)!;
}
