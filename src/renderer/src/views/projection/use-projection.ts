/**
 * Runs the selected scenario's projection and re-runs it whenever the plan changes
 * (`dataVersion`), so an edit in any view shows here without a reload.
 */
import { useEffect, useState } from 'react';
import type { PipelineRow, ProjectionResult, TargetDto } from '../../../../shared/api/dto';
import { call, errorMessage } from '../../api';
import { useAppState } from '../../app/AppState';

export interface ProjectionState {
  result: ProjectionResult | null;
  pipelines: PipelineRow[];
  targets: TargetDto[];
  /** True while a run is under way (the last result stays on screen until the new one lands). */
  loading: boolean;
  error: string | null;
}

export function useProjection(): ProjectionState {
  const { scenarioId, dataVersion } = useAppState();
  const [state, setState] = useState<ProjectionState>({ result: null, pipelines: [], targets: [], loading: true, error: null });

  useEffect(() => {
    if (scenarioId === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    Promise.all([call('projection/run', { scenarioId }), call('pipelines/list', { scenarioId }), call('targets/list', {})])
      .then(([result, pipelines, targets]) => {
        if (live) setState({ result, pipelines, targets, loading: false, error: null });
      })
      .catch((err: unknown) => {
        if (live) setState((s) => ({ ...s, loading: false, error: errorMessage(err) }));
      });
    return () => {
      live = false;
    };
  }, [scenarioId, dataVersion]);
  return state;
}
