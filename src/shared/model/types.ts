/**
 * The planning model's vocabulary. Units, stated once here:
 * - FTE: whole-time equivalents (number, may be fractional).
 * - Heads: people (number; intakes are heads of starters).
 * - Rates and shares: fractions 0–1 (0.1 = 10 %).
 * - Money: pounds sterling (number, not pence).
 * - Financial years: the calendar year the year starts in (2019 = 2019/20, April to March).
 *
 * Ranges (uncertainty): an uncertain input may carry a low and a high value beside its central
 * one, in the fields named …Low and …High. A missing or null side means that side is the
 * central value, so an input with neither is certain and a plan without ranges projects exactly
 * as it would without them. Always low ≤ central ≤ high. The deterministic projection reads only
 * the central values; the simulation (uncertainty.ts) draws between low and high.
 */

/** A financial year, written as the year it starts in: 2019 means 2019/20. */
export type FinancialYear = number;

/**
 * Five-year age bands. The first and last are open-ended; each year a fifth of every band
 * except the last moves up one band.
 */
export const AGE_BANDS = ['Under 25', '25–29', '30–34', '35–39', '40–44', '45–49', '50–54', '55–59', '60–64', '65 and over'] as const;
export const AGE_BAND_COUNT = AGE_BANDS.length;
/** Index of the first band counted as "aged 55 and over" for shortage criteria. */
export const AGED_55_PLUS_FROM_BAND = 7;

export type AssumptionStatus = 'stated' | 'derived' | 'illustrative';

export const PIPELINE_TYPES = ['university', 'apprenticeship', 'placement', 'international', 'return-to-practice', 'new-role', 'progression'] as const;
export type PipelineType = (typeof PIPELINE_TYPES)[number];

export interface Organisation {
  id: number;
  /** ODS or local code, kept as text ("R0D", "00D"). */
  code: string;
  name: string;
}

export interface Role {
  id: number;
  code: string;
  name: string;
  /** ESR staff group, e.g. "Nursing and Midwifery Registered". */
  staffGroup: string;
}

/**
 * The starting workforce of one organisation × role (plan-level facts) together with the
 * scenario's rates for it.
 */
export interface WorkforceCell {
  orgId: number;
  roleId: number;
  /** FTE in post at the start of the base year. */
  fte: number;
  /** Headcount in post at the start of the base year; FTE per head = fte / headcount. */
  headcount: number;
  /** Funded establishment in the base year, FTE: the base of demand. */
  establishment: number;
  /** Share of the in-post FTE in each age band (length AGE_BAND_COUNT, sums to 1; all zero = unknown, treated as spread evenly). */
  ageProfile: number[];
  /** Yearly leaver rate excluding retirement, fraction of opening FTE. */
  leaverRate: number;
  /** Yearly probability of retiring, per age band (length AGE_BAND_COUNT), fraction of the band's FTE. */
  retirementByBand: number[];
  /** Share of any shortfall filled by agency or bank staff, fraction. */
  agencyShare: number;
  /** Yearly cost of one agency/bank FTE, £. */
  agencyCostPerFte: number;
  /** Range of the leaver rate (fractions); null or missing = that side is the central value. */
  leaverRateLow?: number | null;
  leaverRateHigh?: number | null;
  /** Range of the retirement probabilities as multipliers of every band's probability (central 1: low ≤ 1 ≤ high). */
  retirementLow?: number | null;
  retirementHigh?: number | null;
  /** Range of the agency share (fractions). */
  agencyShareLow?: number | null;
  agencyShareHigh?: number | null;
}

/** A training or recruitment pipeline owned by one scenario, supplying one organisation × role. */
export interface Pipeline {
  id: number;
  name: string;
  type: PipelineType;
  orgId: number;
  roleId: number;
  /**
   * For progression pipelines (HCA → trainee nursing associate): the role in the same
   * organisation the trainees come from, or null.
   */
  sourceRoleId: number | null;
  /**
   * Progression only: true if trainees leave the source role when they start (they are
   * removed at the start); false if they keep working in it while training (completers are
   * removed when they finish).
   */
  traineesLeaveSourceRole: boolean;
  /** Course length in years; fractional lengths split the cohort across two years. 0–10. */
  durationYears: number;
  /** Share of starters who do not complete, fraction. */
  attrition: number;
  /** Share of completers who take a post in the target organisation × role, fraction. */
  conversion: number;
  /** FTE each qualified person works. */
  ftePerHead: number;
  /** Cost of one learner for one year in training, £. */
  costPerLearnerYear: number;
  /** Age band (index into AGE_BANDS) that qualified joiners enter. */
  entrantAgeBand: number;
  /** Starters (heads) by financial year; a missing year means no intake. */
  intakes: Record<FinancialYear, number>;
  /** Range of attrition (fractions). */
  attritionLow?: number | null;
  attritionHigh?: number | null;
  /** Range of conversion to a local post (fractions). */
  conversionLow?: number | null;
  conversionHigh?: number | null;
  /**
   * Range of intake fill: the share of planned starters who actually start. The central value
   * is always 1 (the planned intakes are the central case), so low ≤ 1 ≤ high.
   */
  intakeFillLow?: number | null;
  intakeFillHigh?: number | null;
}

export const OTHER_JOINER_KINDS = ['international', 'return-to-practice', 'labour-market'] as const;
export type OtherJoinerKind = (typeof OTHER_JOINER_KINDS)[number];

/** Joiners who do not come through a modelled pipeline, FTE per year. */
export interface OtherJoiner {
  id: number;
  kind: OtherJoinerKind;
  orgId: number;
  roleId: number;
  entrantAgeBand: number;
  /** FTE joining, by financial year. */
  fteByYear: Record<FinancialYear, number>;
  /** Range of every year's FTE as a multiplier (central 1: low ≤ 1 ≤ high). */
  fteLow?: number | null;
  fteHigh?: number | null;
}

/**
 * A growth driver multiplies demand: it rises from 1 in startYear to (1 + growth) in endYear,
 * compounding evenly each year between, and stays there after endYear.
 * Scope: all cells, or those of one organisation, one role, or one staff group (null = any).
 */
export interface GrowthDriver {
  id: number;
  name: string;
  /** Total growth over the period, fraction (0.055 = +5.5 %). */
  growth: number;
  startYear: FinancialYear;
  endYear: FinancialYear;
  orgId: number | null;
  roleId: number | null;
  staffGroup: string | null;
  /** Range of the total growth (fractions). */
  growthLow?: number | null;
  growthHigh?: number | null;
}

/** A step change in demand from a year on (e.g. +65 ambulance staff in 2020/21), FTE. */
export interface DemandChange {
  id: number;
  orgId: number;
  roleId: number;
  year: FinancialYear;
  deltaFte: number;
}

/** Everything the engine needs to project one scenario. */
export interface ScenarioInputs {
  baseYear: FinancialYear;
  /** Last projected year, inclusive. */
  horizonYear: FinancialYear;
  organisations: Organisation[];
  roles: Role[];
  workforce: WorkforceCell[];
  pipelines: Pipeline[];
  otherJoiners: OtherJoiner[];
  growthDrivers: GrowthDriver[];
  demandChanges: DemandChange[];
}

/** The per-year flows of one organisation × role, FTE unless stated. Arrays indexed by year - baseYear. */
export interface CellProjection {
  orgId: number;
  roleId: number;
  opening: Float64Array;
  leavers: Float64Array;
  retirements: Float64Array;
  progressionOut: Float64Array;
  /** Sum over pipelines into this cell. Per-pipeline values are in PipelineProjection.joinedFte. */
  qualified: Float64Array;
  otherJoiners: Float64Array;
  closing: Float64Array;
  /** closing ÷ (FTE per head of the baseline). */
  closingHeadcount: Float64Array;
  demand: Float64Array;
  /** demand − closing; positive = shortfall. */
  gap: Float64Array;
  /** gap ÷ demand (0 when demand is 0). */
  vacancyRate: Float64Array;
  /** max(gap, 0) × agencyShare × agencyCostPerFte, £. */
  agencyCost: Float64Array;
  /** Closing FTE by age band at year end, before the roll: [yearIndex * AGE_BAND_COUNT + band]. */
  closingByBand: Float64Array;
}

export interface PipelineProjection {
  pipelineId: number;
  /** Starters, heads (for progression pipelines that remove trainees at the start: capped by the source role's stock). */
  starts: Float64Array;
  /** Learners in training during the year, heads (learner-years). */
  inTraining: Float64Array;
  /** People completing the course, heads. */
  completers: Float64Array;
  /** FTE joining the target role. */
  joinedFte: Float64Array;
  /** FTE leaving the source role (progression pipelines; zero otherwise). */
  sourceOutFte: Float64Array;
  /** inTraining × costPerLearnerYear, £. */
  trainingCost: Float64Array;
}

export interface Projection {
  baseYear: FinancialYear;
  horizonYear: FinancialYear;
  /** The years projected, baseYear..horizonYear. */
  years: FinancialYear[];
  cells: CellProjection[];
  pipelines: PipelineProjection[];
}

export const TARGET_METRICS = [
  'trained-cumulative',
  'starts-cumulative',
  'joined-cumulative',
  'learners-in-training',
  'supply-fte',
  'supply-change-fte',
  'vacancy-rate',
  'agency-cost',
] as const;
/**
 * - trained-cumulative: completers (heads) of the target's pipelines from the base year to the target year.
 * - starts-cumulative: starters (heads) of its pipelines, base year to target year.
 * - joined-cumulative: FTE joined from its pipelines, base year to target year.
 * - learners-in-training: learners in training (heads) in the target year, its pipelines.
 * - supply-fte: closing FTE in the target year (filtered by org/role; null = all).
 * - supply-change-fte: closing FTE in the target year minus opening FTE of the base year.
 * - vacancy-rate: gap ÷ demand in the target year over the filtered cells (fraction).
 * - agency-cost: agency cost in the target year over the filtered cells (£).
 */
export type TargetMetric = (typeof TARGET_METRICS)[number];

export interface Target {
  id: number;
  name: string;
  metric: TargetMetric;
  /** For pipeline metrics: the pipelines counted. */
  pipelineIds: number[];
  orgId: number | null;
  roleId: number | null;
  year: FinancialYear;
  /** null = the value is not yet known (e.g. "train xx endoscopists"): never met, never missed. */
  value: number | null;
  /** at-least: projected ≥ value is met; at-most: projected ≤ value is met. */
  comparison: 'at-least' | 'at-most';
}

export type RagStatus = 'green' | 'amber' | 'red' | 'unknown';

export interface TargetProgress {
  targetId: number;
  projected: number | null;
  value: number | null;
  status: RagStatus;
  /** Plain-English reason, e.g. "Projected 187.5 against 250: short by 62.5". */
  explanation: string;
}

export interface ShortageCriteria {
  /** Flag a role when its system-wide vacancy rate in any projected year exceeds this (fraction), or null to skip. */
  vacancyRateAbove: number | null;
  /** Flag when the FTE-weighted leaver rate exceeds this (fraction), or null. */
  leaverRateAbove: number | null;
  /** Flag when the share of base-year FTE aged 55 and over exceeds this (fraction), or null. */
  aged55PlusAbove: number | null;
  /** 'any': one criterion met flags the role; 'all': every set criterion must be met. */
  mode: 'any' | 'all';
}

export interface ShortageRoleResult {
  roleId: number;
  isShortage: boolean;
  peakVacancyRate: number;
  peakVacancyYear: FinancialYear;
  leaverRate: number;
  aged55PlusShare: number;
  /** Which set criteria this role meets. */
  met: { vacancyRate: boolean; leaverRate: boolean; aged55Plus: boolean };
}

export interface RequiredIntakeQuestion {
  pipelineId: number;
  /** First year of the constant intake; intakes from here to the horizon are replaced. */
  fromYear: FinancialYear;
  /** Year by which the gap must be closed (gap ≤ 0). */
  byYear: FinancialYear;
  /** The gap to close: the pipeline's target org × role, or the role across all organisations. */
  scope: 'cell' | 'role';
}

export type RequiredIntakeAnswer =
  | {
      ok: true;
      /** Smallest constant yearly intake (heads), exact. */
      exactIntake: number;
      /** The same rounded up to whole starters. */
      wholeIntake: number;
      gapBefore: number;
      gapAfter: number;
    }
  | { ok: false; reason: string };

/** How the total yearly intake is shared between the pipelines into the role. */
export type IntakeSharing = 'gap' | 'current' | 'one';

export interface RoleIntakeQuestion {
  roleId: number;
  /** The organisation whose gap must close, or null for the role across every organisation. */
  orgId: number | null;
  /** First year of the constant intake; intakes from here to the horizon are replaced. */
  fromYear: FinancialYear;
  /** Year by which the gap must be closed (gap ≤ 0). */
  byYear: FinancialYear;
  /**
   * - 'gap': organisations take shares that close each one's own gap in step (in proportion to
   *   its gap, allowing for what a starter brings there); within one, pipelines share by current intake;
   * - 'current': in proportion to each pipeline's intake in the start year (else its largest year; else equally);
   * - 'one': all of it into `pipelineId`.
   */
  sharing: IntakeSharing;
  pipelineId: number | null;
}

export interface IntakeAllocation {
  pipelineId: number;
  /** Share of the total yearly intake, fraction. */
  share: number;
  /** Starters a year from the start year, exact. */
  exactIntake: number;
  /** The same rounded up to whole starters. */
  wholeIntake: number;
  /** The plan's intake in the start year now, heads. */
  currentIntake: number;
}

export interface OrganisationGap {
  orgId: number;
  /** Gap (FTE, positive = shortfall) in the target year with the plan's own intakes. */
  gapBefore: number;
  /** The same with the whole-starter answer applied. */
  gapAfter: number;
}

export type RoleIntakeAnswer =
  | {
      ok: true;
      /** Smallest total yearly intake (heads), exact. */
      exactTotal: number;
      /** Σ of the whole-starter intakes. */
      wholeTotal: number;
      allocations: IntakeAllocation[];
      /** Gap (FTE) in the target year over the scope: as planned, with the exact answer, with the whole answer. */
      gapBefore: number;
      gapAfterExact: number;
      gapAfter: number;
      byOrganisation: OrganisationGap[];
      /** The plausible limit searched to (heads a year). */
      limit: number;
      /** Plain-English remarks: pipelines left out and why, organisations no pipeline can help. */
      notes: string[];
    }
  | { ok: false; reason: string };
