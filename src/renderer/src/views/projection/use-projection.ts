/**
 * The selected scenario's projection, shared by every view: run once whenever the plan changes
 * (`dataVersion`), so an edit anywhere shows everywhere without a reload. It also keeps the
 * projection as it was before the last change that moved any number, so a view can show what an
 * edit did ("was → now") where the edit was made, and the dashboard the change since then.
 */
import { createContext, createElement, useContext, useEffect, useState, type ReactNode } from 'react';
import type { PipelineRow, ProjectionResult, TargetDto } from '../../../../shared/api/dto';
import { call, errorMessage } from '../../api';
import { useAppState } from '../../app/AppState';

export interface ProjectionState {
  result: ProjectionResult | null;
  pipelines: PipelineRow[];
  targets: TargetDto[];
  /** The result before the last change that moved a number (same plan and scenario), or null. */
  previous: ProjectionResult | null;
  /** True while a run is under way (the last result stays on screen until the new one lands). */
  loading: boolean;
  error: string | null;
}

const EMPTY: ProjectionState = { result: null, pipelines: [], targets: [], previous: null, loading: true, error: null };
const Ctx = createContext<ProjectionState | null>(null);

/** True when two results hold the same numbers (gap, supply and demand of every cell). */
export function sameResult(a: ProjectionResult, b: ProjectionResult): boolean {
  if (a.scenarioId !== b.scenarioId || a.cells.length !== b.cells.length || a.years.length !== b.years.length) return false;
  return a.cells.every((c, i) => {
    const d = b.cells[i]!;
    return c.orgId === d.orgId && c.roleId === d.roleId && c.closing.every((v, t) => v === d.closing[t]) && c.demand.every((v, t) => v === d.demand[t]);
  });
}

export function ProjectionProvider({ children }: { children: ReactNode }) {
  const { scenarioId, dataVersion, plan } = useAppState();
  const [state, setState] = useState<ProjectionState>(EMPTY);
  const planPath = plan?.path ?? null;

  useEffect(() => {
    // Another plan or scenario: nothing to compare with.
    setState(EMPTY);
  }, [scenarioId, planPath]);

  useEffect(() => {
    if (scenarioId === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    Promise.all([call('projection/run', { scenarioId }), call('pipelines/list', { scenarioId }), call('targets/list', {})])
      .then(([result, pipelines, targets]) => {
        if (!live) return;
        setState((s) => {
          const moved = s.result !== null && s.result.scenarioId === result.scenarioId && !sameResult(s.result, result);
          return { result, pipelines, targets, previous: moved ? s.result : s.result?.scenarioId === result.scenarioId ? s.previous : null, loading: false, error: null };
        });
      })
      .catch((err: unknown) => {
        if (live) setState((s) => ({ ...s, loading: false, error: errorMessage(err) }));
      });
    return () => {
      live = false;
    };
  }, [scenarioId, dataVersion]);

  return createElement(Ctx.Provider, { value: state }, children);
}

export function useProjection(): ProjectionState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useProjection outside ProjectionProvider');
  return v;
}
