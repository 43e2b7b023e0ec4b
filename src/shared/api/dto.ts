/**
 * The shapes that cross the IPC boundary. Defined once here; main returns them, the renderer
 * reads them. Units as in src/shared/model/types.ts.
 */
import type { AssumptionStatus, FinancialYear, PipelineType } from '../model/types';

export interface PlanInfo {
  /** The plan's own name (shown in the title bar). */
  name: string;
  /** Absolute path of the plan file. */
  path: string;
  baseYear: FinancialYear;
  horizonYear: FinancialYear;
  /** True when the file could only be opened for reading. */
  readOnly: boolean;
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
export const MENU_COMMANDS = ['undo', 'redo', 'import', 'export', 'new-plan', 'open-plan', 'save-as', 'snapshot'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
