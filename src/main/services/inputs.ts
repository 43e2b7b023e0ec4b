/**
 * Reading and changing the engine's inputs, one module per domain as the channels are
 * (services/inputs/*): the workforce baseline and rates, other joiners, demand drivers and
 * changes, targets and shortage criteria, and the assumptions register. Every write is one
 * recorded change (undoable, audited) and is checked against the plan's organisations, roles and
 * years first.
 */
export { getAssumption, listAssumptions, setAssumptionNote } from './inputs/assumptions';
export { createDemandChange, createDriver, deleteDemandChange, deleteDriver, listDemand, updateDemandChange, updateDriver } from './inputs/demand';
export { createJoiner, deleteJoiner, listJoiners, setJoinerFte, updateJoiner } from './inputs/joiners';
export { createTarget, deleteTarget, getShortageCriteria, listTargets, setShortageCriteria, updateTarget } from './inputs/targets';
export { createWorkforce, deleteWorkforce, listWorkforce, updateWorkforce } from './inputs/workforce';
