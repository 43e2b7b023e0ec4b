/**
 * The grid every input view uses: AG Grid Community in read-only-edit mode, so nothing changes
 * on screen until the main process has accepted the edit. Typed values are checked at the cell
 * with the column's parser (the shared zod schemas); a block pasted from Excel is checked cell
 * by cell and sent as ONE `edits/apply` batch (one undo), or refused whole with every problem.
 */
import { useCallback, useMemo, useRef, useState, type ClipboardEvent, type ReactNode } from 'react';
import type { CellEditRequestEvent, CellFocusedEvent, ColDef, ColGroupDef, GridApi, RowDataUpdatedEvent } from 'ag-grid-community';
import { call, errorMessage } from '../api';
import { useAppState } from '../app/AppState';
import { DataGrid, displayedRows, type DataGridOptions } from './DataGrid';
import type { CellParser } from './edits';
import { sendEdit } from './edits';
import { planPaste, type PasteProblem } from './paste';
import { parseTsv } from './tsv';

export interface EditableGridProps<R extends object> {
  /** The view's name, for the change log ("Pasted 6 cells into Baseline"). */
  view: string;
  rows: R[] | null;
  columnDefs: (ColDef<R> | ColGroupDef<R>)[];
  /** Parsers of the editable columns, by column id. */
  parsers: Partial<Record<string, CellParser<R>>>;
  getRowId: (row: R) => string;
  rowName: (row: R) => string;
  /** Pinned totals rows, worked out from the rows shown (after Find, the filters and sorting). */
  totals?: (shown: readonly R[]) => R[];
  /** The "N of M" line: rows before any filter, and what a row is called. */
  count?: { all: number; one: string; many: string };
  /** Controls on the count's line (the filter bar). */
  toolbar?: ReactNode;
  quickFilterText?: string;
  noRowsText: string;
  onSelect?: (row: R | null) => void;
  /** The row of the cell with keyboard focus (or the one clicked), for the impact strip. */
  onCurrentRow?: (row: R | null) => void;
  /** Label for the grid region, read by screen readers. */
  label: string;
  height?: 'full' | 'half';
  /** The view's main grid (the skip link's target). */
  primary?: boolean;
  onReady?: (api: GridApi<R>) => void;
  /** Told the rows shown (after Find, the filters and sorting) whenever they change. */
  onShownChange?: (shown: readonly R[]) => void;
  /** A collapsible column group was opened (true) or closed from its header. */
  onColumnGroupOpened?: (open: boolean) => void;
  /**
   * Render only the columns in view (default: every column). For grids so wide that rendering a
   * row's every cell costs a scrolling frame more than 50 ms (Baseline's age bands).
   */
  virtualColumns?: boolean;
}

type Message = { kind: 'cell'; key: string; text: string } | { kind: 'paste'; problems: PasteProblem[]; intro: string };

const cellText = (raw: unknown): string => (typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : '');

function headerOf<R>(api: GridApi<R>, colId: string): string {
  const col = api.getColumn(colId);
  return (col ? api.getDisplayNameForColumn(col, 'header') : null) ?? colId;
}

export function EditableGrid<R extends object>(props: EditableGridProps<R>): ReactNode {
  const {
    view,
    rows,
    columnDefs,
    parsers,
    getRowId,
    rowName,
    totals,
    count,
    toolbar,
    quickFilterText,
    noRowsText,
    onSelect,
    onCurrentRow,
    label,
    height = 'full',
    primary = false,
    onReady,
    onShownChange,
    onColumnGroupOpened,
    virtualColumns = false,
  } = props;
  const { scenarioId, mutate, notify } = useAppState();
  const [message, setMessage] = useState<Message | null>(null);
  const apiRef = useRef<GridApi<R> | null>(null);
  // Views pass these inline; reading them through a ref keeps the grid's options stable, so a
  // re-render of the view never makes AG Grid rebuild its cells (which would lose focus).
  const idRef = useRef(getRowId);
  idRef.current = getRowId;
  const currentRef = useRef(onCurrentRow);
  currentRef.current = onCurrentRow;
  const readyRef = useRef(onReady);
  readyRef.current = onReady;
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;
  const groupRef = useRef(onColumnGroupOpened);
  groupRef.current = onColumnGroupOpened;
  // The row just edited stays the impact strip's row when Enter moves the focus down (as in
  // Excel), until the planner moves on themselves.
  const edited = useRef<{ id: string; at: number } | null>(null);

  const refuse = useCallback((key: string, row: string, column: string, reason: string) => {
    setMessage({ kind: 'cell', key, text: `${row}, ${column}: ${reason}. Nothing was changed.` });
  }, []);

  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<R>) => {
      const row = e.data;
      const colId = e.column.getColId();
      const column = headerOf(e.api, colId);
      const key = `${getRowId(row)}:${colId}`;
      const parse = parsers[colId];
      if (!parse) return;
      const result = parse(row, cellText(e.newValue));
      if (!result.ok) return refuse(key, rowName(row), column, result.reason);
      edited.current = { id: getRowId(row), at: performance.now() };
      setMessage(null);
      mutate(() => sendEdit(result.edit)).catch((err: unknown) => refuse(key, rowName(row), column, errorMessage(err).replace(/\.$/, '')));
    },
    [getRowId, parsers, refuse, rowName, mutate],
  );

  const onPaste = useCallback(
    (e: ClipboardEvent<HTMLDivElement>) => {
      const api = apiRef.current;
      // A paste into an open cell editor is that editor's own business.
      const target = e.target as HTMLElement;
      if (!api || target.closest('input, textarea, select, [contenteditable="true"]')) return;
      const focused = api.getFocusedCell();
      if (!focused || focused.rowPinned) return;
      e.preventDefault();
      const text = e.clipboardData.getData('text/plain');
      const shown = displayedRows(api);
      const columns = api.getAllDisplayedColumns().map((c) => {
        const colId = c.getColId();
        return { colId, header: headerOf(api, colId), parse: parsers[colId] };
      });
      const startColumn = columns.findIndex((c) => c.colId === focused.column.getColId());
      const plan = planPaste({ block: parseTsv(text), rows: shown, columns, startRow: focused.rowIndex, startColumn, rowName });
      if (!plan.ok) {
        setMessage({
          kind: 'paste',
          problems: plan.problems,
          intro: `The paste was refused and nothing was changed. Correct these ${plan.problems.length === 1 ? 'cell' : 'cells'} and paste again:`,
        });
        return;
      }
      setMessage(null);
      mutate(() =>
        call('edits/apply', {
          view,
          scenarioId,
          cells: plan.cells,
          edits: plan.edits.map((p) => ({ ...p.edit, at: p.at }) as Parameters<typeof call<'edits/apply'>>[1]['edits'][number]),
        }),
      )
        .then(() => notify('info', `Pasted ${plan.cells} ${plan.cells === 1 ? 'cell' : 'cells'} into ${view}. Undo (Ctrl+Z) removes the whole paste.`))
        .catch((err: unknown) => setMessage({ kind: 'paste', problems: [], intro: errorMessage(err) }));
    },
    [parsers, rowName, mutate, view, scenarioId, notify],
  );

  const onFocused = useCallback((e: CellFocusedEvent<R>) => {
    if (e.rowIndex === null || e.rowPinned) return;
    const data = e.api.getDisplayedRowAtIndex(e.rowIndex)?.data ?? null;
    const last = edited.current;
    // The move that follows a committed edit (Enter goes down) keeps the edited row in hand.
    if (last && performance.now() - last.at < 250) return;
    edited.current = null;
    currentRef.current?.(data);
  }, []);
  const onRowDataUpdated = useCallback((e: RowDataUpdatedEvent<R>) => {
    // After a refresh the selected row is a new object (renamed, re-read): hand the view the fresh one.
    selectRef.current?.(e.api.getSelectedRows()[0] ?? null);
    const last = edited.current;
    const inHand = last ? e.api.getRowNode(last.id)?.data : undefined;
    if (inHand) return currentRef.current?.(inHand);
    const focused = e.api.getFocusedCell();
    if (focused && !focused.rowPinned) currentRef.current?.(e.api.getDisplayedRowAtIndex(focused.rowIndex)?.data ?? null);
  }, []);
  const hasSelect = onSelect !== undefined;
  const hasGroups = onColumnGroupOpened !== undefined;

  const errorKey = message?.kind === 'cell' ? message.key : null;
  const defaultColDef = useMemo<ColDef<R>>(
    () => ({
      sortable: true,
      resizable: true,
      // Text editors everywhere: planners type "1,234" and "12%", which a number input refuses.
      cellDataType: false,
      suppressHeaderMenuButton: true,
      wrapHeaderText: true,
      autoHeaderHeight: true,
      cellClassRules: {
        'cell-error': (p) =>
          errorKey !== null && p.data !== undefined && p.node.rowPinned == null && errorKey === `${idRef.current(p.data)}:${p.column.getColId()}`,
      },
    }),
    [errorKey],
  );

  // One stable options object, so a re-render of the view never makes AG Grid re-apply them.
  const options = useMemo<DataGridOptions<R>>(
    () => ({
      columnDefs,
      readOnlyEdit: true,
      onCellEditRequest,
      singleClickEdit: false,
      stopEditingWhenCellsLoseFocus: true,
      enterNavigatesVerticallyAfterEdit: true,
      rowSelection: hasSelect ? { mode: 'singleRow', checkboxes: false, enableClickSelection: true } : undefined,
      onSelectionChanged: hasSelect ? (e) => selectRef.current?.(e.api.getSelectedRows()[0] ?? null) : undefined,
      onRowDataUpdated,
      onCellFocused: onFocused,
      onColumnGroupOpened: hasGroups ? (e) => groupRef.current?.(e.columnGroups[0]?.isExpanded() ?? false) : undefined,
      cellSelection: false,
      suppressMovableColumns: true,
      suppressColumnVirtualisation: !virtualColumns,
      quickFilterText,
      tooltipShowDelay: 300,
      overlayNoRowsTemplate: noRowsText,
      defaultColDef,
    }),
    [columnDefs, onCellEditRequest, hasSelect, onRowDataUpdated, onFocused, hasGroups, quickFilterText, noRowsText, defaultColDef, virtualColumns],
  );

  return (
    <>
      {message?.kind === 'cell' ? (
        <div className="cell-error-message" role="alert">
          {message.text}
        </div>
      ) : null}
      {message?.kind === 'paste' ? (
        <div className="cell-error-message paste-problems" role="alert">
          <p>{message.intro}</p>
          {message.problems.length > 0 ? (
            <ul>
              {message.problems.slice(0, 20).map((p, i) => (
                <li key={i}>{[p.row, p.column, p.reason].filter((s) => s !== '').join(', ')}</li>
              ))}
              {message.problems.length > 20 ? <li>and {message.problems.length - 20} more</li> : null}
            </ul>
          ) : null}
          <button type="button" className="link-button" onClick={() => setMessage(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
      <div className={`editable-grid editable-grid-${height}`} onPaste={onPaste}>
        <DataGrid<R>
          rows={rows}
          label={label}
          getRowId={getRowId}
          totals={totals}
          count={count}
          toolbar={toolbar}
          primary={primary}
          onShownChange={onShownChange}
          onReady={(api) => {
            apiRef.current = api;
            readyRef.current?.(api);
          }}
          options={options}
        />
      </div>
    </>
  );
}
