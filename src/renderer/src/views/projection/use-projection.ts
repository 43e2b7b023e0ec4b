/**
 * The selected scenario's projection, shared by every view and read again whenever the plan
 * changes (`dataVersion`), so an edit anywhere shows everywhere without a reload.
 *
 * Two readings, by what a view shows. The summary (totals, targets, shortage roles, the biggest
 * gaps, the totals before the last change that moved a number) is a few kilobytes whatever the
 * plan's size and is always kept. The whole projection (every organisation × role) is read only
 * while a view that shows it (the Projection grid) is open, so that an edit on a large plan costs
 * the window only what it shows.
 */
import { createContext, createElement, useContext, useEffect, useState, type ReactNode } from 'react';
import type { PipelineRow, ProjectionResult, ProjectionSummary, TargetDto } from '../../../../shared/api/dto';
import { call, errorMessage } from '../../api';
import { useAppState } from '../../app/AppState';

export interface SummaryState {
  summary: ProjectionSummary | null;
  targets: TargetDto[];
  /** True while a reading is under way (the last one stays on screen until the new one lands). */
  loading: boolean;
  error: string | null;
}

export interface ProjectionState {
  result: ProjectionResult | null;
  pipelines: PipelineRow[];
  loading: boolean;
  error: string | null;
}

/** Every shortage role comes with the summary (a plan has at most a few hundred roles); the gaps, the worst ten. */
const SHORTAGE_LIMIT = 100_000;

const NO_SUMMARY: SummaryState = { summary: null, targets: [], loading: true, error: null };
const NO_PROJECTION: ProjectionState = { result: null, pipelines: [], loading: true, error: null };

interface Shared {
  summary: SummaryState;
  projection: ProjectionState;
  /** Registers a view that shows the whole projection; returns its unregistering. */
  watch: () => () => void;
}

const Ctx = createContext<Shared | null>(null);

export function ProjectionProvider({ children }: { children: ReactNode }) {
  const { scenarioId, dataVersion, plan } = useAppState();
  const [summary, setSummary] = useState<SummaryState>(NO_SUMMARY);
  const [projection, setProjection] = useState<ProjectionState>(NO_PROJECTION);
  const [watchers, setWatchers] = useState(0);
  const [watch] = useState(() => () => {
    setWatchers((n) => n + 1);
    return () => setWatchers((n) => n - 1);
  });
  const planPath = plan?.path ?? null;

  useEffect(() => {
    // Another plan or scenario: nothing of the last one stays on screen.
    setSummary(NO_SUMMARY);
    setProjection(NO_PROJECTION);
  }, [scenarioId, planPath]);

  useEffect(() => {
    if (scenarioId === null) return;
    let live = true;
    setSummary((s) => ({ ...s, loading: true }));
    Promise.all([call('projection/summary', { scenarioId, shortageLimit: SHORTAGE_LIMIT }), call('targets/list', {})])
      .then(([next, targets]) => live && setSummary({ summary: next, targets, loading: false, error: null }))
      .catch((err: unknown) => live && setSummary((s) => ({ ...s, loading: false, error: errorMessage(err) })));
    return () => {
      live = false;
    };
  }, [scenarioId, dataVersion]);

  const wanted = watchers > 0;
  useEffect(() => {
    if (scenarioId === null || !wanted) return;
    let live = true;
    setProjection((s) => ({ ...s, loading: true }));
    Promise.all([call('projection/run', { scenarioId }), call('pipelines/list', { scenarioId })])
      .then(([result, pipelines]) => live && setProjection({ result, pipelines, loading: false, error: null }))
      .catch((err: unknown) => live && setProjection((s) => ({ ...s, loading: false, error: errorMessage(err) })));
    return () => {
      live = false;
    };
  }, [scenarioId, dataVersion, wanted]);

  return createElement(Ctx.Provider, { value: { summary, projection, watch } }, children);
}

function useShared(): Shared {
  const v = useContext(Ctx);
  if (!v) throw new Error('The projection is read outside ProjectionProvider');
  return v;
}

/** The summary of the selected scenario's projection (always kept up to date). */
export function useProjectionSummary(): SummaryState {
  return useShared().summary;
}

/** The whole projection of the selected scenario: read, and kept up to date, while a view using this is open. */
export function useProjection(): ProjectionState {
  const { projection, watch } = useShared();
  useEffect(() => watch(), [watch]);
  return projection;
}
