import { z } from 'zod';
import type { HistoryState, PlanInfo } from '../dto';
import { channel } from '../channel';
import { id, name } from '../schemas';

/** One field of one row that a change touched: old → new, as stored (null = absent). */
export interface AuditField {
  field: string;
  old: string | null;
  new: string | null;
}

export interface AuditRowChange {
  table: string;
  op: 'insert' | 'update' | 'delete';
  /** What the row is, in words: "Pipeline intake 2021/22 · pipeline 12". */
  label: string;
  orgId: number | null;
  roleId: number | null;
  fields: AuditField[];
}

export interface AuditEntry {
  id: number;
  /** ISO time (UTC). */
  at: string;
  /** The operating-system user who made the change. */
  user: string;
  /** How: grid, paste, import of a file, required intake, snapshot, undo… */
  source: string;
  summary: string;
  kind: 'edit' | 'undo' | 'redo';
  /** active, undone (can be redone) or dropped (undone, then replaced by a new change). */
  state: 'active' | 'undone' | 'dropped';
  scenarioId: number | null;
  scenarioName: string | null;
  /** Number of rows the change touched. */
  rowCount: number;
  /** The first rows (up to 50); a bulk change is summarised by rowCount. */
  rows: AuditRowChange[];
}

export interface AuditFilter {
  scenarioId?: number | undefined;
  orgId?: number | undefined;
  roleId?: number | undefined;
  /** yyyy-mm-dd, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
}

export interface SnapshotRow {
  id: number;
  name: string;
  at: string;
  user: string;
  size: number;
}

export interface SnapshotScenario {
  scenarioId: number;
  name: string;
  years: number[];
  /** System totals, FTE per year. */
  supply: number[];
  demand: number[];
  gap: number[];
  targets: TargetLine[];
}

export interface TargetLine {
  name: string;
  year: number;
  value: number | null;
  projected: number | null;
  status: string;
}

export interface SnapshotView {
  snapshot: SnapshotRow;
  planName: string;
  scenarios: SnapshotScenario[];
  /** Engine failure, when a scenario could not be projected. */
  problems: string[];
}

export interface InputChange {
  table: string;
  op: 'added' | 'removed' | 'changed';
  label: string;
  fields: AuditField[];
}

export interface TargetMove {
  name: string;
  year: number;
  value: number | null;
  projectedA: number | null;
  projectedB: number | null;
  statusA: string | null;
  statusB: string | null;
}

export interface ScenarioMove {
  name: string;
  years: number[];
  gapA: number[] | null;
  gapB: number[] | null;
  supplyA: number[] | null;
  supplyB: number[] | null;
  targets: TargetMove[];
}

export interface SnapshotComparison {
  /** "Board, March 2026" or "Now". */
  labelA: string;
  labelB: string;
  inputChanges: InputChange[];
  /** All input changes, when more than are listed. */
  inputChangeCount: number;
  scenarios: ScenarioMove[];
  problems: string[];
}

export interface BackupRow {
  /** File name inside the plan's backup folder (the id a restore names). */
  file: string;
  at: string;
  size: number;
}

export interface DamagedPlan {
  path: string;
  message: string;
  /** The newest backup that passed its check, or null when there is none. */
  backup: BackupRow | null;
}

const none = z.object({}).strict();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date must look like 2026-03-31');
/** null = the plan as it is now. */
const side = id.nullable();
export const BACKUP_FILE_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.wfplan$/;

/** The audit trail, snapshots and automatic backups. */
export const auditChannels = {
  'audit/list': channel<AuditEntry[]>()(
    z
      .object({
        scenarioId: id.optional(),
        orgId: id.optional(),
        roleId: id.optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        limit: z.int().min(1).max(5000).optional(),
      })
      .strict(),
  ),
  'snapshots/list': channel<SnapshotRow[]>()(none),
  'snapshots/save': channel<SnapshotRow>()(z.object({ name: name('Snapshot name') }).strict()),
  'snapshots/open': channel<SnapshotView>()(z.object({ snapshotId: id }).strict()),
  'snapshots/compare': channel<SnapshotComparison>()(z.object({ a: side, b: side }).strict()),
  'snapshots/export-comparison': channel<{ path: string } | null>()(z.object({ a: side, b: side }).strict()),
  'snapshots/restore': channel<HistoryState>()(z.object({ snapshotId: id }).strict()),
  'snapshots/delete': channel<{ deleted: number }>()(z.object({ snapshotId: id }).strict()),
  'backups/list': channel<BackupRow[]>()(none),
  'backups/create': channel<BackupRow>()(none),
  'backups/restore': channel<PlanInfo>()(z.object({ file: z.string().regex(BACKUP_FILE_PATTERN, 'That is not the name of a backup') }).strict()),
  'backups/damaged': channel<DamagedPlan | null>()(none),
  'backups/recover': channel<PlanInfo>()(none),
} as const;
