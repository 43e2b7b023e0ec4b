import { useMemo } from 'react';
import { call, errorMessage } from '../api';
import { useAppState } from './AppState';

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
        notify('error', errorMessage(err));
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
