/**
 * Which of the file's problems count: only rows that will be imported can block an import. A
 * bad value in a row of an organisation that is not in the plan, or of a role or staff group
 * mapped to skip, becomes a counted note, so that a national file can be imported for one
 * system. Also: the rows that were not read, by reason, with examples.
 */
import type { ImportProblem, ImportTarget, SkippedRows, ValueMappings } from '../../../shared/api/channels/import';
import { cellText, LIMITS } from './limits';
import { ROW_SKIPS, type RowSkip, type RowsOutput } from './rows';
import { plural } from './wording';

export interface CountedProblems {
  /** Errors and warnings of rows that are imported, in row order (at most LIMITS.problemsListed). */
  listed: ImportProblem[];
  errors: number;
  warnings: number;
  /** Problems of rows that are not imported. */
  notes: number;
  /** One note saying how many and giving the first, or null. */
  note: ImportProblem | null;
}

/** Whether rows with these key values are left out of the import by the value mappings. */
export function skippedByMapping(target: ImportTarget, values: ValueMappings, hasRoleColumn: boolean, org: string, role: string, staffGroup: string): boolean {
  if (target !== 'intakes' && org !== '' && values.org[org] === null) return true;
  if (hasRoleColumn && role !== '' && values.role[role] === null) return true;
  if (!hasRoleColumn && staffGroup !== '' && values.staffGroup[staffGroup] === null) return true;
  return false;
}

export function countProblems(
  out: RowsOutput,
  target: ImportTarget,
  values: ValueMappings,
  hasRoleColumn: boolean,
  fileName: string,
  sheet: string,
): CountedProblems {
  const listed: ImportProblem[] = [...out.problems];
  let errors = out.problems.filter((p) => p.severity === 'error').length;
  let warnings = out.problems.length - errors;
  let notes = 0;
  let first: ImportProblem | null = null;
  const skippedOrgs = new Set<string>();
  for (const g of out.problemGroups) {
    if (skippedByMapping(target, values, hasRoleColumn, g.org, g.role, g.staffGroup)) {
      notes += g.errors + g.warnings;
      if (g.org !== '' && values.org[g.org] === null) skippedOrgs.add(g.org);
      const p = g.problems[0];
      if (p && (first === null || (p.row ?? 0) < (first.row ?? 0))) first = p;
      continue;
    }
    errors += g.errors;
    warnings += g.warnings;
    listed.push(...g.problems);
  }
  listed.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || (a.row ?? 0) - (b.row ?? 0));
  const note: ImportProblem | null =
    notes === 0 || first === null
      ? null
      : {
          severity: 'note',
          file: fileName,
          sheet,
          row: first.row,
          column: first.column,
          message: `${plural(notes, 'problem')} in rows that are not imported (${skippedOrgs.size > 0 ? `organisations not in the plan or skipped, such as '${cellText([...skippedOrgs][0]!)}'` : 'roles or staff groups that are skipped'}), the first: ${withoutAdvice(first.message)}. These rows are left out, so nothing needs fixing.`,
        };
  return { listed: listed.slice(0, LIMITS.problemsListed), errors, warnings, notes, note };
}

/** "'x' is not a number: type the figure, or clear the cell." → "'x' is not a number". */
const withoutAdvice = (message: string) => message.replace(/: [^:]*$/, '').replace(/\.$/, '');

const SKIP_LABELS: Record<RowSkip | 'unmapped', string> = {
  blank: 'blank rows',
  notes: 'notes and footnotes',
  total: 'total and subtotal rows, by their label',
  'blank-key': 'subtotal rows: a blank key under a filled one',
  sum: 'subtotal rows: figures equal to the sum of the rows above',
  period: 'rows of another period',
  measure: 'rows of another measure',
  unmapped: 'rows of organisations, roles or staff groups not imported',
};

/** The rows not read, by reason, with examples; `unmapped` names the values left out. */
export function skippedRows(out: RowsOutput, unmapped: number, unmappedExamples: string[]): SkippedRows[] {
  const list: SkippedRows[] = [];
  for (const reason of ROW_SKIPS) {
    const rows = out.skipped[reason];
    if (rows > 0) list.push({ reason, label: SKIP_LABELS[reason], rows, examples: out.examples[reason] });
  }
  if (unmapped > 0) list.push({ reason: 'unmapped', label: SKIP_LABELS.unmapped, rows: unmapped, examples: unmappedExamples.slice(0, 3) });
  return list;
}
