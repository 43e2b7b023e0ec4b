import type { Handlers } from '../../../shared/api/contract';
import type { AppContext } from '../../app-context';
import { applyEdits } from '../../services/edits';

type EditHandlers = Pick<Handlers, 'edits/apply'>;

export function editHandlers(ctx: AppContext): EditHandlers {
  return {
    'edits/apply': (batch) => applyEdits(ctx.writableDb, batch),
  };
}
