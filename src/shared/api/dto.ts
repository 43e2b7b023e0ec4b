/**
 * The shapes that cross the IPC boundary. Defined once here; main returns them, the renderer
 * reads them. Units as in src/shared/model/types.ts.
 */
import { CELL_SERIES } from '../model/projection';
import type {
  AssumptionStatus,
  DemandChange,
  FinancialYear,
  GrowthDriver,
  OtherJoinerKind,
  PipelineType,
  ShortageRoleResult,
  Target,
  TargetProgress,
} from '../model/types';

export interface PlanInfo {
  /** The plan's own name (shown in the title bar). */
  name: string;
  /** Absolute path of the plan file. */
  path: string;
  baseYear: FinancialYear;
  horizonYear: FinancialYear;
  /** True when the file could only be opened for reading. */
  readOnly: boolean;
  /** Why, when read-only: the user asked, or the file, its folder or its drive cannot be written. */
  readOnlyReason: 'asked' | 'read-only file' | 'read-only folder' | 'read-only drive' | 'no permission' | null;
  schemaVersion: number;
}

export interface RecentPlan {
  path: string;
  name: string;
  openedAt: string;
}

export interface OrganisationRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  /** The part of the organisation that belongs to the plan, 0–1 (1: all of it); imports of whole-organisation figures apply it. */
  share: number;
  /** Where the share comes from. */
  shareSource: string;
}

export interface RoleRow {
  id: number;
  code: string;
  name: string;
  staffGroup: string;
}

export interface ReferenceData {
  organisations: OrganisationRow[];
  roles: RoleRow[];
}

export interface ScenarioRow {
  id: number;
  name: string;
  description: string;
}

/** Where a number comes from. */
export interface AssumptionNote {
  status: AssumptionStatus;
  source: string;
}

export interface PipelineRow {
  id: number;
  scenarioId: number;
  name: string;
  type: PipelineType;
  orgId: number;
  roleId: number;
  sourceRoleId: number | null;
  traineesLeaveSourceRole: boolean;
  durationYears: number;
  attrition: number;
  conversion: number;
  ftePerHead: number;
  costPerLearnerYear: number;
  entrantAgeBand: number;
  /** Starters (heads) by financial year. */
  intakes: Record<FinancialYear, number>;
  /** Ranges (null: that side is the central value). Intake fill is a share of the planned starters. */
  attritionLow: number | null;
  attritionHigh: number | null;
  conversionLow: number | null;
  conversionHigh: number | null;
  intakeFillLow: number | null;
  intakeFillHigh: number | null;
  /** Notes by field name ("attrition", "intakes", …); a field without a note has none recorded. */
  assumptions: Record<string, AssumptionNote>;
}

export interface HistoryState {
  canUndo: boolean;
  undoLabel: string | null;
  canRedo: boolean;
  redoLabel: string | null;
}

/** Commands the native menu sends to the window. */
export const MENU_COMMANDS = ['undo', 'redo', 'import', 'export', 'new-plan', 'open-plan', 'save-as', 'snapshot', 'about'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** One organisation × role: the plan's baseline with the selected scenario's rates. */
export interface WorkforceRow {
  baselineId: number;
  /** null when the scenario has no rates for this cell yet (they count as zero). */
  rateId: number | null;
  orgId: number;
  roleId: number;
  fte: number;
  headcount: number;
  establishment: number;
  ageProfile: number[];
  leaverRate: number;
  retirementByBand: number[];
  agencyShare: number;
  agencyCostPerFte: number;
  /** Ranges (null: that side is the central value); retirement's is a multiplier of every band's probability. */
  leaverRateLow: number | null;
  leaverRateHigh: number | null;
  retirementLow: number | null;
  retirementHigh: number | null;
  agencyShareLow: number | null;
  agencyShareHigh: number | null;
  assumptions: Record<string, AssumptionNote>;
}

export interface OtherJoinerRow {
  id: number;
  scenarioId: number;
  kind: OtherJoinerKind;
  orgId: number;
  roleId: number;
  entrantAgeBand: number;
  fteByYear: Record<FinancialYear, number>;
  /** Range of every year's FTE as a multiplier (null: that side is the planned FTE). */
  fteLow: number | null;
  fteHigh: number | null;
  assumptions: Record<string, AssumptionNote>;
}

export interface GrowthDriverRow extends GrowthDriver {
  growthLow: number | null;
  growthHigh: number | null;
  assumptions: Record<string, AssumptionNote>;
}

export interface DemandChangeRow extends DemandChange {
  description: string;
  assumptions: Record<string, AssumptionNote>;
}

export interface DemandInputs {
  drivers: GrowthDriverRow[];
  changes: DemandChangeRow[];
}

export interface TargetDto extends Omit<Target, 'pipelineIds'> {
  /** Pipelines counted, by lineage (the same pipeline in every scenario). */
  lineageIds: number[];
  assumptions: Record<string, AssumptionNote>;
}

/** One row of the assumptions register. */
export interface AssumptionRow {
  entity: string;
  entityId: number;
  field: string;
  status: AssumptionStatus;
  source: string;
  /** What the number is, in words: "Registered nurse, Dorset County Hospital: leaver rate". */
  label: string;
  /** Whose number it is: "Registered nurse, Dorset County Hospital". */
  subject: string;
  /** Which of its numbers: "leaver rate". */
  fieldLabel: string;
  /** The value as shown, e.g. "8.5%", or "not set". */
  value: string;
  /** null for plan-level numbers (baseline, targets); the scenario for scenario-owned ones. */
  scenarioId: number | null;
}

/** Per organisation × role, per year (arrays indexed by year − baseYear). FTE unless stated. */
export interface CellResult {
  orgId: number;
  roleId: number;
  opening: number[];
  leavers: number[];
  retirements: number[];
  progressionOut: number[];
  qualified: number[];
  otherJoiners: number[];
  closing: number[];
  closingHeadcount: number[];
  demand: number[];
  gap: number[];
  vacancyRate: number[];
  agencyCost: number[];
}

export interface PipelineResult {
  pipelineId: number;
  starts: number[];
  inTraining: number[];
  completers: number[];
  joinedFte: number[];
  sourceOutFte: number[];
  trainingCost: number[];
}

export interface SystemTotalsDto {
  closing: number[];
  demand: number[];
  gap: number[];
  agencyCost: number[];
  qualified: number[];
  leavers: number[];
  retirements: number[];
  otherJoiners: number[];
  trainingCost: number[];
}

export interface ProjectionResult {
  scenarioId: number;
  years: FinancialYear[];
  cells: CellResult[];
  pipelines: PipelineResult[];
  totals: SystemTotalsDto;
  targets: TargetProgress[];
  shortage: ShortageRoleResult[];
}

export interface ComparisonCell {
  orgId: number;
  roleId: number;
  /** b − a per year. */
  closing: number[];
  demand: number[];
  gap: number[];
  agencyCost: number[];
  changed: boolean;
}

export interface ComparisonResult {
  scenarioA: number;
  scenarioB: number;
  years: FinancialYear[];
  cells: ComparisonCell[];
  totalsA: SystemTotalsDto;
  totalsB: SystemTotalsDto;
  targetsA: TargetProgress[];
  targetsB: TargetProgress[];
}

/** A long task's progress, sent as the `task/progress` event. */
export interface TaskProgress {
  taskId: string;
  label: string;
  /** 0–1, or null when unknown. */
  fraction: number | null;
  message: string;
  done?: boolean;
  /** Shown where the work is (e.g. the dashboard's fan chart), not in the work-in-progress panel. */
  inline?: boolean;
}

/** A cell's per-year series that a view can ask for (projection/rows): the engine's own list. */
export const PROJECTION_SERIES = CELL_SERIES;
export type ProjectionSeries = (typeof PROJECTION_SERIES)[number];

/** The most numbers one projection/rows answer carries (8 bytes each: under 1 MB). */
export const MAX_ROW_VALUES = 120_000;

/**
 * Rows of the projection, in its cell order, for the years asked: typed arrays, which cross IPC
 * as bytes. `values[series]` holds row r, year y at [r × years.length + y].
 */
export interface ProjectionRows {
  scenarioId: number;
  years: FinancialYear[];
  /** Rows in the whole projection, and the first row sent. */
  totalRows: number;
  offset: number;
  orgIds: Int32Array;
  roleIds: Int32Array;
  values: Partial<Record<ProjectionSeries, Float64Array>>;
}

/** An organisation × role at its largest shortfall over the horizon. */
export interface GapRow {
  orgId: number;
  roleId: number;
  /** Index into years of the worst year. */
  yearIndex: number;
  /** FTE short (demand − supply), positive. */
  gap: number;
  vacancyRate: number;
  agencyCost: number;
}

/** What the dashboard shows, computed in main: a few kilobytes whatever the plan's size. */
export interface ProjectionSummary {
  scenarioId: number;
  years: FinancialYear[];
  totals: SystemTotalsDto;
  targets: TargetProgress[];
  /** Shortage roles, worst (highest peak vacancy) first: `count` in all, `roles` up to the limit asked. */
  shortage: { count: number; roles: ShortageRoleResult[] };
  /** Cells short of staff in some year, biggest shortfall first: `count` in all, `rows` up to the limit asked. */
  gaps: { count: number; rows: GapRow[] };
  /** The totals before the last change that moved a number (same plan and scenario), or null. */
  previousTotals: SystemTotalsDto | null;
  /** What the agency-cost figure covers, and how its base year adds up (shared/agency.ts). */
  agency: { covers: string; detail: string };
}

/** Supply − demand (gap, positive = shortfall) per year over the cells of a scope: now, and before the last change that moved a number. */
export interface ScopeGap {
  scenarioId: number;
  years: FinancialYear[];
  /** null: no cell is in the scope. */
  now: number[] | null;
  /** null: nothing to compare with (no change since the plan or scenario was opened, or the scope had no cell). */
  was: number[] | null;
}
