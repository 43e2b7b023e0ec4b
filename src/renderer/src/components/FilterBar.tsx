/**
 * The filter every organisation × role grid shares: organisation, staff group, role and a
 * free-text find. `matchesFilter` applies it to any row with orgId and roleId.
 */
import { useId, useMemo } from 'react';
import type { ReferenceData } from '../../../shared/api/dto';
import { ChoiceSelect } from './ChoiceSelect';

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

export function FilterBar({
  reference,
  value,
  onChange,
  findLabel = 'Find',
}: {
  reference: ReferenceData;
  value: GridFilter;
  onChange: (next: GridFilter) => void;
  findLabel?: string;
}) {
  const id = useId();
  const orgs = useMemo(() => reference.organisations.map((o) => ({ value: o.id, label: o.name })), [reference]);
  const groups = useMemo(() => [...new Set(reference.roles.map((r) => r.staffGroup))].sort().map((g) => ({ value: g, label: g })), [reference]);
  const roles = useMemo(
    () => reference.roles.filter((r) => value.staffGroup === null || r.staffGroup === value.staffGroup).map((r) => ({ value: r.id, label: r.name })),
    [reference, value.staffGroup],
  );
  return (
    <div className="filter-bar" role="group" aria-label="Filter rows">
      <ChoiceSelect
        id={`${id}-org`}
        label="Organisation"
        allLabel="All organisations"
        value={value.orgId}
        choices={orgs}
        onChange={(orgId) => onChange({ ...value, orgId })}
      />
      <ChoiceSelect
        id={`${id}-group`}
        label="Staff group"
        allLabel="All staff groups"
        value={value.staffGroup}
        choices={groups}
        onChange={(staffGroup) => onChange({ ...value, staffGroup, roleId: null })}
      />
      <ChoiceSelect
        id={`${id}-role`}
        label="Role"
        allLabel="All roles"
        value={value.roleId}
        choices={roles}
        onChange={(roleId) => onChange({ ...value, roleId })}
      />
      <span className="filter-pair">
        <label htmlFor={`${id}-find`}>{findLabel}</label>
        <input id={`${id}-find`} type="search" value={value.find} onChange={(e) => onChange({ ...value, find: e.target.value })} />
      </span>
      {value.orgId !== null || value.staffGroup !== null || value.roleId !== null || value.find !== '' ? (
        <button type="button" className="link-button" onClick={() => onChange(NO_FILTER)}>
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
