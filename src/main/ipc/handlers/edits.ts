import type { editChannels } from '../../../shared/api/channels/edits';
import type { HandlersFor } from '../../../shared/api/contract';
import type { AppContext } from '../../app-context';
import { applyEdits } from '../../services/edits';

type EditHandlers = HandlersFor<typeof editChannels>;

export function editHandlers(ctx: AppContext): EditHandlers {
  return {
    'edits/apply': (batch) => applyEdits(ctx.writableDb, batch),
  };
}
