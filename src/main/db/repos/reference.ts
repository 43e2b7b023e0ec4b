import type { OrganisationRow, RoleRow } from '../../../shared/api/dto';
import type { Db } from '../connection';

export function listOrganisations(db: Db): OrganisationRow[] {
  return db.prepare('SELECT id, code, name, kind, share, share_source AS shareSource FROM organisation ORDER BY sort, name').all() as OrganisationRow[];
}

export function listRoles(db: Db): RoleRow[] {
  return db.prepare('SELECT id, code, name, staff_group AS staffGroup FROM role ORDER BY sort, name').all() as RoleRow[];
}
