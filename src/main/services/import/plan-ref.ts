/**
 * What the importer matches a file against: the plan's organisations, roles and pipelines, the
 * staff groups it knows, and the signature that recognises a layout seen before.
 */
import crypto from 'node:crypto';
import type { ValueMappings } from '../../../shared/api/channels/import';
import { STAFF_GROUP_TO_ROLES } from '../../../shared/model/staff-groups';
import type { Db } from '../../db/connection';
import { importOrganisations, importRoles, pipelineNames, type PlanOrg, type PlanRole } from '../../db/repos/reference';
import { normaliseHeader } from './headers';

export interface PlanRef {
  orgs: PlanOrg[];
  roles: PlanRole[];
  pipelines: { id: number; name: string }[];
}

export function planRef(db: Db, scenarioId: number | null): PlanRef {
  return { orgs: importOrganisations(db), roles: importRoles(db), pipelines: scenarioId === null ? [] : pipelineNames(db, scenarioId) };
}

export const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\s_\-.,'’&()]+/g, '')
    .replace(/^the/, '');

/** Staff group names the importer knows: the plan's ESR groups and the NHS Digital groups of the staff-group vocabulary. */
export function knownStaffGroups(ref: PlanRef): string[] {
  return [...new Set([...ref.roles.map((r) => r.staff_group), ...Object.keys(STAFF_GROUP_TO_ROLES)])];
}

export function signatureOf(headers: string[]): string {
  // A sheet with no headings is known by its number of columns.
  const text = headers.every((h) => h === '') ? `headerless:${headers.length}` : headers.map(normaliseHeader).join('|');
  return crypto.createHash('sha256').update(text).digest('hex');
}

/**
 * Value mappings are keyed by the file's own text, which may be "__proto__" or "constructor":
 * they are kept in objects without a prototype, so every key is an ordinary own property.
 */
export function ownRecord<T>(from: Record<string, T> = {}): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, from);
}

export function emptyValues(): ValueMappings {
  return { org: ownRecord(), role: ownRecord(), staffGroup: ownRecord(), pipeline: ownRecord() };
}
