/**
 * The one grid every table of the app is drawn with (AG Grid Community, read-only or editable):
 * - totals rows and the "N of M" count describe the rows shown — after Find, the filters and
 *   sorting — because they are worked out from the grid's own displayed rows each time its
 *   model updates (`totals` is given those rows);
 * - nothing sits under a scrollbar: where the system draws overlay scrollbars (no width of their
 *   own), room is kept for the grid's scrollbars so the last column and row can scroll clear;
 * - Tab and Shift+Tab leave the grid (to the next and previous control) and the arrow keys move
 *   inside it; while a cell is being edited, Tab commits and moves to the next cell, as in Excel;
 * - rows, headers and the theme's font size and padding follow the density preference
 *   (comfortable or compact).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { AgGridReact, type AgGridReactProps } from 'ag-grid-react';
import type { CellPosition, GridApi, GridReadyEvent, IRowNode, ModelUpdatedEvent, TabToNextCellParams } from 'ag-grid-community';
import { GRID_SIZES, usePreferences } from '../app/preferences';
import { primaryGridReady, registerPrimaryGrid } from './primary';
import { GRID_HOST_CLASS, GRID_THEMES } from './setup';

/** AG Grid's overlay scrollbar size (px), used when the system's scrollbars take no room. */
const OVERLAY_SCROLLBAR = 16;

let systemScrollbar: number | null = null;
/** Width of the system's scrollbars (0 for overlay scrollbars), measured once as AG Grid does. */
function systemScrollbarWidth(): number {
  if (systemScrollbar === null) {
    const div = document.createElement('div');
    div.style.width = '100px';
    div.style.height = '100px';
    div.style.overflow = 'scroll';
    div.style.position = 'absolute';
    div.style.visibility = 'hidden';
    document.body.appendChild(div);
    systemScrollbar = div.offsetWidth - div.clientWidth;
    div.remove();
  }
  return systemScrollbar;
}

/** The rows a grid shows, in order, after its quick filter, filters and sorting. */
export function displayedRows<R>(api: GridApi<R>): R[] {
  const out: R[] = [];
  api.forEachNodeAfterFilterAndSort((n: IRowNode<R>) => {
    if (n.data !== undefined) out.push(n.data);
  });
  return out;
}

const sameRows = <R,>(a: readonly R[], b: readonly R[]) => a.length === b.length && a.every((r, i) => r === b[i]);

export type DataGridOptions<R> = Omit<
  AgGridReactProps<R>,
  | 'theme'
  | 'rowData'
  | 'pinnedBottomRowData'
  | 'onGridReady'
  | 'onModelUpdated'
  | 'rowHeight'
  | 'headerHeight'
  | 'tabToNextCell'
  | 'scrollbarWidth'
  | 'getRowId'
>;

export interface DataGridProps<R extends object> {
  rows: R[] | null;
  /** Names the grid's region for screen readers. */
  label: string;
  getRowId: (row: R) => string;
  /** Totals rows (pinned at the foot) of the rows shown. */
  totals?: (shown: readonly R[]) => R[];
  /** The "N of M" line: how many rows there are before any filter, and what a row is called. */
  count?: { all: number; one: string; many: string };
  /** Controls shown on the same line as the count (usually the filter bar). */
  toolbar?: ReactNode;
  /** The view's main grid: the skip link's target. */
  primary?: boolean;
  /** Receives the grid's API once it is ready. */
  onReady?: (api: GridApi<R>) => void;
  /** Told the rows shown whenever they change. */
  onShownChange?: (shown: readonly R[]) => void;
  className?: string;
  options: DataGridOptions<R>;
}

export function DataGrid<R extends object>({
  rows,
  label,
  getRowId,
  totals,
  count,
  toolbar,
  primary = false,
  onReady,
  onShownChange,
  className,
  options,
}: DataGridProps<R>): ReactNode {
  const { preferences } = usePreferences();
  const sizes = GRID_SIZES[preferences.density];
  const apiRef = useRef<GridApi<R> | null>(null);
  const [shown, setShown] = useState<R[]>([]);
  const idRef = useRef(getRowId);
  idRef.current = getRowId;
  const stableRowId = useCallback((p: { data: R }) => idRef.current(p.data), []);
  const shownChange = useRef(onShownChange);
  shownChange.current = onShownChange;
  const ready = useRef(onReady);
  ready.current = onReady;
  const primaryRef = useRef(primary);
  primaryRef.current = primary;

  const readShown = useCallback((api: GridApi<R>) => {
    const next = displayedRows(api);
    setShown((prev) => (sameRows(prev, next) ? prev : next));
  }, []);
  useEffect(() => shownChange.current?.(shown), [shown]);

  const onGridReady = useCallback(
    (e: GridReadyEvent<R>) => {
      apiRef.current = e.api;
      readShown(e.api);
      ready.current?.(e.api);
    },
    [readShown],
  );
  const onModelUpdated = useCallback(
    (e: ModelUpdatedEvent<R>) => {
      readShown(e.api);
      if (primaryRef.current && e.api.getDisplayedRowCount() > 0) primaryGridReady();
    },
    [readShown],
  );

  useEffect(() => {
    if (!primary) return;
    return registerPrimaryGrid(() => {
      const api = apiRef.current;
      const first = api?.getAllDisplayedColumns()[0];
      if (!api || !first || api.getDisplayedRowCount() === 0) return false;
      api.ensureIndexVisible(0);
      api.ensureColumnVisible(first);
      api.setFocusedCell(0, first);
      return true;
    });
  }, [primary]);

  // Tab leaves the grid; while editing it commits and moves on, as in Excel.
  const tabToNextCell = useCallback((p: TabToNextCellParams<R>): CellPosition | boolean => (p.editing ? (p.nextCellPosition ?? true) : false), []);
  const pinnedBottom = useMemo(() => (totals && rows ? totals(shown) : undefined), [totals, rows, shown]);
  const scrollbarWidth = useMemo(() => (systemScrollbarWidth() === 0 ? OVERLAY_SCROLLBAR : undefined), []);
  const n = shown.length;

  return (
    <div className={`data-grid ${className ?? ''}`}>
      {toolbar || count ? (
        <div className="grid-toolbar">
          {toolbar}
          {count && rows ? (
            <span className="grid-count" role="status">
              {n} of {count.all} {count.all === 1 ? count.one : count.many}
            </span>
          ) : null}
        </div>
      ) : null}
      <div className={`grid-host ${GRID_HOST_CLASS} density-${preferences.density}`} role="region" aria-label={label}>
        <AgGridReact<R>
          {...options}
          theme={GRID_THEMES[preferences.density]}
          rowData={rows}
          getRowId={stableRowId}
          pinnedBottomRowData={pinnedBottom}
          onGridReady={onGridReady}
          onModelUpdated={onModelUpdated}
          rowHeight={sizes.rowHeight}
          headerHeight={sizes.headerHeight}
          groupHeaderHeight={sizes.headerHeight}
          tabToNextCell={tabToNextCell}
          {...(scrollbarWidth === undefined ? {} : { scrollbarWidth })}
        />
      </div>
    </div>
  );
}
