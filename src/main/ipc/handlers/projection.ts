import type { projectionChannels } from '../../../shared/api/channels/projection';
import type { HandlersFor } from '../../../shared/api/contract';
import type { AppContext } from '../../app-context';
import {
  applyRequiredIntake,
  askRequiredIntake,
  compareScenarios,
  projectionRows,
  projectionScope,
  projectionSummary,
  runProjection,
} from '../../services/projection';

type ProjectionHandlers = HandlersFor<typeof projectionChannels>;

export function projectionHandlers(ctx: AppContext): ProjectionHandlers {
  return {
    'projection/run': ({ scenarioId }) => runProjection(ctx.db, scenarioId),
    'projection/summary': ({ scenarioId, shortageLimit, gapLimit }) => projectionSummary(ctx.db, scenarioId, { shortageLimit, gapLimit }),
    'projection/scope': (q) => projectionScope(ctx.db, q),
    'projection/rows': (q) => projectionRows(ctx.db, q),
    'projection/required-intake': ({ scenarioId, ...question }) => askRequiredIntake(ctx.db, scenarioId, question),
    'projection/apply-intake': ({ scenarioId, fromYear, intakes }) => applyRequiredIntake(ctx.writableDb, scenarioId, fromYear, intakes),
    'projection/compare': ({ scenarioA, scenarioB }) => compareScenarios(ctx.db, scenarioA, scenarioB),
  };
}
