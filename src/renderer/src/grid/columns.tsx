/**
 * Column helpers shared by the input grids: right-aligned numbers with their assumption
 * marker, "not set" for unknown values, financial-year columns, totals rows.
 */
import type { ColDef, ColDefField, ICellRendererParams, ValueFormatterParams } from 'ag-grid-community';
import type { AssumptionNote } from '../../../shared/api/dto';
import { formatPercent, yearLabel } from '../../../shared/format';
import { AssumptionMarker } from '../components/AssumptionMarker';

export const NOT_SET = 'not set';

/** Rows carry their assumption notes by field name. */
export interface WithNotes {
  assumptions?: Record<string, AssumptionNote>;
}

/** The value as formatted, with the marker of the note recorded for its field (`noteField` or the column's field). */
export function cellWithMarker<R extends WithNotes>(noteField?: string) {
  return function ValueWithMarker(p: ICellRendererParams<R>) {
    const field = noteField ?? p.colDef?.field ?? '';
    const note = p.node.rowPinned ? undefined : p.data?.assumptions?.[field];
    const shown = p.valueFormatted ?? (p.value === null || p.value === undefined ? '' : String(p.value as string | number));
    return (
      <span className="cell-with-marker">
        <span>{shown}</span>
        {note && note.status !== 'stated' ? <AssumptionMarker note={note} /> : <span className="marker-slot" aria-hidden="true" />}
      </span>
    );
  };
}

/** A right-aligned numeric column; `null`/missing shows `empty` ("not set" for unknowns). */
export function numberColumn<R extends WithNotes>(def: ColDef<R> & { format: (v: number) => string; empty?: string; noteField?: string; editable?: boolean }): ColDef<R> {
  const { format, empty = NOT_SET, noteField, ...rest } = def;
  return {
    width: 110,
    type: 'rightAligned',
    cellClass: 'num',
    headerClass: 'num-header',
    cellRenderer: cellWithMarker<R>(noteField),
    ...rest,
    editable: (p) => def.editable !== false && !p.node.rowPinned,
    valueFormatter: (p: ValueFormatterParams<R>) => (typeof p.value === 'number' ? format(p.value) : p.node?.rowPinned ? '' : empty),
  };
}

/** Financial years from the plan's base year (or `before` years earlier) to its horizon. */
export function planYears(plan: { baseYear: number; horizonYear: number } | null, before = 0): number[] {
  if (!plan) return [];
  const out: number[] = [];
  for (let y = plan.baseYear - before; y <= plan.horizonYear; y++) out.push(y);
  return out;
}

/** A text column edited by choosing one of `values` from a list (never on the pinned totals row). */
export function choiceColumn<R>(field: ColDefField<R>, headerName: string, values: readonly string[], width: number, more: ColDef<R> = {}): ColDef<R> {
  return {
    field,
    headerName,
    width,
    tooltipField: field,
    editable: (p) => !p.node.rowPinned,
    cellEditor: 'agSelectCellEditor',
    cellEditorParams: { values },
    ...more,
  };
}

export const yearColId = (year: number) => `y${year}`;
export const yearOfColId = (colId: string) => Number(colId.slice(1));
export { yearLabel };

/** Sums the given numeric fields over the rows (only numbers count). */
export function sumBy<R>(rows: readonly R[], pick: (row: R) => number | null | undefined): number {
  let total = 0;
  for (const r of rows) {
    const v = pick(r);
    if (typeof v === 'number') total += v;
  }
  return total;
}

/** Pinned rows are not editable, and their first column says "Total (N rows)". */
export const isPinned = (p: { node: { rowPinned?: string | null } | null }) => Boolean(p.node?.rowPinned);

/**
 * A column for one side of a range (low or high), beside its central value: a percentage, blank
 * when that side is the central value. Its marker is the range's note (illustrative until a
 * source is recorded).
 */
export function rangeColumn<R extends WithNotes>(field: ColDefField<R>, headerName: string, noteField: string, headerTooltip: string, width = 96): ColDef<R> {
  return numberColumn<R>({ field, headerName, headerTooltip, width, noteField, format: formatPercent, empty: '–' });
}
