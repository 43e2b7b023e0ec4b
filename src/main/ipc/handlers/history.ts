import type { historyChannels } from '../../../shared/api/channels/history';
import type { taskChannels } from '../../../shared/api/channels/tasks';
import type { HandlersFor } from '../../../shared/api/contract';
import type { AppContext } from '../../app-context';
import { historyState, redo, undo } from '../../db/changes';

type HistoryHandlers = HandlersFor<typeof historyChannels & typeof taskChannels>;

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
