/**
 * The change log: every edit to a plan is one change set holding before/after images of the
 * rows it touched. Images are captured by temporary triggers, so cascades and bulk writes are
 * caught too, and no service has to remember to log. Undo applies the before images, redo the
 * after images; both are recorded as entries of their own for the audit trail.
 */
import os from 'node:os';
import { AppError } from '../../shared/api/errors';
import type { HistoryState } from '../../shared/api/dto';
import type { Db } from './connection';
import { statement } from './statements';

/** Tables whose rows are bookkeeping, not undoable plan content. */
const UNTRACKED = new Set(['change_set', 'change_row', 'import_history', 'import_mapping', 'snapshot']);

interface TableInfo {
  columns: string[];
  pk: string[];
}

const tableInfoCache = new WeakMap<Db, Map<string, TableInfo>>();

function tableInfo(db: Db, table: string): TableInfo {
  let byDb = tableInfoCache.get(db);
  if (!byDb) {
    byDb = new Map();
    tableInfoCache.set(db, byDb);
  }
  const cached = byDb.get(table);
  if (cached) return cached;
  const cols = statement(db, 'SELECT name, pk FROM pragma_table_info(?) ORDER BY cid').all(table) as { name: string; pk: number }[];
  const info = {
    columns: cols.map((c) => c.name),
    pk: cols
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name),
  };
  byDb.set(table, info);
  return info;
}

const q = (ident: string): string => `"${ident.replace(/"/g, '""')}"`;

/** Creates the temporary capture triggers on this connection (call after migrating). */
export function installChangeTracking(db: Db): void {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS change_ctx (change_id INTEGER)');
  const tables = statement(db, "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
    name: string;
  }[];
  for (const { name } of tables) {
    if (UNTRACKED.has(name)) continue;
    const { columns, pk } = tableInfo(db, name);
    if (pk.length === 0) throw new AppError('INTERNAL', `Table ${name} has no primary key and cannot be tracked.`);
    const image = (alias: string, cols: string[]) => `json_object(${cols.map((c) => `'${c}', ${alias}.${q(c)}`).join(', ')})`;
    const ctx = '(SELECT change_id FROM temp.change_ctx)';
    const ins = (op: string, pkAlias: string, before: string, after: string) =>
      `INSERT INTO main.change_row (change_id, tbl, op, pk, before, after) VALUES (${ctx}, '${name}', '${op}', ${image(pkAlias, pk)}, ${before}, ${after});`;
    db.exec(`
      CREATE TEMP TRIGGER IF NOT EXISTS ${q(`track_${name}_insert`)} AFTER INSERT ON main.${q(name)}
      WHEN ${ctx} IS NOT NULL BEGIN ${ins('insert', 'NEW', 'NULL', image('NEW', columns))} END;
      CREATE TEMP TRIGGER IF NOT EXISTS ${q(`track_${name}_update`)} AFTER UPDATE ON main.${q(name)}
      WHEN ${ctx} IS NOT NULL AND ${image('OLD', columns)} IS NOT ${image('NEW', columns)}
      BEGIN ${ins('update', 'NEW', image('OLD', columns), image('NEW', columns))} END;
      CREATE TEMP TRIGGER IF NOT EXISTS ${q(`track_${name}_delete`)} AFTER DELETE ON main.${q(name)}
      WHEN ${ctx} IS NOT NULL BEGIN ${ins('delete', 'OLD', image('OLD', columns), 'NULL')} END;
    `);
  }
}

export interface ChangeMeta {
  /** How: "grid", "paste", "import of staff.xlsx", "required intake", … */
  source: string;
  /** What, in a few words: "RNDA intake 2021/22: 50 → 60". */
  summary: string;
  scenarioId?: number | null;
}

export function currentUser(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Runs `fn` in one transaction and records what it wrote as one undoable change. A change
 * that wrote nothing leaves no entry. Starting a new change drops the redo stack.
 */
export function recordChange<T>(db: Db, meta: ChangeMeta, fn: () => T): T {
  // Inside another change (a paste of many cells, an import): belong to that one.
  if (currentChangeId(db) !== null) return db.transaction(fn)();
  return db.transaction(() => {
    const info = statement(db, "INSERT INTO change_set (at, user, source, summary, scenario_id, kind, state) VALUES (?, ?, ?, ?, ?, 'edit', 'active')").run(
      new Date().toISOString(),
      currentUser(),
      meta.source,
      meta.summary,
      meta.scenarioId ?? null,
    );
    const changeId = Number(info.lastInsertRowid);
    statement(db, 'DELETE FROM temp.change_ctx').run();
    statement(db, 'INSERT INTO temp.change_ctx (change_id) VALUES (?)').run(changeId);
    let result: T;
    try {
      result = fn();
    } finally {
      statement(db, 'DELETE FROM temp.change_ctx').run();
    }
    const rows = (statement(db, 'SELECT count(*) n FROM change_row WHERE change_id = ?').get(changeId) as { n: number }).n;
    if (rows === 0) {
      statement(db, 'DELETE FROM change_set WHERE id = ?').run(changeId);
    } else {
      statement(db, "UPDATE change_set SET state = 'dropped' WHERE state = 'undone'").run();
    }
    return result;
  })();
}

/** The change set being recorded now (inside `recordChange`), or null outside one. */
export function currentChangeId(db: Db): number | null {
  return (statement(db, 'SELECT change_id FROM temp.change_ctx').get() as { change_id: number } | undefined)?.change_id ?? null;
}

interface ImageRow {
  tbl: string;
  op: 'insert' | 'update' | 'delete';
  pk: string;
  before: string | null;
  after: string | null;
}

function parseImage(json: string): Record<string, unknown> {
  return JSON.parse(json) as Record<string, unknown>;
}

function applyImage(db: Db, tbl: string, pkJson: string, image: string | null): void {
  const pk = parseImage(pkJson);
  const pkCols = Object.keys(pk);
  const where = pkCols.map((c) => `${q(c)} = ?`).join(' AND ');
  const pkValues = pkCols.map((c) => pk[c]);
  if (image === null) {
    statement(db, `DELETE FROM main.${q(tbl)} WHERE ${where}`).run(...pkValues);
    return;
  }
  const row = parseImage(image);
  const cols = Object.keys(row);
  const exists = statement(db, `SELECT 1 FROM main.${q(tbl)} WHERE ${where}`).get(...pkValues);
  if (exists) {
    statement(db, `UPDATE main.${q(tbl)} SET ${cols.map((c) => `${q(c)} = ?`).join(', ')} WHERE ${where}`).run(...cols.map((c) => row[c]), ...pkValues);
  } else {
    statement(db, `INSERT INTO main.${q(tbl)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c]));
  }
}

function logEntry(db: Db, kind: 'undo' | 'redo', target: { id: number; summary: string; scenario_id: number | null }): void {
  statement(db, "INSERT INTO change_set (at, user, source, summary, scenario_id, kind, target_change_id, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'active')").run(
    new Date().toISOString(),
    currentUser(),
    kind,
    `${kind === 'undo' ? 'Undid' : 'Redid'}: ${target.summary}`,
    target.scenario_id,
    kind,
    target.id,
  );
}

interface ChangeHead {
  id: number;
  summary: string;
  scenario_id: number | null;
}

function nextUndo(db: Db): ChangeHead | undefined {
  return statement(db, "SELECT id, summary, scenario_id FROM change_set WHERE kind = 'edit' AND state = 'active' ORDER BY id DESC LIMIT 1").get() as
    | ChangeHead
    | undefined;
}

function nextRedo(db: Db): ChangeHead | undefined {
  return statement(db, "SELECT id, summary, scenario_id FROM change_set WHERE state = 'undone' ORDER BY undone_seq DESC LIMIT 1").get() as
    | ChangeHead
    | undefined;
}

export function historyState(db: Db): HistoryState {
  const u = nextUndo(db);
  const r = nextRedo(db);
  return { canUndo: !!u, undoLabel: u?.summary ?? null, canRedo: !!r, redoLabel: r?.summary ?? null };
}

/** Undoes the latest active change; returns the change undone, or null when there is none. */
export function undo(db: Db): ChangeHead | null {
  return db.transaction(() => {
    const target = nextUndo(db);
    if (!target) return null;
    db.pragma('defer_foreign_keys = ON');
    const rows = statement(db, 'SELECT tbl, op, pk, before, after FROM change_row WHERE change_id = ? ORDER BY id DESC').all(target.id) as ImageRow[];
    for (const r of rows) applyImage(db, r.tbl, r.pk, r.before);
    const seq = (statement(db, 'SELECT coalesce(max(undone_seq), 0) + 1 AS s FROM change_set').get() as { s: number }).s;
    statement(db, "UPDATE change_set SET state = 'undone', undone_seq = ? WHERE id = ?").run(seq, target.id);
    logEntry(db, 'undo', target);
    return target;
  })();
}

/** Redoes the most recently undone change; returns it, or null when there is none. */
export function redo(db: Db): ChangeHead | null {
  return db.transaction(() => {
    const target = nextRedo(db);
    if (!target) return null;
    db.pragma('defer_foreign_keys = ON');
    const rows = statement(db, 'SELECT tbl, op, pk, before, after FROM change_row WHERE change_id = ? ORDER BY id ASC').all(target.id) as ImageRow[];
    for (const r of rows) applyImage(db, r.tbl, r.pk, r.after);
    statement(db, "UPDATE change_set SET state = 'active', undone_seq = NULL WHERE id = ?").run(target.id);
    logEntry(db, 'redo', target);
    return target;
  })();
}

/** What `revertChange` did: the change set that reverted it, or the later change in its way. */
export type RevertResult = { reverted: true; changeId: number | null } | { reverted: false; blockedBy: string };

/**
 * Reverts one change, not necessarily the latest, by applying its before images as a new
 * change (so the audit trail shows it and undo can take it back). Refused, writing nothing,
 * when a later active change touched any of the same rows: reverting it would overwrite that
 * change's figures. The reverted change itself stays in the log as it was.
 */
export function revertChange(db: Db, changeSetId: number, meta?: ChangeMeta): RevertResult {
  const target = statement(db, 'SELECT id, summary, scenario_id, state FROM change_set WHERE id = ?').get(changeSetId) as
    | (ChangeHead & { state: string })
    | undefined;
  if (!target) throw new AppError('NOT_FOUND', `Change ${changeSetId} is not in this plan's history.`);
  if (target.state !== 'active') throw new AppError('CONFLICT', `"${target.summary}" has been undone already, so there is nothing to revert.`);
  const later = statement(
    db,
    `SELECT s.summary FROM change_row r JOIN change_set s ON s.id = r.change_id
     WHERE s.id > ? AND s.state = 'active'
       AND EXISTS (SELECT 1 FROM change_row o WHERE o.change_id = ? AND o.tbl = r.tbl AND o.pk = r.pk)
     ORDER BY s.id LIMIT 1`,
  ).get(changeSetId, changeSetId) as { summary: string } | undefined;
  if (later) return { reverted: false, blockedBy: later.summary };
  const rows = statement(db, 'SELECT tbl, op, pk, before, after FROM change_row WHERE change_id = ? ORDER BY id DESC').all(changeSetId) as ImageRow[];
  const how = meta ?? { source: 'revert', summary: `Reverted: ${target.summary}`, scenarioId: target.scenario_id };
  const changeId = recordChange(db, how, () => {
    db.pragma('defer_foreign_keys = ON');
    for (const r of rows) applyImage(db, r.tbl, r.pk, r.before);
    return currentChangeId(db);
  });
  // A revert that wrote nothing (the rows were already as before) leaves no change set.
  const kept = changeId !== null && statement(db, 'SELECT 1 FROM change_set WHERE id = ?').get(changeId) !== undefined;
  return { reverted: true, changeId: kept ? changeId : null };
}
