/**
 * How the window is laid out, remembered on this computer (localStorage), not in the plan: the
 * grids' density, whether the navigation is collapsed, how the projection is shown and where
 * its bridge panel sits. A value that cannot be read falls back to the default.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type Density = 'comfortable' | 'compact';
export type ProjectionLayout = 'years-across' | 'all-measures';
export type ProjectionMeasure = 'gap' | 'supply' | 'demand' | 'vacancy';
export type PanelDock = 'right' | 'below';

export interface Preferences {
  density: Density;
  navCollapsed: boolean;
  projectionLayout: ProjectionLayout;
  projectionMeasure: ProjectionMeasure;
  bridgeDock: PanelDock;
  /** The bridge panel's width when docked right, px. */
  bridgeWidth: number;
  /** The bridge panel's height when docked below, px. */
  bridgeHeight: number;
}

export const DEFAULT_PREFERENCES: Preferences = {
  density: 'comfortable',
  navCollapsed: false,
  projectionLayout: 'years-across',
  projectionMeasure: 'gap',
  bridgeDock: 'below',
  bridgeWidth: 440,
  bridgeHeight: 300,
};

const KEY = 'workforce-planner.preferences.v1';

/** The stored preferences, each field checked; anything unreadable takes its default. */
export function readPreferences(raw: string | null): Preferences {
  let stored: Record<string, unknown> = {};
  try {
    const parsed: unknown = raw === null ? {} : JSON.parse(raw);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) stored = parsed as Record<string, unknown>;
  } catch {
    stored = {};
  }
  const pick = <T,>(key: keyof Preferences, ok: (v: unknown) => v is T, fallback: T): T => (ok(stored[key]) ? stored[key] : fallback);
  const oneOf =
    <T extends string>(...values: T[]) =>
    (v: unknown): v is T =>
      typeof v === 'string' && (values as string[]).includes(v);
  const size =
    (lo: number, hi: number) =>
    (v: unknown): v is number =>
      typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi;
  const d = DEFAULT_PREFERENCES;
  return {
    density: pick('density', oneOf<Density>('comfortable', 'compact'), d.density),
    navCollapsed: pick('navCollapsed', (v): v is boolean => typeof v === 'boolean', d.navCollapsed),
    projectionLayout: pick('projectionLayout', oneOf<ProjectionLayout>('years-across', 'all-measures'), d.projectionLayout),
    projectionMeasure: pick('projectionMeasure', oneOf<ProjectionMeasure>('gap', 'supply', 'demand', 'vacancy'), d.projectionMeasure),
    bridgeDock: pick('bridgeDock', oneOf<PanelDock>('right', 'below'), d.bridgeDock),
    bridgeWidth: pick('bridgeWidth', size(280, 1200), d.bridgeWidth),
    bridgeHeight: pick('bridgeHeight', size(160, 900), d.bridgeHeight),
  };
}

interface PreferencesValue {
  preferences: Preferences;
  setPreference: <K extends keyof Preferences>(key: K, value: Preferences[K]) => void;
}

const Ctx = createContext<PreferencesValue | null>(null);

export function usePreferences(): PreferencesValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('usePreferences outside PreferencesProvider');
  return v;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [preferences, setPreferences] = useState<Preferences>(() => readPreferences(storage()?.getItem(KEY) ?? null));
  useEffect(() => {
    try {
      storage()?.setItem(KEY, JSON.stringify(preferences));
    } catch {
      // A full or blocked store only means the layout is not remembered next time.
    }
  }, [preferences]);
  const setPreference = useCallback(
    <K extends keyof Preferences>(key: K, value: Preferences[K]) => setPreferences((p) => (p[key] === value ? p : { ...p, [key]: value })),
    [],
  );
  const value = useMemo(() => ({ preferences, setPreference }), [preferences, setPreference]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** Row and header heights of every grid, by density (px). */
export const GRID_SIZES: Record<Density, { rowHeight: number; headerHeight: number }> = {
  comfortable: { rowHeight: 26, headerHeight: 30 },
  compact: { rowHeight: 22, headerHeight: 26 },
};
