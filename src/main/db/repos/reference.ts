import type { OrganisationRow, RoleRow } from '../../../shared/api/dto';
import type { Db } from '../connection';
import { statement } from '../statements';

export function listOrganisations(db: Db): OrganisationRow[] {
  return db.prepare('SELECT id, code, name, kind, share, share_source AS shareSource FROM organisation ORDER BY sort, name').all() as OrganisationRow[];
}

export function listRoles(db: Db): RoleRow[] {
  return db.prepare('SELECT id, code, name, staff_group AS staffGroup FROM role ORDER BY sort, name').all() as RoleRow[];
}

/** An organisation as the importer matches and shares figures onto it. */
export interface PlanOrg {
  id: number;
  code: string;
  name: string;
  share: number;
  share_source: string;
}

/** A role as the importer matches it, by code, name or staff group. */
export interface PlanRole {
  id: number;
  code: string;
  name: string;
  staff_group: string;
}

export function importOrganisations(db: Db): PlanOrg[] {
  return statement(db, 'SELECT id, code, name, share, share_source FROM organisation ORDER BY sort, id').all() as PlanOrg[];
}

export function importRoles(db: Db): PlanRole[] {
  return statement(db, 'SELECT id, code, name, staff_group FROM role ORDER BY sort, id').all() as PlanRole[];
}

export function pipelineNames(db: Db, scenarioId: number): { id: number; name: string }[] {
  return statement(db, 'SELECT id, name FROM pipeline WHERE scenario_id = ? ORDER BY sort, id').all(scenarioId) as { id: number; name: string }[];
}

export function organisationName(db: Db, orgId: number): string | undefined {
  return (statement(db, 'SELECT name FROM organisation WHERE id = ?').get(orgId) as { name: string } | undefined)?.name;
}

export function roleName(db: Db, roleId: number): string | undefined {
  return (statement(db, 'SELECT name FROM role WHERE id = ?').get(roleId) as { name: string } | undefined)?.name;
}

/** Sets the part of an organisation that belongs to the plan (0–1) and where that figure comes from. */
export function setShare(db: Db, orgId: number, share: number, source: string): void {
  statement(db, 'UPDATE organisation SET share = ?, share_source = ? WHERE id = ?').run(share, source, orgId);
}
