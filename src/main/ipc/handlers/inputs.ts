import type { inputChannels } from '../../../shared/api/channels/inputs';
import type { HandlersFor } from '../../../shared/api/contract';
import type { AppContext } from '../../app-context';
import * as inputs from '../../services/inputs';
import { setOrganisationShare } from '../../services/organisations';

type InputHandlers = HandlersFor<typeof inputChannels>;

export function inputHandlers(ctx: AppContext): InputHandlers {
  return {
    'workforce/list': ({ scenarioId }) => inputs.listWorkforce(ctx.db, scenarioId),
    'workforce/create': ({ scenarioId, orgId, roleId }) => inputs.createWorkforce(ctx.writableDb, scenarioId, orgId, roleId),
    'workforce/update': ({ scenarioId, orgId, roleId, changes }) => inputs.updateWorkforce(ctx.writableDb, scenarioId, orgId, roleId, changes),
    'workforce/delete': ({ orgId, roleId }) => inputs.deleteWorkforce(ctx.writableDb, orgId, roleId),

    'joiners/list': ({ scenarioId }) => inputs.listJoiners(ctx.db, scenarioId),
    'joiners/create': ({ scenarioId, fields }) => inputs.createJoiner(ctx.writableDb, scenarioId, fields),
    'joiners/update': ({ joinerId, changes }) => inputs.updateJoiner(ctx.writableDb, joinerId, changes),
    'joiners/set-fte': ({ joinerId, year, fte }) => inputs.setJoinerFte(ctx.writableDb, joinerId, year, fte),
    'joiners/delete': ({ joinerId }) => inputs.deleteJoiner(ctx.writableDb, joinerId),

    'demand/list': ({ scenarioId }) => inputs.listDemand(ctx.db, scenarioId),
    'demand/create-driver': ({ scenarioId, fields }) => inputs.createDriver(ctx.writableDb, scenarioId, fields),
    'demand/update-driver': ({ driverId, changes }) => inputs.updateDriver(ctx.writableDb, driverId, changes),
    'demand/delete-driver': ({ driverId }) => inputs.deleteDriver(ctx.writableDb, driverId),
    'demand/create-change': ({ scenarioId, fields }) => inputs.createDemandChange(ctx.writableDb, scenarioId, fields),
    'demand/update-change': ({ changeId, changes }) => inputs.updateDemandChange(ctx.writableDb, changeId, changes),
    'demand/delete-change': ({ changeId }) => inputs.deleteDemandChange(ctx.writableDb, changeId),

    'targets/list': () => inputs.listTargets(ctx.db),
    'targets/create': ({ fields }) => inputs.createTarget(ctx.writableDb, fields),
    'targets/update': ({ targetId, changes }) => inputs.updateTarget(ctx.writableDb, targetId, changes),
    'targets/delete': ({ targetId }) => inputs.deleteTarget(ctx.writableDb, targetId),

    'shortage/get': () => inputs.getShortageCriteria(ctx.db),
    'shortage/set': (criteria) => inputs.setShortageCriteria(ctx.writableDb, criteria),

    'assumptions/list': ({ scenarioId }) => inputs.listAssumptions(ctx.db, scenarioId),
    'assumptions/set': (note) => {
      inputs.setAssumptionNote(ctx.writableDb, null, note);
      return inputs.getAssumption(ctx.db, note.entity, note.entityId, note.field);
    },

    'organisations/set-share': ({ orgId, share, source }) => setOrganisationShare(ctx.writableDb, orgId, share, source),
  };
}
