import type { planChannels } from '../../../shared/api/channels/plan';
import type { HandlersFor } from '../../../shared/api/contract';
import type { AppContext } from '../../app-context';
import { listOrganisations, listRoles } from '../../db/repos/reference';
import { listScenarios } from '../../db/repos/scenarios';
import { renamePlan } from '../../services/plan-session';
import { copyScenario, createScenario, deleteScenario, renameScenario } from '../../services/scenarios';

type PlanHandlers = HandlersFor<typeof planChannels>;

export function planHandlers(ctx: AppContext): PlanHandlers {
  return {
    'app/info': () => ({ name: 'Workforce Pipeline Planner', version: ctx.appVersion }),

    'plan/info': () => ctx.info(),
    'plan/new': () => ctx.newWithDialog(),
    'plan/open': () => ctx.openWithDialog(),
    'plan/open-recent': ({ path }) => ctx.openRecent(path),
    'plan/save-as': () => ctx.saveAsWithDialog(),
    'plan/locked': () => ctx.lockedPlan(),
    'plan/open-locked-read-only': () => ctx.openLockedReadOnly(),
    'plan/recent': () => ctx.recent(),
    'plan/rename': ({ name }) => {
      renamePlan(ctx.writableDb, name);
      return ctx.info();
    },

    'reference/list': () => ({ organisations: listOrganisations(ctx.db), roles: listRoles(ctx.db) }),

    'scenarios/list': () => listScenarios(ctx.db),
    'scenario/create': ({ name }) => createScenario(ctx.writableDb, name),
    'scenario/copy': ({ scenarioId, name }) => copyScenario(ctx.writableDb, scenarioId, name),
    'scenario/rename': ({ scenarioId, name }) => renameScenario(ctx.writableDb, scenarioId, name),
    'scenario/delete': ({ scenarioId }) => deleteScenario(ctx.writableDb, scenarioId),
  };
}
