import type { pipelineChannels } from '../../../shared/api/channels/pipelines';
import type { HandlersFor } from '../../../shared/api/contract';
import type { AppContext } from '../../app-context';
import { listPipelines } from '../../db/repos/pipelines';
import { createPipeline, deletePipeline, setPipelineIntake, updatePipelineFields } from '../../services/pipelines';
import { requireScenario } from '../../services/scenarios';

type PipelineHandlers = HandlersFor<typeof pipelineChannels>;

export function pipelineHandlers(ctx: AppContext): PipelineHandlers {
  return {
    'pipelines/list': ({ scenarioId }) => {
      requireScenario(ctx.db, scenarioId);
      return listPipelines(ctx.db, scenarioId);
    },
    'pipelines/create': ({ scenarioId, fields }) => createPipeline(ctx.writableDb, scenarioId, fields),
    'pipelines/update': ({ pipelineId, changes }) => updatePipelineFields(ctx.writableDb, pipelineId, changes),
    'pipelines/set-intake': ({ pipelineId, year, heads }) => setPipelineIntake(ctx.writableDb, pipelineId, year, heads),
    'pipelines/delete': ({ pipelineId }) => deletePipeline(ctx.writableDb, pipelineId),
  };
}
