/** History's third tab: the plan's automatic backups, restoring one as a new plan, and recovering a damaged plan. */
import { useCallback, useEffect, useState } from 'react';
import type { BackupRow, DamagedPlan } from '../../../../shared/api/channels/audit';
import { useAppState } from '../../app/AppState';
import { call, errorMessage } from '../../api';
import { DataTable } from '../../components/DataTable';
import { sizeLabel, when } from './words';

export function BackupsPanel() {
  const { notify, dataVersion, plan } = useAppState();
  const [list, setList] = useState<BackupRow[] | null>(null);
  const [damaged, setDamaged] = useState<DamagedPlan | null>(null);

  const reload = useCallback(async () => {
    const [l, d] = await Promise.all([call('backups/list', {}), call('backups/damaged', {})]);
    setList(l);
    setDamaged(d);
  }, []);
  useEffect(() => {
    reload().catch((err: unknown) => notify('error', errorMessage(err)));
  }, [reload, dataVersion, notify]);

  const backupNow = async () => {
    try {
      const b = await call('backups/create', {});
      notify('info', `Backed up the plan (${sizeLabel(b.size)}).`);
      await reload();
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };
  const restore = async (b: BackupRow) => {
    try {
      const info = await call('backups/restore', { file: b.file });
      notify('info', `Restored the backup from ${when(b.at)} as a new plan, “${info.name}”, now open (${info.path}). The plan you had open was not changed.`);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };
  const recover = async () => {
    try {
      const info = await call('backups/recover', {});
      notify('info', `Restored the newest good backup as “${info.name}” (${info.path}), now open. The damaged file was left unchanged.`);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  return (
    <div className="history-panel">
      {damaged ? (
        <section className="notice notice-error damaged-plan" aria-labelledby="damaged-plan-heading">
          <div className="notice-text">
            <h2 id="damaged-plan-heading" className="history-minor">
              A plan could not be opened because it is damaged
            </h2>
            <p>{damaged.message}</p>
            {damaged.backup ? (
              <button type="button" className="button" onClick={() => void recover()}>
                Restore the newest good backup ({when(damaged.backup.at)})
              </button>
            ) : (
              <p>No good backup of it was found.</p>
            )}
          </div>
        </section>
      ) : null}
      <p className="hint">
        The plan is backed up when it is opened and at most every 5 minutes while it changes. Kept: every backup from the last hour, one a day for two weeks,
        then one a week. Restoring makes a new plan file beside this one; the open plan is not changed.
      </p>
      <div className="view-actions-left">
        <button type="button" className="button button-secondary" onClick={() => void backupNow()} disabled={plan?.readOnly}>
          Back up now
        </button>
      </div>
      {list === null ? (
        <p className="loading">Reading the backups…</p>
      ) : list.length === 0 ? (
        <p className="hint">No backups of this plan yet.</p>
      ) : (
        <DataTable
          className="history-table"
          caption="Backups of this plan, newest first"
          captionClassName="visually-hidden"
          rows={list}
          rowKey={(b) => b.file}
          columns={[
            { header: 'Backed up', className: 'nowrap', cell: (b) => when(b.at) },
            { header: 'Size', numeric: true, cell: (b) => sizeLabel(b.size) },
            {
              header: 'Actions',
              cell: (b) => (
                <button type="button" className="button button-secondary" onClick={() => void restore(b)} aria-label={`Restore the backup from ${when(b.at)}`}>
                  Restore
                </button>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
