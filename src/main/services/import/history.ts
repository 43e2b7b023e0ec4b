/**
 * The plan's import history, and undo of one import: the change log reverts the import's change
 * as a new change, unless a later change touched the same rows.
 */
import type { ImportHistoryRow } from '../../../shared/api/channels/import';
import { AppError } from '../../../shared/api/errors';
import type { Db } from '../../db/connection';
import { revertChange } from '../../db/changes';
import { importHistoryRow, importHistoryRows, setImportUndoChange, type ImportHistoryDbRow } from '../../db/repos/imports';

function historyRow(r: ImportHistoryDbRow): ImportHistoryRow {
  const undone = r.change_state === 'undone' || (r.undo_change_id !== null && r.undo_state === 'active');
  return {
    id: r.id,
    at: r.at,
    user: r.user,
    fileName: r.file_name,
    sha256: r.sha256,
    size: r.size,
    target: r.target,
    scenarioId: r.scenario_id,
    rowsRead: r.rows_read,
    added: r.added,
    replaced: r.replaced,
    changeId: r.change_id,
    state: undone ? 'undone' : 'active',
  };
}

export function listImportHistory(db: Db): ImportHistoryRow[] {
  return importHistoryRows(db).map(historyRow);
}

export function getImportHistory(db: Db, importId: number): ImportHistoryRow {
  const r = importHistoryRow(db, importId);
  if (!r) throw new AppError('NOT_FOUND', `Import ${importId} is not in this plan's import history.`);
  return historyRow(r);
}

/** Undoes one import as a new change; refuses when a later change touched the same rows. */
export function undoImport(db: Db, importId: number): ImportHistoryRow {
  const h = getImportHistory(db, importId);
  if (h.state === 'undone') throw new AppError('CONFLICT', `The import of "${h.fileName}" has already been undone.`);
  const changeId = h.changeId;
  if (changeId === null) throw new AppError('CONFLICT', `The import of "${h.fileName}" changed nothing, so there is nothing to undo.`);
  db.transaction(() => {
    const r = revertChange(db, changeId, { source: `undo of import of ${h.fileName}`, summary: `Undid the import of ${h.fileName}`, scenarioId: h.scenarioId });
    if (!r.reverted) {
      throw new AppError(
        'CONFLICT',
        `The import of "${h.fileName}" cannot be undone: a later change ("${r.blockedBy}") edited the same figures. Undo that change first, or edit the figures by hand.`,
      );
    }
    setImportUndoChange(db, importId, r.changeId);
  })();
  return getImportHistory(db, importId);
}
