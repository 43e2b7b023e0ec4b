/**
 * The filter every organisation × role grid shares: organisation, staff group, role and a
 * free-text find. `matchesFilter` applies it to any row with orgId and roleId.
 */
import { useId, useMemo } from 'react';
import type { ReferenceData } from '../../../shared/api/dto';

export interface GridFilter {
  orgId: number | null;
  staffGroup: string | null;
  roleId: number | null;
  find: string;
}

export const NO_FILTER: GridFilter = { orgId: null, staffGroup: null, roleId: null, find: '' };

export function matchesFilter(row: { orgId: number | null; roleId: number | null }, filter: GridFilter, reference: ReferenceData): boolean {
  if (filter.orgId !== null && row.orgId !== filter.orgId) return false;
  if (filter.roleId !== null && row.roleId !== filter.roleId) return false;
  if (filter.staffGroup !== null) {
    const role = reference.roles.find((r) => r.id === row.roleId);
    if (!role || role.staffGroup !== filter.staffGroup) return false;
  }
  return true;
}

export function FilterBar({ reference, value, onChange, findLabel = 'Find' }: { reference: ReferenceData; value: GridFilter; onChange: (next: GridFilter) => void; findLabel?: string }) {
  const id = useId();
  const groups = useMemo(() => [...new Set(reference.roles.map((r) => r.staffGroup))].sort(), [reference]);
  const roles = useMemo(() => reference.roles.filter((r) => value.staffGroup === null || r.staffGroup === value.staffGroup), [reference, value.staffGroup]);
  const num = (v: string) => (v === '' ? null : Number(v));
  return (
    <div className="filter-bar" role="group" aria-label="Filter rows">
      <label htmlFor={`${id}-org`}>Organisation</label>
      <select id={`${id}-org`} value={value.orgId ?? ''} onChange={(e) => onChange({ ...value, orgId: num(e.target.value) })}>
        <option value="">All organisations</option>
        {reference.organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-group`}>Staff group</label>
      <select id={`${id}-group`} value={value.staffGroup ?? ''} onChange={(e) => onChange({ ...value, staffGroup: e.target.value === '' ? null : e.target.value, roleId: null })}>
        <option value="">All staff groups</option>
        {groups.map((g) => (
          <option key={g} value={g}>
            {g}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-role`}>Role</label>
      <select id={`${id}-role`} value={value.roleId ?? ''} onChange={(e) => onChange({ ...value, roleId: num(e.target.value) })}>
        <option value="">All roles</option>
        {roles.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-find`}>{findLabel}</label>
      <input id={`${id}-find`} type="search" value={value.find} onChange={(e) => onChange({ ...value, find: e.target.value })} />
      {value.orgId !== null || value.staffGroup !== null || value.roleId !== null || value.find !== '' ? (
        <button type="button" className="link-button" onClick={() => onChange(NO_FILTER)}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
