import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DataTable, type Column } from './DataTable';
import { YearTable } from './YearTable';

interface Row {
  name: string;
  fte: number;
  note: string;
}

const rows: Row[] = [
  { name: 'Nurses', fte: -2.5, note: 'short' },
  { name: 'Midwives', fte: 4, note: '' },
];

describe('DataTable', () => {
  it('draws headings with scope, a row heading cell, figure classes, cell classes, tooltips and row attributes', () => {
    const columns: Column<Row>[] = [
      { header: 'Role', rowHeader: true, cell: (r) => r.name },
      { header: 'FTE', numeric: true, className: (r) => (r.fte < 0 ? 'shortfall' : undefined), title: (r) => `${r.name}: ${r.fte}`, cell: (r) => r.fte },
      { header: createElement('span', { className: 'visually-hidden' }, 'Note'), headerClassName: 'wide', cell: (r) => r.note },
    ];
    const html = renderToStaticMarkup(
      createElement(DataTable<Row>, {
        className: 'history-table',
        caption: 'Roles',
        captionClassName: 'visually-hidden',
        columns,
        rows,
        rowKey: (r) => r.name,
        rowProps: (r) => ({ className: r.note ? 'flagged' : undefined, 'aria-current': r.name === 'Midwives' ? 'true' : undefined }),
      }),
    );
    expect(html).toBe(
      '<table class="history-table"><caption class="visually-hidden">Roles</caption>' +
        '<thead><tr><th scope="col">Role</th><th scope="col" class="num">FTE</th><th scope="col" class="wide"><span class="visually-hidden">Note</span></th></tr></thead>' +
        '<tbody><tr class="flagged"><th scope="row">Nurses</th><td class="num shortfall" title="Nurses: -2.5">-2.5</td><td>short</td></tr>' +
        '<tr aria-current="true"><th scope="row">Midwives</th><td class="num" title="Midwives: 4">4</td><td></td></tr></tbody></table>',
    );
  });

  it('leaves the caption out when there is none, and takes the view’s own figure class', () => {
    const html = renderToStaticMarkup(
      createElement(DataTable<Row>, {
        className: 't',
        columns: [{ header: 'FTE', numeric: true, cell: (r) => r.fte }],
        rows: rows.slice(0, 1),
        rowKey: (r) => r.name,
        numClass: 'num-col',
      }),
    );
    expect(html).toBe(
      '<table class="t"><thead><tr><th scope="col" class="num-col">FTE</th></tr></thead><tbody><tr><td class="num-col">-2.5</td></tr></tbody></table>',
    );
  });
});

describe('YearTable', () => {
  it('puts the years across with the row labels as row headings, and a value’s own class', () => {
    const html = renderToStaticMarkup(
      createElement(YearTable, {
        caption: 'Totals',
        yearHeading: 'Year',
        years: ['2025/26', '2026/27'],
        rows: [{ label: 'Gap', values: [-1, 2], cell: (v: number) => String(v), cellClass: (v: number) => (v < 0 ? 'shortfall' : undefined) }],
        className: 'year-table',
        numClass: 'num-col',
      }),
    );
    expect(html).toBe(
      '<table class="year-table"><caption>Totals</caption><thead><tr><th scope="col">Year</th><th scope="col" class="num-col">2025/26</th><th scope="col" class="num-col">2026/27</th></tr></thead>' +
        '<tbody><tr><th scope="row">Gap</th><td class="num-col shortfall">-1</td><td class="num-col">2</td></tr></tbody></table>',
    );
  });
});
