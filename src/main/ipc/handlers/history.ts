import type { Handlers } from '../../../shared/api/contract';
import type { AppContext } from '../../app-context';
import { historyState, redo, undo } from '../../db/changes';

type HistoryHandlers = Pick<Handlers, 'history/state' | 'history/undo' | 'history/redo' | 'task/cancel'>;

export function historyHandlers(ctx: AppContext): HistoryHandlers {
  return {
    'history/state': () => historyState(ctx.db),
    'history/undo': () => {
      undo(ctx.writableDb);
      return historyState(ctx.db);
    },
    'task/cancel': ({ taskId }) => ({ cancelled: ctx.tasks.cancel(taskId) }),
    'history/redo': () => {
      redo(ctx.writableDb);
      return historyState(ctx.db);
    },
  };
}
