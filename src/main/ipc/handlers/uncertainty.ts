import type { uncertaintyChannels } from '../../../shared/api/channels/uncertainty';
import type { HandlersFor } from '../../../shared/api/contract';
import type { AppContext } from '../../app-context';
import type { Db } from '../../db/connection';
import type { UncertaintyResult, UncertaintyView } from '../../../shared/api/channels/uncertainty';
import { fillTypicalRanges } from '../../services/ranges';
import { uncertainGroups } from '../../../shared/model';
import { runSimulation } from '../../services/uncertainty/result';
import { simulationRequest } from '../../services/uncertainty/service';

type UncertaintyHandlers = HandlersFor<typeof uncertaintyChannels>;

/**
 * The last finished simulation of each scenario, per plan connection: the window receives its
 * totals, targets and tornado (a few kilobytes), and asks for one organisation × role's bands
 * when it shows them, never every cell's (tens of megabytes on a regional plan).
 */
const kept = new WeakMap<Db, Map<number, UncertaintyResult>>();

function keep(db: Db, result: UncertaintyResult): UncertaintyView {
  let byScenario = kept.get(db);
  if (!byScenario) kept.set(db, (byScenario = new Map<number, UncertaintyResult>()));
  byScenario.set(result.scenarioId, result);
  const { cells: _cells, ...view } = result;
  return view;
}

export function uncertaintyHandlers(ctx: AppContext): UncertaintyHandlers {
  return {
    'uncertainty/run': ({ taskId, scenarioId, runs, seed }) => {
      // Read the plan now (quick), then simulate in the worker: the main thread only waits.
      const request = simulationRequest(ctx.db, scenarioId, runs, seed);
      // Without ranges every run is the central projection: two projections here, no worker.
      const db = ctx.db;
      if (uncertainGroups(request.inputs).length === 0)
        return keep(
          db,
          runSimulation(request, {}, () => performance.now()),
        );
      return ctx.tasks.run(
        taskId,
        `Simulating ${runs.toLocaleString('en-GB')} runs`,
        async (task) =>
          keep(
            db,
            await ctx.simulations.run(request, {
              signal: task.signal,
              onProgress: (f) =>
                task.progress(
                  f,
                  f < 0.9 ? `${Math.round((f / 0.9) * runs).toLocaleString('en-GB')} of ${runs.toLocaleString('en-GB')} runs` : 'Which assumption matters most',
                ),
            }),
          ),
        { inline: true },
      );
    },
    'uncertainty/cell': ({ scenarioId, orgId, roleId }) => {
      const r = kept.get(ctx.db)?.get(scenarioId);
      const cell = r?.cells.find((c) => c.orgId === orgId && c.roleId === roleId);
      return r && cell ? { scenarioId, runs: r.runs, seed: r.seed, supply: cell.supply, demand: cell.demand, gap: cell.gap } : null;
    },
    'ranges/fill-typical': ({ scenarioId }) => fillTypicalRanges(ctx.writableDb, scenarioId),
  };
}
