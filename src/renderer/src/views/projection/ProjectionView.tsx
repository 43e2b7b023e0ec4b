/**
 * The projection: one row per organisation × role, with the organisation and role pinned on the
 * left (short names; the full name on hover). Years across with one measure (the gap by
 * default), so all ten years fit, or every measure grouped by year. Totals of the rows shown are
 * pinned at the foot; FTE or headcount. Selecting a row (click, or Enter on it) opens its bridge
 * in a panel docked below the grid or beside it, resizable.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { CellKeyDownEvent, ColDef, ColGroupDef, GridApi, RowClickedEvent } from 'ag-grid-community';
import type { CellResult } from '../../../../shared/api/dto';
import { formatFte, formatHeads, formatPercent, yearLabel } from '../../../../shared/format';
import { shortNames } from '../../../../shared/names';
import { useAppState } from '../../app/AppState';
import { usePreferences, type ProjectionLayout, type ProjectionMeasure } from '../../app/preferences';
import { FilterBar, NO_FILTER, matchesFilter, type GridFilter } from '../../components/FilterBar';
import { DataGrid, type DataGridOptions } from '../../grid/DataGrid';
import { BridgePanel } from './BridgePanel';
import { nameLookup } from './labels';
import { formatGap, isShortfall, type Unit } from './numbers';
import { useProjection } from './use-projection';

export interface ProjectionRow {
  key: string;
  orgId: number;
  roleId: number;
  org: string;
  role: string;
  orgShort: string;
  roleShort: string;
  staffGroup: string;
  supply: number[];
  demand: number[];
  gap: number[];
}

/** Heads per FTE of a cell (its baseline's), from the engine's closing headcount; 1 when it has no staff. */
function headsPerFte(c: CellResult): number {
  for (let i = 0; i < c.closing.length; i++) {
    const fte = c.closing[i] ?? 0;
    if (fte > 1e-9) return (c.closingHeadcount[i] ?? 0) / fte;
  }
  return 1;
}

interface Names {
  org: (id: number) => string;
  role: (id: number) => string;
  staffGroup: (id: number) => string;
  orgShort: (id: number) => string;
  roleShort: (id: number) => string;
}

function toRow(c: CellResult, unit: Unit, names: Names): ProjectionRow {
  const k = unit === 'fte' ? 1 : headsPerFte(c);
  const supply = unit === 'fte' ? c.closing : c.closingHeadcount;
  const demand = c.demand.map((d) => d * k);
  return {
    key: `${c.orgId}:${c.roleId}`,
    orgId: c.orgId,
    roleId: c.roleId,
    org: names.org(c.orgId),
    role: names.role(c.roleId),
    orgShort: names.orgShort(c.orgId),
    roleShort: names.roleShort(c.roleId),
    staffGroup: names.staffGroup(c.roleId),
    supply,
    demand,
    gap: demand.map((d, i) => d - (supply[i] ?? 0)),
  };
}

/** The totals row of the rows shown (after Find, the filters and sorting): one small function, whatever feeds the grid. */
export function totalsOfShown(shown: readonly ProjectionRow[], years: number): ProjectionRow[] {
  const add = (pick: (r: ProjectionRow) => number[]) => Array.from({ length: years }, (_, i) => shown.reduce((a, r) => a + (pick(r)[i] ?? 0), 0));
  const label = `Total (${shown.length} ${shown.length === 1 ? 'row' : 'rows'})`;
  return [
    {
      key: 'total',
      orgId: 0,
      roleId: 0,
      org: label,
      role: '',
      orgShort: label,
      roleShort: '',
      staffGroup: '',
      supply: add((r) => r.supply),
      demand: add((r) => r.demand),
      gap: add((r) => r.gap),
    },
  ];
}

const MEASURES: { value: ProjectionMeasure; label: string; prefix: string }[] = [
  { value: 'gap', label: 'Supply − demand (gap)', prefix: 'g' },
  { value: 'supply', label: 'Supply (staff in post)', prefix: 's' },
  { value: 'demand', label: 'Demand', prefix: 'd' },
  { value: 'vacancy', label: 'Vacancy rate', prefix: 'v' },
];

/** The column id of a measure in a year: s2024, d2024, g2024 (gap), v2024 (vacancy rate). */
export const measureColId = (measure: ProjectionMeasure, year: number) => `${MEASURES.find((m) => m.value === measure)!.prefix}${year}`;

export function ProjectionView() {
  const { reference } = useAppState();
  const { preferences, setPreference } = usePreferences();
  const { result, pipelines, loading, error } = useProjection();
  const [filter, setFilter] = useState<GridFilter>(NO_FILTER);
  const [unit, setUnit] = useState<Unit>('fte');
  const [selected, setSelected] = useState<string | null>(null);
  const [highlightYear, setHighlightYear] = useState<number | null>(null);
  const apiRef = useRef<GridApi<ProjectionRow> | null>(null);
  const layout = preferences.projectionLayout;
  const measure = preferences.projectionMeasure;

  const names = useMemo<Names>(() => {
    const base = nameLookup(reference);
    const orgShort = shortNames(reference.organisations, 22);
    const roleShort = shortNames(reference.roles, 26);
    return { ...base, orgShort: (id) => orgShort.get(id) ?? base.org(id), roleShort: (id) => roleShort.get(id) ?? base.role(id) };
  }, [reference]);

  // Find is applied by the grid itself: typing in it must not rebuild the rows (10,000 on a regional plan).
  const { orgId, roleId, staffGroup } = filter;
  const rows = useMemo(
    () =>
      result ? result.cells.filter((c) => matchesFilter(c, { ...NO_FILTER, orgId, roleId, staffGroup }, reference)).map((c) => toRow(c, unit, names)) : [],
    [result, orgId, roleId, staffGroup, reference, unit, names],
  );
  const yearCount = result?.years.length ?? 0;
  const totals = useCallback((shown: readonly ProjectionRow[]) => totalsOfShown(shown, yearCount), [yearCount]);

  const fmt = unit === 'fte' ? formatFte : formatHeads;
  const columnDefs = useMemo<(ColDef<ProjectionRow> | ColGroupDef<ProjectionRow>)[]>(() => {
    if (!result) return [];
    const highlight = (y: number) => (y === highlightYear ? ' year-highlight' : '');
    const column = (m: ProjectionMeasure, y: number, i: number, headerName: string, width: number): ColDef<ProjectionRow> => {
      const base: ColDef<ProjectionRow> = {
        colId: measureColId(m, y),
        headerName,
        width,
        type: 'rightAligned',
        cellClass: `num${highlight(y)}`,
        headerClass: highlight(y).trim() || undefined,
      };
      if (m === 'supply')
        return { ...base, valueGetter: (p) => p.data?.supply[i] ?? null, valueFormatter: (p) => (typeof p.value === 'number' ? fmt(p.value) : '') };
      if (m === 'demand')
        return { ...base, valueGetter: (p) => p.data?.demand[i] ?? null, valueFormatter: (p) => (typeof p.value === 'number' ? fmt(p.value) : '') };
      if (m === 'vacancy') {
        return {
          ...base,
          headerTooltip: 'Gap ÷ demand: the share of posts not filled (a minus sign is a surplus)',
          valueGetter: (p) => {
            const d = p.data?.demand[i] ?? 0;
            return p.data && d > 1e-9 ? (p.data.gap[i] ?? 0) / d : null;
          },
          valueFormatter: (p) => (typeof p.value === 'number' ? formatPercent(p.value) : 'no demand'),
          cellClassRules: { shortfall: (p) => typeof p.value === 'number' && p.value > 0.0005 },
        };
      }
      return {
        ...base,
        headerTooltip: 'Supply minus demand: a minus sign (and red text) is a shortfall',
        cellClass: `num gap-col${highlight(y)}`,
        valueGetter: (p) => p.data?.gap[i] ?? null,
        valueFormatter: (p) => (typeof p.value === 'number' ? formatGap(p.value, unit) : ''),
        cellClassRules: { shortfall: (p) => typeof p.value === 'number' && isShortfall(p.value) },
      };
    };
    const pinned: ColDef<ProjectionRow>[] = [
      // Find matches the full names as well as the short ones shown.
      {
        colId: 'org',
        field: 'orgShort',
        headerName: 'Organisation',
        pinned: 'left',
        width: 172,
        tooltipField: 'org',
        getQuickFilterText: (p) => `${p.data.org} ${p.data.orgShort}`,
      },
      {
        colId: 'role',
        field: 'roleShort',
        headerName: 'Role',
        pinned: 'left',
        width: 188,
        tooltipField: 'role',
        getQuickFilterText: (p) => `${p.data.role} ${p.data.roleShort}`,
      },
    ];
    if (layout === 'years-across') return [...pinned, ...result.years.map((y, i) => column(measure, y, i, yearLabel(y), 76))];
    return [
      ...pinned,
      ...result.years.map(
        (y, i): ColGroupDef<ProjectionRow> => ({
          headerName: yearLabel(y),
          headerClass: highlight(y).trim() || undefined,
          children: [column('supply', y, i, 'Supply', 88), column('demand', y, i, 'Demand', 88), column('gap', y, i, 'Gap', 88)],
        }),
      ),
    ];
  }, [result, unit, fmt, layout, measure, highlightYear]);

  const open = useCallback((key: string | undefined) => {
    if (key && key !== 'total') setSelected(key);
  }, []);
  const onRowClicked = useCallback((e: RowClickedEvent<ProjectionRow>) => open(e.data?.key), [open]);
  const onCellKeyDown = useCallback(
    (e: CellKeyDownEvent<ProjectionRow>) => {
      const key = (e.event as KeyboardEvent | null)?.key;
      if (key === 'Enter') open(e.data?.key);
    },
    [open],
  );

  /**
   * After Apply: the rows whose gap was closed (the role, in one organisation or all), so the
   * totals row shows it closed, with the target year's gap in view and marked.
   */
  const showYear = useCallback(
    (year: number, orgId: number | null) => {
      if (layout === 'years-across' && measure !== 'gap') setPreference('projectionMeasure', 'gap');
      const cellNow = result?.cells.find((c) => `${c.orgId}:${c.roleId}` === selected);
      if (cellNow) setFilter({ ...NO_FILTER, orgId, roleId: cellNow.roleId });
      setHighlightYear(year);
      // Once the new columns are drawn.
      window.setTimeout(() => {
        const api = apiRef.current;
        if (!api) return;
        // The year's first column, then its gap: the whole year comes into view from either side.
        if (api.getColumn(measureColId('supply', year))) api.ensureColumnVisible(measureColId('supply', year), 'auto');
        api.ensureColumnVisible(measureColId('gap', year), 'auto');
        const node = selected ? api.getRowNode(selected) : undefined;
        if (node?.rowIndex !== null && node?.rowIndex !== undefined) api.ensureIndexVisible(node.rowIndex);
      }, 50);
    },
    [layout, measure, selected, setPreference, result],
  );

  const options = useMemo<DataGridOptions<ProjectionRow>>(
    () => ({
      columnDefs,
      rowSelection: { mode: 'singleRow', checkboxes: false, enableClickSelection: true },
      onRowClicked,
      onCellKeyDown,
      quickFilterText: filter.find,
      suppressMovableColumns: true,
      suppressColumnVirtualisation: true,
      tooltipShowDelay: 300,
      getRowClass: (p) => (p.data?.key === selected ? 'row-open' : undefined),
      defaultColDef: { sortable: true, resizable: true, suppressHeaderMenuButton: true },
    }),
    [columnDefs, onRowClicked, onCellKeyDown, filter.find, selected],
  );

  const cell = result?.cells.find((c) => `${c.orgId}:${c.roleId}` === selected) ?? null;
  const status = error ? `Not up to date: ${error}` : loading ? 'Recalculating…' : '';

  return (
    <section className="view projection-view" aria-labelledby="projection-heading">
      <div className="view-header view-header-compact">
        <h1 id="projection-heading">Projection</h1>
        <div className="view-controls" role="group" aria-label="How to show the projection">
          <span className="filter-pair">
            <label htmlFor="projection-layout">Show</label>
            <select id="projection-layout" value={layout} onChange={(e) => setPreference('projectionLayout', e.target.value as ProjectionLayout)}>
              <option value="years-across">One measure, years across</option>
              <option value="all-measures">Supply, demand and gap by year</option>
            </select>
          </span>
          {layout === 'years-across' ? (
            <span className="filter-pair">
              <label htmlFor="projection-measure">Measure</label>
              <select id="projection-measure" value={measure} onChange={(e) => setPreference('projectionMeasure', e.target.value as ProjectionMeasure)}>
                {MEASURES.map((m) => (
                  <option key={m.value} value={m.value}>
                    {m.label}
                  </option>
                ))}
              </select>
            </span>
          ) : null}
          <fieldset className="radio-row unit-toggle">
            <legend>In</legend>
            <label>
              <input type="radio" name="projection-unit" checked={unit === 'fte'} onChange={() => setUnit('fte')} /> FTE
            </label>
            <label>
              <input type="radio" name="projection-unit" checked={unit === 'headcount'} onChange={() => setUnit('headcount')} /> Headcount
            </label>
          </fieldset>
        </div>
        <p className="view-hint muted">
          Year-end figures; a minus sign is a shortfall. Click a row, or press Enter on it, for its bridge.
          {unit === 'headcount' ? ' Headcount is at each row’s baseline FTE per head.' : ''} <span role="status">{status}</span>
        </p>
      </div>
      <div className={`projection-body dock-${preferences.bridgeDock}`}>
        <DataGrid<ProjectionRow>
          rows={result ? rows : null}
          label="Projection by organisation and role"
          getRowId={(r) => r.key}
          totals={totals}
          count={result ? { all: result.cells.length, one: 'row', many: 'rows' } : undefined}
          toolbar={<FilterBar reference={reference} value={filter} onChange={setFilter} />}
          primary
          className="projection-grid"
          onReady={(api) => {
            apiRef.current = api;
          }}
          options={options}
        />
        {cell && result ? (
          <BridgePanel
            key={selected}
            cell={cell}
            result={result}
            pipelines={pipelines}
            orgName={names.org(cell.orgId)}
            roleName={names.role(cell.roleId)}
            onClose={() => setSelected(null)}
            onApplied={showYear}
          />
        ) : null}
      </div>
    </section>
  );
}
