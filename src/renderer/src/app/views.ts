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

/**
 * The key that opens a view: Alt with a digit (Option on a Mac; free of the menus' Alt+letter
 * mnemonics and of Ctrl+0, reset zoom), or, for Import, the File menu's own Ctrl+I (⌘I).
 */
export type ViewShortcut = { alt: string } | { command: string };

export interface ViewDef {
  id: string;
  label: string;
  component: ComponentType;
  shortcut: ViewShortcut;
}

/** The left navigation, in the order planners work through a plan. */
export const VIEWS = [
  { id: 'dashboard', label: 'Dashboard', component: DashboardView, shortcut: { alt: '1' } },
  { id: 'baseline', label: 'Baseline', component: BaselineView, shortcut: { alt: '2' } },
  { id: 'pipelines', label: 'Pipelines', component: PipelinesView, shortcut: { alt: '3' } },
  { id: 'joiners', label: 'Other joiners', component: JoinersView, shortcut: { alt: '4' } },
  { id: 'demand', label: 'Demand', component: DemandView, shortcut: { alt: '5' } },
  { id: 'targets', label: 'Targets', component: TargetsView, shortcut: { alt: '6' } },
  { id: 'projection', label: 'Projection', component: ProjectionView, shortcut: { alt: '7' } },
  { id: 'compare', label: 'Compare', component: CompareView, shortcut: { alt: '8' } },
  { id: 'assumptions', label: 'Assumptions', component: AssumptionsView, shortcut: { alt: '9' } },
  { id: 'import', label: 'Import', component: ImportView, shortcut: { command: 'I' } },
  { id: 'history', label: 'History', component: HistoryView, shortcut: { alt: '0' } },
] as const satisfies readonly ViewDef[];
export type ViewId = (typeof VIEWS)[number]['id'];

export const IS_MAC = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

/** The shortcut as written beside the view's name. */
export function shortcutText(s: ViewShortcut, mac = IS_MAC): string {
  if ('alt' in s) return mac ? `⌥${s.alt}` : `Alt+${s.alt}`;
  return mac ? `⌘${s.command}` : `Ctrl+${s.command}`;
}

/** The shortcut in aria-keyshortcuts form. */
export function shortcutAria(s: ViewShortcut, mac = IS_MAC): string {
  if ('alt' in s) return `Alt+${s.alt}`;
  return `${mac ? 'Meta' : 'Control'}+${s.command}`;
}

/** The view a key press opens, if any (by physical key, so Option+1 on a Mac still counts). */
export function viewForKey(
  e: { altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; code: string; key: string },
  mac = IS_MAC,
): ViewId | null {
  if (e.shiftKey) return null;
  const digit = /^Digit(\d)$/.exec(e.code)?.[1];
  for (const v of VIEWS) {
    const s: ViewShortcut = v.shortcut;
    if ('alt' in s) {
      if (e.altKey && !e.ctrlKey && !e.metaKey && digit === s.alt) return v.id;
    } else if ((mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey) && !e.altKey && e.key.toLowerCase() === s.command.toLowerCase()) return v.id;
  }
  return null;
}
