/** Pieces the input views share: names of organisations and roles, the header, filtering. */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ReferenceData } from '../../../../shared/api/dto';
import { errorMessage } from '../../api';
import { useAppState } from '../../app/AppState';
import { matchesFilter, NO_FILTER, type GridFilter } from '../../components/FilterBar';
import { shortNames } from '../../../../shared/names';

export function useNames(reference: ReferenceData) {
  return useMemo(() => {
    const orgs = new Map(reference.organisations.map((o) => [o.id, o.name]));
    const roles = new Map(reference.roles.map((r) => [r.id, r.name]));
    const groups = new Map(reference.roles.map((r) => [r.id, r.staffGroup]));
    const orgShort = shortNames(reference.organisations, 22);
    const roleShort = shortNames(reference.roles, 26);
    return {
      /** Short names for pinned columns (the full name goes in the tooltip). */
      orgShort: (id: number) => orgShort.get(id) ?? orgs.get(id) ?? `Organisation ${id}`,
      roleShort: (id: number) => roleShort.get(id) ?? roles.get(id) ?? `Role ${id}`,
      org: (id: number | null) => (id === null ? 'All organisations' : (orgs.get(id) ?? `Organisation ${id}`)),
      role: (id: number | null) => (id === null ? 'All roles' : (roles.get(id) ?? `Role ${id}`)),
      group: (roleId: number) => groups.get(roleId) ?? '',
      orgChoices: reference.organisations.map((o) => ({ key: o.id, label: o.name })),
      roleChoices: reference.roles.map((r) => ({ key: r.id, label: r.name })),
    };
  }, [reference]);
}

/** Loads a list for the selected scenario, again whenever the plan's data changes. */
export function useScenarioData<T>(load: (scenarioId: number) => Promise<T>): T | null {
  const { scenarioId, dataVersion, notify } = useAppState();
  const [data, setData] = useState<T | null>(null);
  useEffect(() => {
    if (scenarioId === null) return;
    let live = true;
    load(scenarioId)
      .then((d) => live && setData(d))
      .catch((err: unknown) => notify('error', errorMessage(err)));
    return () => {
      live = false;
    };
  }, [scenarioId, dataVersion, notify, load]);
  return data;
}

/** Rows that pass the filter bar (organisation, staff group, role); "find" is the grid's quick filter. */
export function useFiltered<R extends { orgId: number | null; roleId: number | null }>(
  rows: R[] | null,
  filter: GridFilter,
  reference: ReferenceData,
): R[] | null {
  // Find is applied by the grid itself: typing in it must not filter (and so re-send) every row.
  const { orgId, roleId, staffGroup } = filter;
  return useMemo(
    () => (rows ? rows.filter((r) => matchesFilter(r, { ...NO_FILTER, orgId, roleId, staffGroup }, reference)) : null),
    [rows, orgId, roleId, staffGroup, reference],
  );
}

export function ViewHeader({ id, title, lede, actions }: { id: string; title: string; lede: ReactNode; actions?: ReactNode }) {
  return (
    <div className="view-header">
      <h1 id={id}>{title}</h1>
      <p className="view-lede">{lede}</p>
      {actions ? <div className="view-actions">{actions}</div> : null}
    </div>
  );
}

export const MARKER_HINT = (
  <>
    Numbers marked{' '}
    <span className="marker marker-illustrative" aria-hidden="true">
      i
    </span>{' '}
    are illustrative: hover for their source.
  </>
);
