import type { ReactNode } from 'react';
import { DataTable, type Column } from './DataTable';

/** One row of a year table: its heading and a cell for each year's value. */
export interface YearRow {
  label: string;
  values: readonly number[];
  cell: (value: number, index: number) => ReactNode;
  /** Further classes of a value's cell (a shortfall in red). */
  cellClass?: (value: number) => string | undefined;
}

/**
 * A small table of system totals with the years across (Supply, Demand, Supply − demand, …),
 * used by the dashboard, the board summary's print view and the uncertainty panel; each passes
 * its own classes.
 */
export function YearTable({
  caption,
  yearHeading,
  years,
  rows,
  className,
  numClass,
}: {
  caption: ReactNode;
  yearHeading: string;
  years: readonly string[];
  rows: readonly YearRow[];
  className: string;
  numClass: string;
}) {
  const columns: Column<YearRow>[] = [
    { key: 'label', header: yearHeading, rowHeader: true, cell: (r) => r.label },
    ...years.map(
      (y, i): Column<YearRow> => ({
        key: y,
        header: y,
        numeric: true,
        className: (r) => (r.cellClass && i < r.values.length ? r.cellClass(r.values[i]!) : undefined),
        cell: (r) => (i < r.values.length ? r.cell(r.values[i]!, i) : null),
      }),
    ),
  ];
  return <DataTable className={className} caption={caption} columns={columns} rows={rows} rowKey={(r) => r.label} numClass={numClass} />;
}
