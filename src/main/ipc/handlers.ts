/** The implementation of every contract channel, over the app context. */
import type { Handlers } from '../../shared/api/contract';
import type { AppContext } from '../app-context';
import { historyState, redo, undo } from '../db/changes';
import { setMeta } from '../db/repos/meta';
import { listPipelines } from '../db/repos/pipelines';
import { listOrganisations, listRoles } from '../db/repos/reference';
import { listScenarios } from '../db/repos/scenarios';
import { recordChange } from '../db/changes';
import { createPipeline, deletePipeline, setPipelineIntake, updatePipelineFields } from '../services/pipelines';
import { copyScenario, createScenario, deleteScenario, renameScenario, requireScenario } from '../services/scenarios';

export function createHandlers(ctx: AppContext): Handlers {
  return {
    'app/info': () => ({ name: 'Workforce Pipeline Planner', version: ctx.appVersion }),

    'plan/info': () => ctx.info(),
    'plan/new': () => ctx.newWithDialog(),
    'plan/open': () => ctx.openWithDialog(),
    'plan/open-recent': ({ path }) => ctx.openRecent(path),
    'plan/save-as': () => ctx.saveAsWithDialog(),
    'plan/recent': () => ctx.recent(),
    'plan/rename': ({ name }) => {
      const db = ctx.writableDb;
      const before = ctx.info().name;
      recordChange(db, { source: 'plan', summary: `Renamed plan "${before}" to "${name}"` }, () => setMeta(db, 'name', name));
      return ctx.info();
    },

    'reference/list': () => ({ organisations: listOrganisations(ctx.db), roles: listRoles(ctx.db) }),

    'scenarios/list': () => listScenarios(ctx.db),
    'scenario/create': ({ name }) => createScenario(ctx.writableDb, name),
    'scenario/copy': ({ scenarioId, name }) => copyScenario(ctx.writableDb, scenarioId, name),
    'scenario/rename': ({ scenarioId, name }) => renameScenario(ctx.writableDb, scenarioId, name),
    'scenario/delete': ({ scenarioId }) => deleteScenario(ctx.writableDb, scenarioId),

    'pipelines/list': ({ scenarioId }) => {
      requireScenario(ctx.db, scenarioId);
      return listPipelines(ctx.db, scenarioId);
    },
    'pipelines/create': ({ scenarioId, fields }) => createPipeline(ctx.writableDb, scenarioId, fields),
    'pipelines/update': ({ pipelineId, changes }) => updatePipelineFields(ctx.writableDb, pipelineId, changes),
    'pipelines/set-intake': ({ pipelineId, year, heads }) => setPipelineIntake(ctx.writableDb, pipelineId, year, heads),
    'pipelines/delete': ({ pipelineId }) => deletePipeline(ctx.writableDb, pipelineId),

    'history/state': () => historyState(ctx.db),
    'history/undo': () => {
      undo(ctx.writableDb);
      return historyState(ctx.db);
    },
    'history/redo': () => {
      redo(ctx.writableDb);
      return historyState(ctx.db);
    },
  };
}
