/**
 * Snapshots: the whole plan frozen under a name, stored inside the plan file (table `snapshot`)
 * so it travels with it. A snapshot is a complete plan database made with VACUUM INTO (never a
 * raw copy of the live file), minus the snapshots themselves and the change log's row images.
 * Opening, comparing and restoring write the bytes to a private temporary file and open that.
 */
import type ExcelJS from 'exceljs';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HistoryState } from '../../../shared/api/dto';
import type { ScenarioMove, SnapshotComparison, SnapshotRow, SnapshotScenario, SnapshotView, TargetLine, TargetMove } from '../../../shared/api/channels/audit';
import { AppError } from '../../../shared/api/errors';
import { yearLabel } from '../../../shared/format';
import { currentUser, historyState, recordChange } from '../../db/changes';
import { openPlanFile, type Db } from '../../db/connection';
import { LATEST_VERSION } from '../../db/migrations';
import { runScenario } from '../projection';
import { put } from '../export/sheet-kit';
import { writeFileAtomic } from '../../fs/atomic';
import { temporaryWriteFailure } from '../../fs/file-errors';
import { planBytes } from '../../db/copy';
import { getMeta } from '../../db/repos/meta';
import { listScenarios } from '../../db/repos/scenarios';
import {
  deleteSnapshotRow,
  insertSnapshot,
  lastActiveChangeId,
  snapshotData,
  snapshotMeta,
  snapshotMetas,
  snapshotNameTaken,
  withAttached,
  writeSnapshotCopy,
  type SnapshotMeta,
} from '../../db/repos/snapshots';
import { targetRows } from '../../db/repos/targets';
import { contentTables, replaceContentFrom } from '../../db/repos/content';
import { diffContent } from './content';

/** Input changes listed in a comparison; the count says how many there were in all. */
export const MAX_LISTED_CHANGES = 2000;

/** An empty owner-only file in a new owner-only temporary folder, for a copy of the plan. */
function tempPlanPath(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `wfp-${label}-`));
  const file = path.join(dir, 'plan.wfplan');
  try {
    fs.chmodSync(dir, 0o700);
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (err) {
    removeTemp(file);
    throw err;
  }
  return file;
}

function removeTemp(file: string): void {
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

const toRow = (m: SnapshotMeta): SnapshotRow => ({ id: m.id, name: m.name, at: m.at, user: m.user, size: m.size });

export function listSnapshots(db: Db): SnapshotRow[] {
  return snapshotMetas(db).map(toRow);
}

function requireSnapshot(db: Db, id: number): SnapshotMeta {
  const m = snapshotMeta(db, id);
  if (!m) throw new AppError('NOT_FOUND', `Snapshot ${id} does not exist (it may have been deleted). Refresh the list of snapshots.`);
  return m;
}

/** Refuses an empty name or one already used, before any work is done. */
export function checkSnapshotName(db: Db, name: string): string {
  const clean = name.trim();
  if (!clean) throw new AppError('VALIDATION', 'Give the snapshot a name, for example "Board, March 2026".');
  if (snapshotNameTaken(db, clean)) {
    throw new AppError('CONFLICT', `There is already a snapshot called "${clean}". Choose another name.`);
  }
  return clean;
}

/** A snapshot's content: the plan's bytes as a checked database, and the last change it holds. */
export interface SnapshotBytes {
  bytes: Uint8Array;
  sha256: string;
  changeId: number | null;
}

/**
 * The whole plan as one database file's bytes, made with VACUUM INTO (never a raw copy of the
 * live file), minus the snapshots and the change log's row images, checked. Reads only: it can
 * run on a read-only connection of its own, off the main thread.
 */
export function snapshotBytes(db: Db): SnapshotBytes {
  let file: string;
  try {
    file = tempPlanPath('snapshot');
  } catch (err) {
    throw temporaryWriteFailure(err, planBytes(db), 'Saving the snapshot');
  }
  try {
    const changeId = lastActiveChangeId(db);
    try {
      const ok = writeSnapshotCopy(db, file);
      if (ok !== 'ok') throw new AppError('IO', `The snapshot copy failed its check (${ok}); nothing was saved.`);
    } catch (err) {
      throw temporaryWriteFailure(err, planBytes(db), 'Saving the snapshot');
    }
    const bytes = fs.readFileSync(file);
    return { bytes, sha256: crypto.createHash('sha256').update(bytes).digest('hex'), changeId };
  } finally {
    removeTemp(file);
  }
}

/** Stores snapshot bytes (from snapshotBytes) under `name`. */
export function storeSnapshot(db: Db, name: string, content: SnapshotBytes, now: Date = new Date()): SnapshotRow {
  const clean = checkSnapshotName(db, name);
  if (crypto.createHash('sha256').update(content.bytes).digest('hex') !== content.sha256) {
    throw new AppError('IO', 'The snapshot copy changed on its way to the plan; nothing was saved. Try again.');
  }
  const id = insertSnapshot(db, {
    name: clean,
    at: now.toISOString(),
    user: currentUser(),
    schemaVersion: LATEST_VERSION,
    changeId: content.changeId,
    sha256: content.sha256,
    bytes: content.bytes,
  });
  return toRow(requireSnapshot(db, id));
}

/** Freezes the whole plan under `name` (on this connection; the window does it off the main thread). */
export function saveSnapshot(db: Db, name: string, now: Date = new Date()): SnapshotRow {
  checkSnapshotName(db, name);
  return storeSnapshot(db, name, snapshotBytes(db), now);
}

export function deleteSnapshot(db: Db, id: number): { deleted: number } {
  requireSnapshot(db, id);
  deleteSnapshotRow(db, id);
  return { deleted: id };
}

/**
 * Writes a snapshot to a temporary plan file (upgraded to this version's format if it is older),
 * runs `fn` with its path, then removes it.
 */
export function withSnapshotFile<T>(db: Db, id: number, fn: (file: string, meta: SnapshotMeta) => T): T {
  const meta = requireSnapshot(db, id);
  const data = snapshotData(db, id);
  if (crypto.createHash('sha256').update(data).digest('hex') !== meta.sha256) {
    throw new AppError('CORRUPT', `Snapshot "${meta.name}" is damaged (its checksum does not match). It cannot be opened or restored.`);
  }
  let file: string | null = null;
  try {
    file = tempPlanPath('snapshot');
    fs.writeFileSync(file, data);
  } catch (err) {
    if (file) removeTemp(file);
    throw temporaryWriteFailure(err, data.length, 'Opening the snapshot');
  }
  try {
    if (meta.schema_version < LATEST_VERSION) {
      const conn = openPlanFile(file, { backupDir: path.dirname(file) });
      conn.db.pragma('journal_mode = DELETE');
      conn.db.close();
    }
    return fn(file, meta);
  } finally {
    removeTemp(file);
  }
}

/** Opens a snapshot read-only for `fn`. */
export function withSnapshotDb<T>(db: Db, id: number, fn: (snap: Db, meta: SnapshotMeta) => T): T {
  return withSnapshotFile(db, id, (file, meta) => {
    const conn = openPlanFile(file, { readOnly: true });
    try {
      return fn(conn.db, meta);
    } finally {
      conn.db.close();
    }
  });
}

function targetNames(db: Db): Map<number, { name: string; year: number }> {
  return new Map(targetRows(db).map((r) => [r.id, { name: r.name, year: r.year }]));
}

function project(db: Db, scenario: { id: number; name: string }, problems: string[]): SnapshotScenario | null {
  try {
    const { result } = runScenario(db, scenario.id);
    const names = targetNames(db);
    const targets: TargetLine[] = result.targets.map((t) => ({
      name: names.get(t.targetId)?.name ?? `Target ${t.targetId}`,
      year: names.get(t.targetId)?.year ?? 0,
      value: t.value,
      projected: t.projected,
      status: t.status,
    }));
    return {
      scenarioId: scenario.id,
      name: scenario.name,
      years: result.years,
      supply: result.totals.closing,
      demand: result.totals.demand,
      gap: result.totals.gap,
      targets,
    };
  } catch (err) {
    problems.push(`Scenario "${scenario.name}" could not be projected: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}

/** A snapshot's plan name, scenarios and results, read from a read-only copy. */
export function openSnapshot(db: Db, id: number): SnapshotView {
  return withSnapshotDb(db, id, (snap, meta) => {
    const problems: string[] = [];
    const planName = getMeta(snap, 'name') ?? '';
    const scenarios = listScenarios(snap)
      .map((s) => project(snap, s, problems))
      .filter((s): s is SnapshotScenario => s !== null);
    return { snapshot: toRow(meta), planName, scenarios, problems };
  });
}

function withSide<T>(db: Db, id: number | null, fn: (side: Db, label: string) => T): T {
  if (id === null) return fn(db, 'Now');
  return withSnapshotDb(db, id, (snap, meta) => fn(snap, meta.name));
}

function moveOf(a: SnapshotScenario | undefined, b: SnapshotScenario | undefined): ScenarioMove {
  const any = (b ?? a) as SnapshotScenario;
  const key = (t: TargetLine) => `${t.name}\u0000${t.year}`;
  const tb = new Map((b?.targets ?? []).map((t) => [key(t), t]));
  const ta = new Map((a?.targets ?? []).map((t) => [key(t), t]));
  const targets: TargetMove[] = [...new Set([...ta.keys(), ...tb.keys()])].map((k) => {
    const x = ta.get(k);
    const y = tb.get(k);
    const t = (y ?? x) as TargetLine;
    return {
      name: t.name,
      year: t.year,
      value: t.value,
      projectedA: x?.projected ?? null,
      projectedB: y?.projected ?? null,
      statusA: x?.status ?? null,
      statusB: y?.status ?? null,
    };
  });
  return { name: any.name, years: any.years, gapA: a?.gap ?? null, gapB: b?.gap ?? null, supplyA: a?.supply ?? null, supplyB: b?.supply ?? null, targets };
}

/**
 * Compares two states of the plan (snapshot ids, or null for now): which inputs changed, and
 * how each scenario's targets and gap moved. Scenarios are matched by name.
 */
export function compareSnapshots(db: Db, a: number | null, b: number | null): SnapshotComparison {
  const tables = contentTables(db);
  return withSide(db, a, (dbA, labelA) =>
    withSide(db, b, (dbB, labelB) => {
      const changes = diffContent(dbA, dbB, tables);
      const problems: string[] = [];
      const projA = new Map(listScenarios(dbA).map((s) => [s.name, project(dbA, s, problems) ?? undefined]));
      const projB = new Map(listScenarios(dbB).map((s) => [s.name, project(dbB, s, problems) ?? undefined]));
      const scenarios: ScenarioMove[] = [];
      for (const name of new Set([...projA.keys(), ...projB.keys()])) {
        const x = projA.get(name);
        const y = projB.get(name);
        if (x || y) scenarios.push(moveOf(x, y));
      }
      return { labelA, labelB, inputChanges: changes.slice(0, MAX_LISTED_CHANGES), inputChangeCount: changes.length, scenarios, problems };
    }),
  );
}

/** Replaces the plan's content with the snapshot's, as ONE undoable change. */
export function restoreSnapshot(db: Db, id: number): HistoryState {
  withSnapshotFile(db, id, (file, meta) => {
    withAttached(db, file, () =>
      recordChange(db, { source: `snapshot "${meta.name}"`, summary: `Restored snapshot "${meta.name}"` }, () =>
        replaceContentFrom(db, contentTables(db), 'snap'),
      ),
    );
  });
  return historyState(db);
}

const diffOf = (a: number[] | null, b: number[] | null, i: number): number | null => (a && b && a[i] !== undefined && b[i] !== undefined ? b[i] - a[i] : null);

/** The comparison as one workbook sheet. */
export async function comparisonWorkbook(cmp: SnapshotComparison): Promise<ExcelJS.Workbook> {
  // Loaded when needed: exceljs is large, and most uses of this module never write a workbook.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Workforce Pipeline Planner';
  const ws = wb.addWorksheet('Comparison');
  let r = 1;
  const line = (values: (string | number | null)[], bold = false, format?: string) => {
    values.forEach((v, i) => {
      const cell = ws.getCell(r, i + 1);
      put(cell, v, typeof v === 'number' ? format : undefined);
      if (bold) cell.font = { bold: true };
    });
    r += 1;
  };
  line([`Comparison: ${cmp.labelA} → ${cmp.labelB}`], true);
  line([`${cmp.inputChangeCount} input change${cmp.inputChangeCount === 1 ? '' : 's'}`]);
  r += 1;
  for (const s of cmp.scenarios) {
    line([`Scenario: ${s.name}`], true);
    // A gap as the app shows it: supply − demand, a shortfall negative (the engine's gap is demand − supply).
    const supplyMinusDemand = (g: number | null | undefined) => (g === null || g === undefined ? null : -g);
    line(['Supply − demand (FTE; negative = shortfall)', ...s.years.map((y) => yearLabel(y))], true);
    line([cmp.labelA, ...s.years.map((_, i) => supplyMinusDemand(s.gapA?.[i]))], false, '"+"#,##0.0;[Red]"−"#,##0.0;0.0');
    line([cmp.labelB, ...s.years.map((_, i) => supplyMinusDemand(s.gapB?.[i]))], false, '"+"#,##0.0;[Red]"−"#,##0.0;0.0');
    line(['Moved by (+ = a smaller shortfall)', ...s.years.map((_, i) => supplyMinusDemand(diffOf(s.gapA, s.gapB, i)))], false, '"+"#,##0.0;"−"#,##0.0;0.0');
    if (s.targets.length > 0) {
      line(
        ['Target', 'Year', 'Target value', `Projected (${cmp.labelA})`, `Projected (${cmp.labelB})`, `Status (${cmp.labelA})`, `Status (${cmp.labelB})`],
        true,
      );
      for (const t of s.targets) line([t.name, yearLabel(t.year), t.value, t.projectedA, t.projectedB, t.statusA, t.statusB], false, '#,##0.0');
    }
    r += 1;
  }
  line(['Inputs changed'], true);
  line(['What', 'Change', 'Field', cmp.labelA, cmp.labelB], true);
  for (const c of cmp.inputChanges) {
    const fields = c.fields.length > 0 ? c.fields : [{ field: '', old: null, new: null }];
    for (const f of fields) line([c.label, c.op, f.field, f.old, f.new]);
  }
  if (cmp.inputChangeCount > cmp.inputChanges.length) line([`… and ${cmp.inputChangeCount - cmp.inputChanges.length} more changes not listed`]);
  ws.getColumn(1).width = 48;
  for (let c = 2; c <= 16; c++) ws.getColumn(c).width = 14;
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return wb;
}

/** Writes the comparison workbook atomically (temporary file, then rename). */
export async function writeComparison(cmp: SnapshotComparison, target: string): Promise<{ path: string }> {
  const wb = await comparisonWorkbook(cmp);
  const buf = await wb.xlsx.writeBuffer();
  writeFileAtomic(target, new Uint8Array(buf));
  return { path: path.resolve(target) };
}
