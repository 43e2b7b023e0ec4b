/**
 * Column helpers shared by the input grids: right-aligned numbers with their assumption
 * marker, "not set" for unknown values, financial-year columns, totals rows.
 */
import type { ColDef, ColDefField, ICellRendererComp, ICellRendererParams, ValueFormatterParams } from 'ag-grid-community';
import type { AssumptionNote } from '../../../shared/api/dto';
import { formatPercent, yearLabel } from '../../../shared/format';

export const NOT_SET = 'not set';

/** Rows carry their assumption notes by field name. */
export interface WithNotes {
  assumptions?: Record<string, AssumptionNote>;
}

const MARKER_LABEL = { illustrative: 'Illustrative', derived: 'Derived', stated: 'Stated' } as const;

/**
 * The value as formatted, with the marker of the note recorded for its field (`noteField` or the
 * column's field). A plain DOM cell renderer, not a React one: grids build hundreds of these cells
 * on every scroll, and a React component per cell made scrolling stall. The marker's tooltip
 * names the source.
 */
export function cellWithMarker<R extends WithNotes>(noteField?: string): new () => ICellRendererComp<R> {
  return class ValueWithMarker implements ICellRendererComp<R> {
    private readonly gui = document.createElement('span');
    private readonly text = document.createElement('span');
    private tail: HTMLSpanElement | null = null;

    init(p: ICellRendererParams<R>): void {
      this.gui.className = 'cell-with-marker';
      this.gui.append(this.text);
      this.show(p);
    }

    getGui(): HTMLElement {
      return this.gui;
    }

    refresh(p: ICellRendererParams<R>): boolean {
      this.show(p);
      return true;
    }

    private show(p: ICellRendererParams<R>): void {
      const field = noteField ?? p.colDef?.field ?? '';
      const note = p.node.rowPinned ? undefined : p.data?.assumptions?.[field];
      this.text.textContent = p.valueFormatted ?? (p.value === null || p.value === undefined ? '' : String(p.value as string | number));
      const tail = document.createElement('span');
      if (note && note.status !== 'stated') {
        const label = `${MARKER_LABEL[note.status]}: ${note.source}`;
        tail.className = `marker marker-${note.status}`;
        tail.title = label;
        tail.setAttribute('aria-label', label);
        tail.setAttribute('role', 'img');
        tail.textContent = note.status === 'illustrative' ? 'i' : 'd';
      } else {
        tail.className = 'marker-slot';
        tail.setAttribute('aria-hidden', 'true');
      }
      if (this.tail) this.tail.replaceWith(tail);
      else this.gui.append(tail);
      this.tail = tail;
    }
  };
}

/** A right-aligned numeric column; `null`/missing shows `empty` ("not set" for unknowns). */
export function numberColumn<R extends WithNotes>(
  def: ColDef<R> & { format: (v: number) => string; empty?: string; noteField?: string; editable?: boolean },
): ColDef<R> {
  const { format, empty = NOT_SET, noteField, ...rest } = def;
  const marker = cellWithMarker<R>(noteField);
  const hasMarker = (p: { node: { rowPinned?: string | null } | null; data?: R | undefined; colDef?: ColDef<R> | null }) => {
    const note = p.node?.rowPinned ? undefined : p.data?.assumptions?.[noteField ?? p.colDef?.field ?? ''];
    return note !== undefined && note.status !== 'stated';
  };
  return {
    width: 110,
    type: 'rightAligned',
    // Only a cell with a note gets the marker renderer; the rest show plain text, padded to line
    // up with it (a renderer in every cell made scrolling wide grids slow).
    cellClass: (p) => (hasMarker(p) ? 'num' : 'num num-no-marker'),
    headerClass: 'num-header',
    cellRendererSelector: (p) => (hasMarker(p) ? { component: marker } : undefined),
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
