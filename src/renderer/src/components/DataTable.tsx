import type { HTMLAttributes, ReactNode } from 'react';

/** One column of a DataTable: its heading and how each row's cell is drawn. */
export interface Column<R> {
  /** React key of the column; its position when not given. */
  key?: string | number;
  header: ReactNode;
  cell: (row: R, rowIndex: number) => ReactNode;
  /** Figures, right-aligned: the table's number class on the heading and on every cell. */
  numeric?: boolean;
  /** The cell names its row: drawn as `<th scope="row">`. */
  rowHeader?: boolean;
  headerClassName?: string;
  /** Further classes of the cell, perhaps from its row (a shortfall in red). */
  className?: string | ((row: R) => string | undefined);
  /** A tooltip of the cell. */
  title?: (row: R) => string | undefined;
}

export interface DataTableProps<R> {
  className: string;
  /** The table's caption; `captionClassName` "visually-hidden" keeps it for screen readers only. */
  caption?: ReactNode;
  captionClassName?: string;
  columns: readonly Column<R>[];
  rows: readonly R[];
  rowKey: (row: R, rowIndex: number) => string | number;
  /** Attributes of a row's `<tr>` (a class, aria-current). */
  rowProps?: (row: R) => HTMLAttributes<HTMLTableRowElement>;
  /** The class that right-aligns figures ("num" unless the view's styles name it otherwise). */
  numClass?: string;
}

const join = (...classes: (string | undefined)[]): string | undefined => classes.filter(Boolean).join(' ') || undefined;

/**
 * The app's plain HTML table for lists and small tables of figures: column headings with
 * `scope="col"`, an optional caption, and an optional row heading cell per row. Large or editable
 * tables use AG Grid instead (src/renderer/src/grid).
 */
export function DataTable<R>({ className, caption, captionClassName, columns, rows, rowKey, rowProps, numClass = 'num' }: DataTableProps<R>) {
  return (
    <table className={className}>
      {caption !== undefined ? <caption className={captionClassName}>{caption}</caption> : null}
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={c.key ?? i} scope="col" className={join(c.numeric ? numClass : undefined, c.headerClassName)}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, ri) => (
          <tr key={rowKey(r, ri)} {...rowProps?.(r)}>
            {columns.map((c, i) => {
              const className = join(c.numeric ? numClass : undefined, typeof c.className === 'function' ? c.className(r) : c.className);
              const title = c.title?.(r);
              return c.rowHeader ? (
                <th key={c.key ?? i} scope="row" className={className} title={title}>
                  {c.cell(r, ri)}
                </th>
              ) : (
                <td key={c.key ?? i} className={className} title={title}>
                  {c.cell(r, ri)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
