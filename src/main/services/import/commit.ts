/**
 * Committing an import: validated again against the plan as it is now, then written as ONE
 * recorded change with its history row (write.ts), or refused, writing nothing, while any error
 * or question stands.
 */
import type { ImportHistoryRow, ImportMapping, ImportReport } from '../../../shared/api/channels/import';
import { AppError } from '../../../shared/api/errors';
import type { Db } from '../../db/connection';
import { getImportHistory } from './history';
import { mappingToSave } from './mappings';
import { signatureOf } from './plan-ref';
import { NO_PROGRESS, type LoadedImport, type Progress } from './sessions';
import { validateImport } from './validate';
import { plural, TARGET_WORDS, type Via } from './wording';
import { writeImportCommit, type ImportCommit } from './write';

/**
 * Validates again against the plan as it is now and works out what to write (see write.ts).
 * Throws VALIDATION, having written nothing, while any error stands.
 */
export async function prepareImportCommit(
  db: Db,
  loaded: LoadedImport,
  scenarioId: number,
  mapping: ImportMapping,
  options: { saveMappingAs?: string | undefined; via?: Via } = {},
  p: Progress = NO_PROGRESS,
): Promise<{ commit: ImportCommit; report: ImportReport }> {
  const { report, plan } = await validateImport(db, loaded, scenarioId, mapping, p, options.via);
  if (report.errors > 0) {
    const first = report.problems.find((x) => x.severity === 'error');
    const where = first
      ? [`sheet "${first.sheet}"`, first.row !== null ? `row ${first.row.toLocaleString('en-GB')}` : null, first.column ? `column ${first.column}` : null]
          .filter(Boolean)
          .join(', ')
      : '';
    throw new AppError(
      'VALIDATION',
      `"${loaded.fileName}" was not imported: ${plural(report.errors, 'error')} to fix first${first ? ` (${where}: ${first.message})` : ''}. Nothing was changed.`,
    );
  }
  if (report.questions.length > 0) {
    throw new AppError('VALIDATION', `"${loaded.fileName}" was not imported: ${report.questions.map((x) => x.message).join(' ')} Nothing was changed.`);
  }
  if (plan.baseline.length === 0 && plan.yearly.length === 0) {
    throw new AppError(
      'VALIDATION',
      `"${loaded.fileName}" was not imported: the plan already holds every figure in it${report.counts.excluded > 0 ? ' that was not left out' : ''}, so there is nothing to change.`,
    );
  }
  p.signal?.throwIfAborted?.();
  p.progress(0.95, 'Writing the import…');
  const c = report.counts;
  const summary = `Imported ${TARGET_WORDS[mapping.target]} from ${loaded.fileName}: ${c.added.toLocaleString('en-GB')} added, ${c.replaced.toLocaleString('en-GB')} replaced${c.rounding > 0 ? `, ${c.rounding.toLocaleString('en-GB')} by rounding only` : ''}${c.excluded > 0 ? `, ${c.excluded.toLocaleString('en-GB')} left out` : ''}`;
  // Answers about this file's lines are not part of a layout's mapping.
  const { decisions: _decisions, acceptLargeChanges: _accept, ...kept } = report.mapping.options;
  const commit: ImportCommit = {
    scenarioId,
    source: `import of ${loaded.fileName}`,
    summary,
    plan,
    history: {
      fileName: loaded.fileName,
      sha256: loaded.sha256,
      size: loaded.size,
      sheet: mapping.sheet,
      rowsRead: report.rowsRead,
      rowsUsed: report.rowsUsed,
      added: c.added,
      replaced: c.replaced + c.rounding,
      unchanged: c.unchanged + c.excluded,
      warnings: report.warnings,
    },
    saveMapping: options.saveMappingAs
      ? mappingToSave(options.saveMappingAs, signatureOf(loaded.analysis!.headers), { ...report.mapping, options: kept })
      : null,
  };
  return { commit, report };
}

/**
 * Validates again against the plan as it is now, then writes everything as one recorded
 * change with its history row, on this connection. Throws VALIDATION (writing nothing) while
 * any error stands. The app writes in the plan worker instead (prepareImportCommit, then the
 * 'import-commit' job); the CLI, with no window to keep responsive, writes here.
 */
export async function commitImport(
  db: Db,
  loaded: LoadedImport,
  scenarioId: number,
  mapping: ImportMapping,
  options: { saveMappingAs?: string | undefined; via?: Via } = {},
  p: Progress = NO_PROGRESS,
): Promise<{ history: ImportHistoryRow; report: ImportReport }> {
  const { commit, report } = await prepareImportCommit(db, loaded, scenarioId, mapping, options, p);
  return { history: getImportHistory(db, writeImportCommit(db, commit)), report };
}
