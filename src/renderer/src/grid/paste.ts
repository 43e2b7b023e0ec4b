/**
 * Maps a block copied from Excel onto a grid: from the focused cell, across the editable
 * columns shown and down the rows shown (as filtered and sorted). Every value is parsed and
 * checked; the result is either the list of edits for ONE batch, or the list of problems.
 */
import type { EditInput, CellParser } from './edits';
import { checkEdit, mergeEdits } from './edits';
import { blockWidth } from './tsv';

export interface PasteColumn<R extends object> {
  colId: string;
  header: string;
  /** Absent for a read-only column: pasting over it is refused. */
  parse?: CellParser<R>;
}

export interface PasteProblem {
  row: string;
  column: string;
  reason: string;
}

export interface PlannedEdit {
  edit: EditInput;
  at: { row: string; column: string };
}

export type PastePlan = { ok: true; edits: PlannedEdit[]; cells: number } | { ok: false; problems: PasteProblem[] };

export function planPaste<R extends object>(input: {
  block: string[][];
  rows: R[];
  columns: PasteColumn<R>[];
  startRow: number;
  startColumn: number;
  rowName: (row: R) => string;
}): PastePlan {
  const { block, rows, columns, startRow, startColumn, rowName } = input;
  const width = blockWidth(block);
  if (block.length === 0 || width === 0) return { ok: false, problems: [{ row: '', column: '', reason: 'The clipboard holds nothing to paste' }] };
  const problems: PasteProblem[] = [];
  const lastRow = startRow + block.length - 1;
  const lastCol = startColumn + width - 1;
  if (lastRow >= rows.length) {
    problems.push({
      row: '',
      column: '',
      reason: `The block has ${block.length} rows but only ${rows.length - startRow} ${rows.length - startRow === 1 ? 'row is' : 'rows are'} shown from the selected cell down; add rows or clear the filter first`,
    });
  }
  if (lastCol >= columns.length) {
    problems.push({
      row: '',
      column: '',
      reason: `The block has ${width} columns but only ${columns.length - startColumn} ${columns.length - startColumn === 1 ? 'column is' : 'columns are'} to the right of the selected cell`,
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  const cells: (PlannedEdit & { rowIndex: number })[] = [];
  block.forEach((line, r) => {
    const row = rows[startRow + r]!;
    const name = rowName(row);
    let draft = row;
    for (let c = 0; c < width; c++) {
      const column = columns[startColumn + c]!;
      const text = line[c] ?? '';
      if (!column.parse) {
        problems.push({ row: name, column: column.header, reason: 'this column cannot be edited' });
        continue;
      }
      const result = column.parse(draft, text);
      if (!result.ok) {
        problems.push({ row: name, column: column.header, reason: result.reason });
        continue;
      }
      draft = result.draft;
      cells.push({ edit: result.edit, at: { row: name, column: column.header }, rowIndex: r });
    }
  });
  if (problems.length > 0) return { ok: false, problems };

  // Edits of one record join into one; then each is checked whole (e.g. the age profile's sum).
  const merged = mergeEdits(cells);
  for (const m of merged) {
    const reason = checkEdit(m.edit);
    if (reason !== null) problems.push({ row: m.at.row, column: m.merged.map((x) => x.at.column).join(', '), reason });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    cells: cells.length,
    edits: merged.map((m) => ({ edit: m.edit, at: { row: m.at.row, column: m.merged.map((x) => x.at.column).join(', ') } })),
  };
}
