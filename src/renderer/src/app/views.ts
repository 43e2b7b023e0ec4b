import type { ComponentType } from 'react';
import { PipelinesView } from '../views/PipelinesView';
import { DashboardView } from '../views/dashboard/DashboardView';
import { ProjectionView } from '../views/projection/ProjectionView';
import { CompareView } from '../views/compare/CompareView';
import { AssumptionsView } from '../views/inputs/AssumptionsView';
import { BaselineView } from '../views/inputs/BaselineView';
import { DemandView } from '../views/inputs/DemandView';
import { JoinersView } from '../views/inputs/JoinersView';
import { TargetsView } from '../views/inputs/TargetsView';
import { ImportView } from '../views/import/ImportView';
import { HistoryView } from '../views/history/HistoryView';

export interface ViewDef {
  id: string;
  label: string;
  component: ComponentType;
}

/** The left navigation, in the order planners work through a plan. */
export const VIEWS = [
  { id: 'dashboard', label: 'Dashboard', component: DashboardView },
  { id: 'baseline', label: 'Baseline', component: BaselineView },
  { id: 'pipelines', label: 'Pipelines', component: PipelinesView },
  { id: 'joiners', label: 'Other joiners', component: JoinersView },
  { id: 'demand', label: 'Demand', component: DemandView },
  { id: 'targets', label: 'Targets', component: TargetsView },
  { id: 'projection', label: 'Projection', component: ProjectionView },
  { id: 'compare', label: 'Compare', component: CompareView },
  { id: 'assumptions', label: 'Assumptions', component: AssumptionsView },
  { id: 'import', label: 'Import', component: ImportView },
  { id: 'history', label: 'History', component: HistoryView },
] as const satisfies readonly ViewDef[];
export type ViewId = (typeof VIEWS)[number]['id'];
