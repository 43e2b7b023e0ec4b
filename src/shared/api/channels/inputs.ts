import { z } from 'zod';
import type { ShortageCriteria } from '../../model/types';
import type { AssumptionRow, DemandChangeRow, DemandInputs, GrowthDriverRow, OrganisationRow, OtherJoinerRow, TargetDto, WorkforceRow } from '../dto';
import { channel } from '../channel';
import {
  assumptionFields,
  demandChangeFields,
  driverFields,
  id,
  driverChanges,
  joinerChanges,
  joinerFields,
  joinerFte,
  shortageCriteriaFields,
  targetFields,
  workforceChanges,
  year,
} from '../schemas';

const none = z.object({}).strict();
const scenarioRef = z.object({ scenarioId: id }).strict();
const nonEmpty = (c: object) => Object.keys(c).length > 0;

/** The engine's inputs: baseline and rates, other joiners, demand, targets, criteria, assumptions. */
export const inputChannels = {
  'workforce/list': channel<WorkforceRow[]>()(scenarioRef),
  'workforce/create': channel<WorkforceRow>()(z.object({ scenarioId: id, orgId: id, roleId: id }).strict()),
  'workforce/update': channel<WorkforceRow>()(
    z.object({ scenarioId: id, orgId: id, roleId: id, changes: workforceChanges.refine(nonEmpty, 'Nothing to change') }).strict(),
  ),
  'workforce/delete': channel<{ deleted: number }>()(z.object({ orgId: id, roleId: id }).strict()),

  'joiners/list': channel<OtherJoinerRow[]>()(scenarioRef),
  'joiners/create': channel<OtherJoinerRow>()(z.object({ scenarioId: id, fields: joinerFields }).strict()),
  'joiners/update': channel<OtherJoinerRow>()(z.object({ joinerId: id, changes: joinerChanges.refine(nonEmpty, 'Nothing to change') }).strict()),
  'joiners/set-fte': channel<OtherJoinerRow>()(z.object({ joinerId: id, year, fte: joinerFte.nullable() }).strict()),
  'joiners/delete': channel<{ deleted: number }>()(z.object({ joinerId: id }).strict()),

  'demand/list': channel<DemandInputs>()(scenarioRef),
  'demand/create-driver': channel<GrowthDriverRow>()(z.object({ scenarioId: id, fields: driverFields }).strict()),
  'demand/update-driver': channel<GrowthDriverRow>()(z.object({ driverId: id, changes: driverChanges.refine(nonEmpty, 'Nothing to change') }).strict()),
  'demand/delete-driver': channel<{ deleted: number }>()(z.object({ driverId: id }).strict()),
  'demand/create-change': channel<DemandChangeRow>()(z.object({ scenarioId: id, fields: demandChangeFields }).strict()),
  'demand/update-change': channel<DemandChangeRow>()(
    z.object({ changeId: id, changes: demandChangeFields.partial().strict().refine(nonEmpty, 'Nothing to change') }).strict(),
  ),
  'demand/delete-change': channel<{ deleted: number }>()(z.object({ changeId: id }).strict()),

  'targets/list': channel<TargetDto[]>()(none),
  'targets/create': channel<TargetDto>()(z.object({ fields: targetFields }).strict()),
  'targets/update': channel<TargetDto>()(z.object({ targetId: id, changes: targetFields.partial().strict().refine(nonEmpty, 'Nothing to change') }).strict()),
  'targets/delete': channel<{ deleted: number }>()(z.object({ targetId: id }).strict()),

  'shortage/get': channel<ShortageCriteria>()(none),
  'shortage/set': channel<ShortageCriteria>()(shortageCriteriaFields),

  'assumptions/list': channel<AssumptionRow[]>()(scenarioRef),
  'assumptions/set': channel<AssumptionRow>()(assumptionFields),

  /** The part of an organisation the plan holds (0–1) and its source. */
  'organisations/set-share': channel<OrganisationRow>()(z.object({ orgId: id, share: z.number().gt(0).max(1), source: z.string().max(500) }).strict()),
} as const;
