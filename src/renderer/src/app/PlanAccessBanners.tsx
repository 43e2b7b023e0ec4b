/**
 * What the window says about access to the plan: a plan open read-only says so for as long as
 * it is open, and why, with Save As at hand; a plan another program holds locked is offered
 * read-only (it is never called damaged).
 */
import { useEffect, useState } from 'react';
import type { LockedPlan } from '../../../shared/api/channels/plan';
import type { PlanInfo } from '../../../shared/api/dto';
import { call, errorMessage } from '../api';
import { useAppState } from './AppState';

/** Lets the plan commands tell the banner that an open was just refused as in use elsewhere. */
const lockListeners = new Set<() => void>();
export function planWasLocked(): void {
  for (const l of lockListeners) l();
}

const REASONS: Record<NonNullable<PlanInfo['readOnlyReason']>, string> = {
  asked: 'it was opened read-only',
  'read-only file': 'the file is read-only',
  'read-only folder': 'its folder is read-only',
  'read-only drive': 'it is on a read-only drive',
  'no permission': 'you do not have permission to change it',
};

export function ReadOnlyBanner({ onSaveAs }: { onSaveAs: () => void }) {
  const { plan } = useAppState();
  if (!plan?.readOnly) return null;
  const why = plan.readOnlyReason ? REASONS[plan.readOnlyReason] : null;
  return (
    <div className="notice notice-readonly" role="status" aria-label="Read-only plan">
      <span className="notice-icon" aria-hidden="true">
        ℹ
      </span>
      <span className="notice-text">
        <strong>Read-only: changes cannot be saved. Save As… to edit a copy.</strong>
        {why ? ` (${why.charAt(0).toUpperCase()}${why.slice(1)}.) Export, Compare and snapshots still work.` : ' Export, Compare and snapshots still work.'}
      </span>
      <button type="button" className="button" onClick={onSaveAs}>
        Save As…
      </button>
    </div>
  );
}

export function LockedPlanBanner() {
  const { plan, refresh, notify } = useAppState();
  const [locked, setLocked] = useState<LockedPlan | null>(null);

  useEffect(() => {
    const load = () => {
      call('plan/locked', {})
        .then(setLocked)
        .catch(() => setLocked(null));
    };
    load();
    lockListeners.add(load);
    return () => {
      lockListeners.delete(load);
    };
  }, [plan?.path]);

  if (!locked) return null;
  const name = locked.path.split(/[\\/]/).pop() ?? locked.path;
  const openReadOnly = async () => {
    try {
      await call('plan/open-locked-read-only', {});
      setLocked(null);
      await refresh();
      notify('info', `Opened "${name}" read-only. Nothing will be written to it.`);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };
  return (
    <div className="notice notice-error" role="alert">
      <span className="notice-icon" aria-hidden="true">
        ⚠
      </span>
      <span className="notice-text">{locked.message}</span>
      <button type="button" className="button" onClick={() => void openReadOnly()}>
        Open read-only
      </button>
      <button type="button" className="link-button" onClick={() => setLocked(null)}>
        Dismiss
      </button>
    </div>
  );
}
