/** The importer's bookkeeping: the import history and the saved column mappings. */
import type { ImportTarget } from '../../../shared/api/channels/import';
import type { Db } from '../connection';
import { statement } from '../statements';

export interface ImportHistoryDbRow {
  id: number;
  at: string;
  user: string;
  file_name: string;
  sha256: string;
  size: number;
  target: ImportTarget;
  scenario_id: number | null;
  rows_read: number;
  added: number;
  replaced: number;
  change_id: number | null;
  undo_change_id: number | null;
  change_state: string | null;
  undo_state: string | null;
}

const HISTORY_SQL = `SELECT h.*, c.state AS change_state, u.state AS undo_state FROM import_history h
  LEFT JOIN change_set c ON c.id = h.change_id LEFT JOIN change_set u ON u.id = h.undo_change_id`;

export function importHistoryRows(db: Db): ImportHistoryDbRow[] {
  return statement(db, `${HISTORY_SQL} ORDER BY h.id DESC`).all() as ImportHistoryDbRow[];
}

export function importHistoryRow(db: Db, importId: number): ImportHistoryDbRow | undefined {
  return statement(db, `${HISTORY_SQL} WHERE h.id = ?`).get(importId) as ImportHistoryDbRow | undefined;
}

/** What an import read and wrote, as its history row keeps it. */
export interface ImportHistoryFigures {
  fileName: string;
  sha256: string;
  size: number;
  sheet: string;
  rowsRead: number;
  rowsUsed: number;
  added: number;
  replaced: number;
  unchanged: number;
  warnings: number;
}

export interface NewImportHistory extends ImportHistoryFigures {
  user: string;
  target: ImportTarget;
  scenarioId: number;
  changeId: number | null;
}

export function insertImportHistory(db: Db, h: NewImportHistory): number {
  const info = statement(
    db,
    `INSERT INTO import_history (at, user, file_name, sha256, size, target, scenario_id, sheet, rows_read, rows_used, added, replaced, unchanged, warnings, change_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    new Date().toISOString(),
    h.user,
    h.fileName,
    h.sha256,
    h.size,
    h.target,
    h.scenarioId,
    h.sheet,
    h.rowsRead,
    h.rowsUsed,
    h.added,
    h.replaced,
    h.unchanged,
    h.warnings,
    h.changeId,
  );
  return Number(info.lastInsertRowid);
}

/** A change that wrote nothing leaves no change set: the history row must not point at it. */
export function dropDanglingImportChange(db: Db, importId: number): void {
  statement(db, 'UPDATE import_history SET change_id = NULL WHERE id = ? AND change_id NOT IN (SELECT id FROM change_set)').run(importId);
}

export function setImportUndoChange(db: Db, importId: number, changeId: number | null): void {
  statement(db, 'UPDATE import_history SET undo_change_id = ? WHERE id = ?').run(changeId, importId);
}

export interface SavedMappingDbRow {
  id: number;
  name: string;
  signature: string;
  target: ImportTarget;
  mapping: string;
  updated_at: string;
}

export function savedMappingNamed(db: Db, name: string): SavedMappingDbRow | undefined {
  return statement(db, 'SELECT * FROM import_mapping WHERE name = ?').get(name) as SavedMappingDbRow | undefined;
}

/** The mapping saved last for a layout (its headings' signature) and target. */
export function savedMappingFor(db: Db, signature: string, target: ImportTarget): SavedMappingDbRow | undefined {
  return statement(db, 'SELECT * FROM import_mapping WHERE signature = ? AND target = ? ORDER BY updated_at DESC LIMIT 1').get(signature, target) as
    | SavedMappingDbRow
    | undefined;
}

export function savedMappings(db: Db): Omit<SavedMappingDbRow, 'mapping'>[] {
  return statement(db, 'SELECT id, name, signature, target, updated_at FROM import_mapping ORDER BY name').all() as Omit<SavedMappingDbRow, 'mapping'>[];
}

export function upsertMapping(db: Db, m: { name: string; signature: string; target: ImportTarget; json: string }): void {
  statement(
    db,
    `INSERT INTO import_mapping (name, signature, target, mapping, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET signature = excluded.signature, target = excluded.target, mapping = excluded.mapping, updated_at = excluded.updated_at`,
  ).run(m.name, m.signature, m.target, m.json, new Date().toISOString());
}
