import path from 'node:path';
import type { Handlers } from '../../../shared/api/contract';
import type { AppContext } from '../../app-context';
import { listAudit } from '../../services/history/audit';
import { makeBackup } from '../../services/history/backups';
import { compareSnapshots, deleteSnapshot, listSnapshots, openSnapshot, restoreSnapshot, saveSnapshot, writeComparison } from '../../services/history/snapshots';
import { nameFromPath } from '../../services/plan-session';

type AuditHandlers = Pick<
  Handlers,
  | 'audit/list'
  | 'snapshots/list'
  | 'snapshots/save'
  | 'snapshots/open'
  | 'snapshots/compare'
  | 'snapshots/export-comparison'
  | 'snapshots/restore'
  | 'snapshots/delete'
  | 'backups/list'
  | 'backups/create'
  | 'backups/restore'
  | 'backups/damaged'
  | 'backups/recover'
>;

const XLSX_FILTERS = [{ name: 'Excel workbook', extensions: ['xlsx'] }];

export function auditHandlers(ctx: AppContext): AuditHandlers {
  return {
    'audit/list': (filter) => listAudit(ctx.db, filter),

    'snapshots/list': () => listSnapshots(ctx.db),
    'snapshots/save': ({ name }) => saveSnapshot(ctx.writableDb, name),
    'snapshots/open': ({ snapshotId }) => openSnapshot(ctx.db, snapshotId),
    'snapshots/compare': ({ a, b }) => compareSnapshots(ctx.db, a, b),
    'snapshots/export-comparison': async ({ a, b }) => {
      const cmp = compareSnapshots(ctx.db, a, b);
      const suggested = path.join(path.dirname(ctx.session.path), `${nameFromPath(ctx.session.path)} - ${cmp.labelA} vs ${cmp.labelB}.xlsx`.replace(/[\\/:*?"<>|]/g, '-'));
      const chosen = await ctx.dialogs.chooseFileToSave('Save comparison', suggested, XLSX_FILTERS);
      if (!chosen) return null;
      const target = path.extname(chosen).toLowerCase() === '.xlsx' ? chosen : `${chosen}.xlsx`;
      return writeComparison(cmp, target);
    },
    'snapshots/restore': ({ snapshotId }) => restoreSnapshot(ctx.writableDb, snapshotId),
    'snapshots/delete': ({ snapshotId }) => deleteSnapshot(ctx.writableDb, snapshotId),

    'backups/list': () => ctx.listBackups(),
    'backups/create': () => makeBackup(ctx.writableDb, ctx.backupFolder),
    'backups/restore': ({ file }) => ctx.restoreBackup(file),
    'backups/damaged': () => ctx.damagedPlan(),
    'backups/recover': () => ctx.recoverDamaged(),
  };
}
