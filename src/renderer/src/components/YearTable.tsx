import type { ReactNode } from 'react';

/** One row of a year table: its heading and a cell for each year's value. */
export interface YearRow {
  label: string;
  values: readonly number[];
  cell: (value: number, index: number) => ReactNode;
}

/**
 * A small table of system totals with the years across (Supply, Demand, Supply − demand, …),
 * used by the dashboard and the board summary's print view; each passes its own classes.
 */
export function YearTable({ caption, yearHeading, years, rows, className, numClass }: { caption: string; yearHeading: string; years: readonly string[]; rows: readonly YearRow[]; className: string; numClass: string }) {
  return (
    <table className={className}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{yearHeading}</th>
          {years.map((y) => (
            <th key={y} scope="col" className={numClass}>
              {y}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            {r.values.map((v, i) => (
              <td key={i} className={numClass}>
                {r.cell(v, i)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
