import type { uncertaintyChannels } from '../../../shared/api/channels/uncertainty';
import type { HandlersFor } from '../../../shared/api/contract';
import type { AppContext } from '../../app-context';
import { fillTypicalRanges } from '../../services/ranges';
import { uncertainGroups } from '../../../shared/model';
import { runSimulation } from '../../services/uncertainty/result';
import { simulationRequest } from '../../services/uncertainty/service';

type UncertaintyHandlers = HandlersFor<typeof uncertaintyChannels>;

export function uncertaintyHandlers(ctx: AppContext): UncertaintyHandlers {
  return {
    'uncertainty/run': ({ taskId, scenarioId, runs, seed }) => {
      // Read the plan now (quick), then simulate in the worker: the main thread only waits.
      const request = simulationRequest(ctx.db, scenarioId, runs, seed);
      // Without ranges every run is the central projection: two projections here, no worker.
      if (uncertainGroups(request.inputs).length === 0) return runSimulation(request, {}, () => performance.now());
      return ctx.tasks.run(
        taskId,
        `Simulating ${runs.toLocaleString('en-GB')} runs`,
        (task) =>
          ctx.simulations.run(request, {
            signal: task.signal,
            onProgress: (f) => task.progress(f, f < 0.9 ? `${Math.round((f / 0.9) * runs).toLocaleString('en-GB')} of ${runs.toLocaleString('en-GB')} runs` : 'Which assumption matters most'),
          }),
        { inline: true },
      );
    },
    'ranges/fill-typical': ({ scenarioId }) => fillTypicalRanges(ctx.writableDb, scenarioId),
  };
}
