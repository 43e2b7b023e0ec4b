import type { auditChannels } from '../../../shared/api/channels/audit';
import type { HandlersFor } from '../../../shared/api/contract';
import type { AppContext } from '../../app-context';
import { listAudit } from '../../services/history/audit';
import { makeBackup } from '../../services/history/backups';
import { checkSnapshotName, deleteSnapshot, listSnapshots, storeSnapshot } from '../../services/history/snapshots';
import { comparisonPath, withExtension } from '../../services/file-names';

type AuditHandlers = HandlersFor<typeof auditChannels>;

const XLSX_FILTERS = [{ name: 'Excel workbook', extensions: ['xlsx'] }];

export function auditHandlers(ctx: AppContext): AuditHandlers {
  return {
    'audit/list': (filter) => listAudit(ctx.db, filter),

    'snapshots/list': () => listSnapshots(ctx.db),
    // Snapshots are made, opened, compared and restored in the plan worker: on a big plan each
    // takes longer than the window may wait.
    'snapshots/save': async ({ name }) => {
      checkSnapshotName(ctx.writableDb, name);
      const content = await ctx.writingOffThread('saving a snapshot', (file) => ctx.planWorker.run({ kind: 'snapshot-bytes', file }));
      return storeSnapshot(ctx.writableDb, name, content);
    },
    'snapshots/open': ({ snapshotId }) => ctx.planWorker.run({ kind: 'snapshot-open', file: ctx.session.conn.file, snapshotId }),
    'snapshots/compare': ({ a, b }) => ctx.planWorker.run({ kind: 'snapshot-compare', file: ctx.session.conn.file, a, b }),
    'snapshots/export-comparison': async ({ a, b }) => {
      const chosen = await ctx.dialogs.chooseFileToSave('Save comparison', comparisonPath(ctx.db, ctx.session.path, a, b), XLSX_FILTERS);
      if (!chosen) return null;
      return ctx.planWorker.run({ kind: 'comparison-workbook', file: ctx.session.conn.file, a, b, target: withExtension(chosen, '.xlsx') });
    },
    'snapshots/restore': ({ snapshotId }) =>
      ctx.writingOffThread('restoring a snapshot', (file) => ctx.planWorker.run({ kind: 'snapshot-restore', file, snapshotId })),
    'snapshots/delete': ({ snapshotId }) => deleteSnapshot(ctx.writableDb, snapshotId),

    'backups/list': () => ctx.listBackups(),
    'backups/create': () => makeBackup(ctx.writableDb, ctx.backupFolder),
    'backups/restore': ({ file }) => ctx.restoreBackup(file),
    'backups/damaged': () => ctx.damagedPlan(),
    'backups/recover': () => ctx.recoverDamaged(),
  };
}
