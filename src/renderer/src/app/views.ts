import type { ComponentType } from 'react';
import { PipelinesView } from '../views/PipelinesView';

export interface ViewDef {
  id: string;
  label: string;
  component: ComponentType;
}

/** The left navigation, in the order planners work through a plan. */
export const VIEWS = [{ id: 'pipelines', label: 'Pipelines', component: PipelinesView }] as const satisfies readonly ViewDef[];
export type ViewId = (typeof VIEWS)[number]['id'];
