/** The implementation of every contract channel: one module per domain, joined here. */
import type { Handlers } from '../../shared/api/contract';
import type { AppContext } from '../app-context';
import { auditHandlers } from './handlers/audit';
import { editHandlers } from './handlers/edits';
import { historyHandlers } from './handlers/history';
import { importHandlers } from './handlers/import';
import { inputHandlers } from './handlers/inputs';
import { pipelineHandlers } from './handlers/pipelines';
import { planHandlers } from './handlers/plan';
import { projectionHandlers } from './handlers/projection';
import { exportHandlers } from './handlers/export';
import { uncertaintyHandlers } from './handlers/uncertainty';
import { appHandlers } from './handlers/app';

export function createHandlers(ctx: AppContext): Handlers {
  return {
    ...planHandlers(ctx),
    ...pipelineHandlers(ctx),
    ...inputHandlers(ctx),
    ...projectionHandlers(ctx),
    ...historyHandlers(ctx),
    ...auditHandlers(ctx),
    ...importHandlers(ctx),
    ...exportHandlers(ctx),
    ...editHandlers(ctx),
    ...uncertaintyHandlers(ctx),
    ...appHandlers(ctx),
  };
}
