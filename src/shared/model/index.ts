/** The planning engine: pure functions of a scenario's inputs (no IO, no clock; the simulation's random draws come from a seed). */
export * from './types';
export { projectScenario, projectionYears, driverFactor, yearLabel, parseYearLabel, CELL_SERIES, seriesBlock, type CellSeries } from './projection';
export { evaluateTargets, projectedValue } from './targets';
export { requiredIntake, requiredRoleIntake, applyConstantIntake, PLAUSIBLE_MULTIPLE } from './required-intake';
export { shortageRoles, describeShortageCriteria, criteriaMet } from './shortage';
export { compareProjections, type CellDifference, type ProjectionComparison } from './compare';
export { systemTotals, biggestGaps, SHORTFALL_SHOWN_FROM, type SystemTotals, type BiggestGap } from './summary';
export { targetIsKnown, targetMet } from './targets';
export {
  simulateScenario,
  SimulationStopped,
  SimulationWorkspace,
  DEFAULT_RUNS,
  DEFAULT_SEED,
  MAX_RUNS,
  type Bands,
  type SimulationOptions,
  type SimulationResult,
  type TargetChance,
} from './uncertainty';
export { uncertainGroups, drawRunInputs, Sampler, UNCERTAIN_KINDS, type UncertainGroup, type UncertainKind } from './uncertainty-inputs';
export { sensitivity, rankForGap, rankForTarget, type Sensitivity, type TornadoBar, type RankedBar, type TornadoData } from './sensitivity';
export { typicalRanges, withTypicalRanges, TYPICAL_RULES, type TypicalRange, type TypicalRangeField } from './typical-ranges';
export { PercentileTaker, percentilesOf, REPORTED_PERCENTILES } from './percentiles';
export { uniform, triangular, triangularCdf, streamKey } from './random';
