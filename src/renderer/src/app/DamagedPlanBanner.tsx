/**
 * When the plan the app tried to open was damaged, it opened another one: say so at once, and
 * offer the newest good backup of the damaged plan (restored to a new file; the damaged file is
 * left untouched).
 */
import { useEffect, useState } from 'react';
import type { DamagedPlan } from '../../../shared/api/channels/audit';
import { call, errorMessage } from '../api';
import { useAppState } from './AppState';

export function DamagedPlanBanner() {
  const { plan, refresh, notify } = useAppState();
  const [damaged, setDamaged] = useState<DamagedPlan | null>(null);

  useEffect(() => {
    call('backups/damaged', {})
      .then(setDamaged)
      .catch(() => setDamaged(null));
  }, [plan?.path]);

  if (!damaged) return null;
  const name = damaged.path.split(/[\\/]/).pop() ?? damaged.path;
  const recover = async () => {
    try {
      await call('backups/recover', {});
      setDamaged(null);
      await refresh();
      notify('info', `Restored the newest good backup of "${name}" as a new plan. The damaged file was left as it was.`);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };
  return (
    <div className="notice notice-error" role="alert">
      <span className="notice-icon" aria-hidden="true">
        ⚠
      </span>
      <span className="notice-text">
        {damaged.message}{' '}
        {damaged.backup ? `The newest good backup is from ${new Date(damaged.backup.at).toLocaleString('en-GB')}.` : 'There is no good backup of it.'}
      </span>
      {damaged.backup ? (
        <button type="button" className="button" onClick={() => void recover()}>
          Restore the newest good backup
        </button>
      ) : null}
      <button type="button" className="link-button" onClick={() => setDamaged(null)}>
        Dismiss
      </button>
    </div>
  );
}
