/**
 * The selected scenario's simulation, shared by the views that show it (the dashboard, the bridge
 * panel). It runs in main's worker, never in the window, and only while such a view is open:
 * after an edit it waits a moment (more edits may follow), cancels a run that is now out of date
 * and starts again. Progress comes from main's task events; Cancel stops the run, keeping the
 * last finished result on screen.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { UncertaintyView } from '../../../shared/api/channels/uncertainty';
import { DEFAULT_RUNS, DEFAULT_SEED } from '../../../shared/model/uncertainty';
import { ApiError, call, errorMessage } from '../api';
import { useAppState } from './AppState';

/** How long after an edit the simulation waits before it starts again, ms. */
const SETTLE_MS = 400;

export interface UncertaintyState {
  /** The last finished simulation of the selected scenario (null before the first). */
  result: UncertaintyView | null;
  /** True when the plan has changed since `result` was made (a new run is due or under way). */
  stale: boolean;
  /** True while a run is under way (its progress: useSimulationProgress). */
  busy: boolean;
  /** Why the last run did not finish (cancelled, or an error), or null. */
  problem: string | null;
  runs: number;
  seed: number;
  setRuns: (runs: number) => void;
  setSeed: (seed: number) => void;
  cancel: () => void;
  runAgain: () => void;
}

interface Store extends UncertaintyState {
  subscribe: () => () => void;
}

/** The run under way: its share done (null before the first report) and what it is doing. */
export type SimulationProgress = { fraction: number | null; message: string } | null;

const Ctx = createContext<Store | null>(null);
// Progress changes many times a run; kept apart so that only what shows it re-renders.
const ProgressCtx = createContext<SimulationProgress>(null);

/** The runs and seed the dashboard uses, without keeping the simulation up to date (the export dialog). */
export function useSimulationSettings(): { runs: number; seed: number } {
  const store = useContext(Ctx);
  return { runs: store?.runs ?? DEFAULT_RUNS, seed: store?.seed ?? DEFAULT_SEED };
}

/** The progress of the run under way (null when none). */
export function useSimulationProgress(): SimulationProgress {
  return useContext(ProgressCtx);
}

/** The selected scenario's simulation; while a view uses it, it is kept up to date. */
export function useUncertainty(): UncertaintyState {
  const store = useContext(Ctx);
  if (!store) throw new Error('useUncertainty outside UncertaintyProvider');
  const { subscribe } = store;
  useEffect(() => subscribe(), [subscribe]);
  return store;
}

export function UncertaintyProvider({ children }: { children: ReactNode }) {
  const { scenarioId, dataVersion } = useAppState();
  const [viewers, setViewers] = useState(0);
  const [runs, setRuns] = useState<number>(DEFAULT_RUNS);
  const [seed, setSeed] = useState<number>(DEFAULT_SEED);
  const [result, setResult] = useState<{ key: string; value: UncertaintyView } | null>(null);
  const [running, setRunning] = useState<{ taskId: string; key: string } | null>(null);
  const [progress, setProgress] = useState<SimulationProgress>(null);
  const [problem, setProblem] = useState<{ key: string; message: string } | null>(null);
  const [again, setAgain] = useState(0);
  const current = useRef<{ taskId: string; key: string } | null>(null);

  const key = scenarioId === null ? '' : `${scenarioId}:${dataVersion}:${runs}:${seed}:${again}`;
  const subscribe = useCallback(() => {
    setViewers((n) => n + 1);
    return () => setViewers((n) => n - 1);
  }, []);

  useEffect(
    () =>
      window.api.onEvent('task/progress', (p) => {
        if (p.taskId !== current.current?.taskId || p.done) return;
        setProgress({ fraction: p.fraction, message: p.message });
      }),
    [],
  );

  const stop = useCallback(() => {
    const run = current.current;
    if (!run) return;
    current.current = null;
    void call('task/cancel', { taskId: run.taskId }).catch(() => undefined);
  }, []);

  useEffect(() => {
    if (viewers === 0 || scenarioId === null || key === '') return;
    if (result?.key === key || problem?.key === key || current.current?.key === key) return;
    // Out of date: whatever is running is for an older plan.
    stop();
    setRunning(null);
    const timer = window.setTimeout(() => {
      const taskId = crypto.randomUUID();
      current.current = { taskId, key };
      setRunning({ taskId, key });
      setProgress({ fraction: null, message: 'Starting…' });
      setProblem(null);
      call('uncertainty/run', { taskId, scenarioId, runs, seed })
        .then((value) => {
          if (current.current?.taskId !== taskId) return;
          current.current = null;
          setResult({ key, value });
          setRunning(null);
        })
        .catch((err: unknown) => {
          // A run replaced by a newer one was cancelled on purpose: nothing to say.
          if (current.current?.taskId !== taskId) return;
          current.current = null;
          setRunning(null);
          setProblem({ key, message: err instanceof ApiError && err.code === 'CANCELLED' ? 'The simulation was cancelled.' : errorMessage(err) });
        });
    }, SETTLE_MS);
    return () => window.clearTimeout(timer);
  }, [viewers, scenarioId, key, runs, seed, result, problem, stop]);

  // Leaving the views that show it, or closing the window: stop the work nobody will see.
  useEffect(() => {
    if (viewers === 0) {
      stop();
      setRunning(null);
    }
  }, [viewers, stop]);

  const cancel = useCallback(() => {
    const run = current.current;
    if (!run) return;
    void call('task/cancel', { taskId: run.taskId }).catch(() => undefined);
  }, []);
  const runAgain = useCallback(() => setAgain((n) => n + 1), []);

  const sameScenario = result !== null && result.value.scenarioId === scenarioId;
  const value = useMemo<Store>(
    () => ({
      result: sameScenario ? result.value : null,
      stale: !sameScenario || result.key !== key,
      busy: running !== null,
      problem: problem?.message ?? null,
      runs,
      seed,
      setRuns,
      setSeed,
      cancel,
      runAgain,
      subscribe,
    }),
    [sameScenario, result, key, running, problem, runs, seed, cancel, runAgain, subscribe],
  );
  return (
    <Ctx.Provider value={value}>
      <ProgressCtx.Provider value={running ? progress : null}>{children}</ProgressCtx.Provider>
    </Ctx.Provider>
  );
}
