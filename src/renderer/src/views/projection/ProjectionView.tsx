/**
 * The projection: one row per organisation × role, columns grouped by financial year (supply,
 * demand, supply − demand), totals pinned at the foot, FTE or headcount. Selecting a row
 * (click, or Enter on it) opens its bridge in a side panel.
 */
import { useCallback, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellKeyDownEvent, ColDef, ColGroupDef, RowClickedEvent } from 'ag-grid-community';
import type { CellResult } from '../../../../shared/api/dto';
import { formatFte, formatHeads, yearLabel } from '../../../../shared/format';
import { useAppState } from '../../app/AppState';
import { FilterBar, NO_FILTER, matchesFilter, type GridFilter } from '../../components/FilterBar';
import { GRID_THEME_CLASS } from '../../grid/setup';
import { BridgePanel } from './BridgePanel';
import { nameLookup } from './labels';
import { formatGap, isShortfall, type Unit } from './numbers';
import { useProjection } from './use-projection';

interface ProjectionRow {
  key: string;
  orgId: number;
  roleId: number;
  org: string;
  role: string;
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

function toRow(c: CellResult, unit: Unit, names: ReturnType<typeof nameLookup>): ProjectionRow {
  const k = unit === 'fte' ? 1 : headsPerFte(c);
  const supply = unit === 'fte' ? c.closing : c.closingHeadcount;
  const demand = c.demand.map((d) => d * k);
  return {
    key: `${c.orgId}:${c.roleId}`,
    orgId: c.orgId,
    roleId: c.roleId,
    org: names.org(c.orgId),
    role: names.role(c.roleId),
    staffGroup: names.staffGroup(c.roleId),
    supply,
    demand,
    gap: demand.map((d, i) => d - (supply[i] ?? 0)),
  };
}

export function ProjectionView() {
  const { reference } = useAppState();
  const { result, pipelines, loading, error } = useProjection();
  const [filter, setFilter] = useState<GridFilter>(NO_FILTER);
  const [unit, setUnit] = useState<Unit>('fte');
  const [selected, setSelected] = useState<string | null>(null);
  const names = useMemo(() => nameLookup(reference), [reference]);

  const rows = useMemo(() => (result ? result.cells.filter((c) => matchesFilter(c, filter, reference)).map((c) => toRow(c, unit, names)) : []), [result, filter, reference, unit, names]);
  const totals = useMemo<ProjectionRow[]>(() => {
    if (!result) return [];
    const n = result.years.length;
    const add = (pick: (r: ProjectionRow) => number[]) => Array.from({ length: n }, (_, i) => rows.reduce((a, r) => a + (pick(r)[i] ?? 0), 0));
    return [{ key: 'total', orgId: 0, roleId: 0, org: `Total (${rows.length} rows)`, role: '', staffGroup: '', supply: add((r) => r.supply), demand: add((r) => r.demand), gap: add((r) => r.gap) }];
  }, [result, rows]);

  const fmt = unit === 'fte' ? formatFte : formatHeads;
  const columnDefs = useMemo<(ColDef<ProjectionRow> | ColGroupDef<ProjectionRow>)[]>(() => {
    if (!result) return [];
    const perYear = result.years.map(
      (y, i): ColGroupDef<ProjectionRow> => ({
        headerName: yearLabel(y),
        children: [
          { colId: `s${y}`, headerName: 'Supply', width: 92, type: 'rightAligned', cellClass: 'num', valueGetter: (p) => p.data?.supply[i] ?? null, valueFormatter: (p) => (typeof p.value === 'number' ? fmt(p.value) : '') },
          { colId: `d${y}`, headerName: 'Demand', width: 92, type: 'rightAligned', cellClass: 'num', valueGetter: (p) => p.data?.demand[i] ?? null, valueFormatter: (p) => (typeof p.value === 'number' ? fmt(p.value) : '') },
          {
            colId: `g${y}`,
            headerName: 'Gap',
            headerTooltip: 'Supply minus demand: a minus sign (and red text) is a shortfall',
            width: 92,
            type: 'rightAligned',
            cellClass: 'num gap-col',
            valueGetter: (p) => p.data?.gap[i] ?? null,
            valueFormatter: (p) => (typeof p.value === 'number' ? formatGap(p.value, unit) : ''),
            cellClassRules: { shortfall: (p) => typeof p.value === 'number' && isShortfall(p.value) },
          },
        ],
      }),
    );
    return [
      {
        headerName: 'Organisation and role',
        children: [
          { colId: 'org', field: 'org', headerName: 'Organisation', pinned: 'left', width: 200, tooltipField: 'org' },
          { colId: 'role', field: 'role', headerName: 'Role', pinned: 'left', width: 190, tooltipField: 'role' },
        ],
      },
      ...perYear,
    ];
  }, [result, unit, fmt]);

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

  const cell = result?.cells.find((c) => `${c.orgId}:${c.roleId}` === selected) ?? null;

  return (
    <section className="view" aria-labelledby="projection-heading">
      <div className="view-header">
        <h1 id="projection-heading">Projection</h1>
        <p className="view-lede">Supply (closing staff in post), demand and the gap between them at each year end. A gap with a minus sign is a shortfall. Select a row (or press Enter on it) for its bridge.</p>
        <fieldset className="radio-row unit-toggle">
          <legend>Show</legend>
          <label>
            <input type="radio" name="projection-unit" checked={unit === 'fte'} onChange={() => setUnit('fte')} /> FTE
          </label>
          <label>
            <input type="radio" name="projection-unit" checked={unit === 'headcount'} onChange={() => setUnit('headcount')} /> Headcount
          </label>
        </fieldset>
      </div>
      <FilterBar reference={reference} value={filter} onChange={setFilter} />
      <p role="status" className="muted status-line">
        {error ? `Not up to date: ${error}` : loading ? 'Recalculating…' : result ? `${rows.length} of ${result.cells.length} rows${unit === 'headcount' ? ', in headcount (at each row’s baseline FTE per head)' : ', in FTE'}` : ''}
      </p>
      <div className="projection-body">
        <div className={`grid-host ${GRID_THEME_CLASS}`}>
          <AgGridReact<ProjectionRow>
            rowData={rows}
            pinnedBottomRowData={totals}
            columnDefs={columnDefs}
            getRowId={(p) => p.data.key}
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            onRowClicked={onRowClicked}
            onCellKeyDown={onCellKeyDown}
            quickFilterText={filter.find}
            suppressMovableColumns
            tooltipShowDelay={300}
            getRowClass={(p) => (p.data?.key === selected ? 'row-open' : undefined)}
            defaultColDef={{ sortable: true, resizable: true }}
          />
        </div>
        {cell && result ? (
          <BridgePanel
            key={selected}
            cell={cell}
            result={result}
            pipelines={pipelines}
            orgName={names.org(cell.orgId)}
            roleName={names.role(cell.roleId)}
            onClose={() => setSelected(null)}
          />
        ) : null}
      </div>
    </section>
  );
}
