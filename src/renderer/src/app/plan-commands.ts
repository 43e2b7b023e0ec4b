import { useMemo } from 'react';
import { ApiError, call, errorMessage } from '../api';
import { useAppState } from './AppState';
import { planWasLocked } from './PlanAccessBanners';

export interface PlanCommands {
  newPlan: () => Promise<void>;
  openPlan: () => Promise<void>;
  saveAs: () => Promise<void>;
  openRecent: (path: string) => Promise<void>;
}

/** New / Open / Save As / recent: shared by the top bar and the native menu. */
export function usePlanCommands(): PlanCommands {
  const { refresh, notify } = useAppState();
  return useMemo(() => {
    const run = async (action: () => Promise<unknown>, done: string) => {
      try {
        const result = await action();
        if (result !== null) {
          await refresh();
          notify('info', done);
        }
      } catch (err) {
        // A plan in use elsewhere gets its own banner, which offers to open it read-only.
        if (err instanceof ApiError && err.code === 'LOCKED' && /in use by another program/.test(err.message)) planWasLocked();
        else notify('error', errorMessage(err));
      }
    };
    return {
      newPlan: () => run(() => call('plan/new', {}), 'Created a new plan.'),
      openPlan: () => run(() => call('plan/open', {}), 'Plan opened.'),
      saveAs: () => run(() => call('plan/save-as', {}), 'Saved a copy; you are now working in the copy.'),
      openRecent: (path: string) => run(() => call('plan/open-recent', { path }), 'Plan opened.'),
    };
  }, [refresh, notify]);
}
