/** The planning engine: pure functions of a scenario's inputs (no IO, no clock, no randomness). */
export * from './types';
export { projectScenario, projectionYears, driverFactor, yearLabel, parseYearLabel, CELL_SERIES } from './projection';
export { evaluateTargets, projectedValue } from './targets';
export { requiredIntake, requiredRoleIntake, applyConstantIntake, PLAUSIBLE_MULTIPLE } from './required-intake';
export { shortageRoles, describeShortageCriteria, criteriaMet } from './shortage';
export { compareProjections, type CellDifference, type ProjectionComparison } from './compare';
export { systemTotals, biggestGaps, SHORTFALL_SHOWN_FROM, type SystemTotals, type BiggestGap } from './summary';
