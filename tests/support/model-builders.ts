/** Small plans for the engine's tests, built field by field so each test states only what matters. */
import { AGE_BAND_COUNT, type OtherJoiner, type Pipeline, type ScenarioInputs, type WorkforceCell } from '../../src/shared/model/types';

export const bands = (...pairs: [band: number, value: number][]): number[] => {
  const out = new Array<number>(AGE_BAND_COUNT).fill(0);
  for (const [b, v] of pairs) out[b] = v;
  return out;
};

export function cell(orgId: number, roleId: number, over: Partial<WorkforceCell> = {}): WorkforceCell {
  return {
    orgId,
    roleId,
    fte: 100,
    headcount: 100,
    establishment: 100,
    ageProfile: bands([0, 1]),
    leaverRate: 0,
    retirementByBand: bands(),
    agencyShare: 0,
    agencyCostPerFte: 0,
    ...over,
  };
}

export function pipeline(id: number, orgId: number, roleId: number, over: Partial<Pipeline> = {}): Pipeline {
  return {
    id,
    name: `P${id}`,
    type: 'university',
    orgId,
    roleId,
    sourceRoleId: null,
    traineesLeaveSourceRole: false,
    durationYears: 3,
    attrition: 0,
    conversion: 1,
    ftePerHead: 1,
    costPerLearnerYear: 0,
    entrantAgeBand: 0,
    intakes: {},
    ...over,
  };
}

export function joiner(id: number, orgId: number, roleId: number, fteByYear: Record<number, number>, entrantAgeBand = 0): OtherJoiner {
  return { id, kind: 'labour-market', orgId, roleId, entrantAgeBand, fteByYear };
}

export function plan(over: Partial<ScenarioInputs> = {}): ScenarioInputs {
  return {
    baseYear: 2019,
    horizonYear: 2028,
    organisations: [
      { id: 1, code: 'A', name: 'Trust A' },
      { id: 2, code: 'B', name: 'Trust B' },
    ],
    roles: [
      { id: 1, code: 'RN', name: 'Registered nurse', staffGroup: 'Nursing' },
      { id: 2, code: 'HCA', name: 'Healthcare assistant', staffGroup: 'Support' },
      { id: 3, code: 'NA', name: 'Nursing associate', staffGroup: 'Support' },
    ],
    workforce: [],
    pipelines: [],
    otherJoiners: [],
    growthDrivers: [],
    demandChanges: [],
    ...over,
  };
}
