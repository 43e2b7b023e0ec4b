/**
 * The window's shared state: the open plan, its scenarios and reference data, the selected
 * scenario, undo/redo state, and a data version that every view re-reads on, so an edit
 * anywhere shows everywhere without a reload.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { HistoryState, PlanInfo, ReferenceData, ScenarioRow } from '../../../shared/api/dto';
import { call, errorMessage } from '../api';

export type SaveState = { kind: 'saved' } | { kind: 'saving' } | { kind: 'error'; message: string };

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

interface AppStateValue {
  plan: PlanInfo | null;
  scenarios: ScenarioRow[];
  scenarioId: number | null;
  reference: ReferenceData;
  history: HistoryState;
  dataVersion: number;
  save: SaveState;
  notices: Notice[];
  selectScenario: (id: number) => void;
  /** Re-reads plan, scenarios, reference data and history; bumps the data version. */
  refresh: () => Promise<void>;
  /** Runs a change: shows "Saving…", then refreshes; on failure shows the message and rethrows. */
  mutate: <T>(action: () => Promise<T>) => Promise<T>;
  notify: (kind: Notice['kind'], message: string) => void;
  dismiss: (id: number) => void;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
}

const EMPTY_HISTORY: HistoryState = { canUndo: false, undoLabel: null, canRedo: false, redoLabel: null };
const Ctx = createContext<AppStateValue | null>(null);

export function useAppState(): AppStateValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useAppState outside AppStateProvider');
  return v;
}

/** The previous value when the new one holds the same data (they are small: plan facts, names, history state). */
function same<T>(previous: T, next: T): T {
  return previous !== null && JSON.stringify(previous) === JSON.stringify(next) ? previous : next;
}

export function AppStateProvider({ children }: { children: ReactNode }) {
  const [plan, setPlan] = useState<PlanInfo | null>(null);
  const [scenarios, setScenarios] = useState<ScenarioRow[]>([]);
  const [scenarioId, setScenarioId] = useState<number | null>(null);
  const [reference, setReference] = useState<ReferenceData>({ organisations: [], roles: [] });
  const [history, setHistory] = useState<HistoryState>(EMPTY_HISTORY);
  const [dataVersion, setDataVersion] = useState(0);
  const [save, setSave] = useState<SaveState>({ kind: 'saved' });
  const [notices, setNotices] = useState<Notice[]>([]);
  const noticeId = useRef(0);

  const notify = useCallback((kind: Notice['kind'], message: string) => {
    noticeId.current += 1;
    const id = noticeId.current;
    setNotices((n) => [...n.slice(-3), { id, kind, message }]);
  }, []);
  const dismiss = useCallback((id: number) => setNotices((n) => n.filter((x) => x.id !== id)), []);

  const refresh = useCallback(async () => {
    const [p, s, r, h] = await Promise.all([call('plan/info', {}), call('scenarios/list', {}), call('reference/list', {}), call('history/state', {})]);
    // Unchanged answers keep their objects, so that nothing derived from them (a grid's columns
    // from the reference lists, say) is built again after every edit.
    setPlan((x) => same(x, p));
    setScenarios((x) => same(x, s));
    setReference((x) => same(x, r));
    setHistory((x) => same(x, h));
    setScenarioId((current) => (current !== null && s.some((x) => x.id === current) ? current : (s[s.length - 1]?.id ?? null)));
    setDataVersion((v) => v + 1);
  }, []);

  const mutate = useCallback(
    async <T,>(action: () => Promise<T>): Promise<T> => {
      setSave({ kind: 'saving' });
      try {
        const result = await action();
        setSave({ kind: 'saved' });
        await refresh();
        return result;
      } catch (err) {
        const message = errorMessage(err);
        setSave({ kind: 'error', message });
        throw err;
      }
    },
    [refresh],
  );

  const undo = useCallback(async () => {
    try {
      await mutate(() => call('history/undo', {}));
    } catch (err) {
      notify('error', errorMessage(err));
    }
  }, [mutate, notify]);
  const redo = useCallback(async () => {
    try {
      await mutate(() => call('history/redo', {}));
    } catch (err) {
      notify('error', errorMessage(err));
    }
  }, [mutate, notify]);

  useEffect(() => {
    refresh().catch((err: unknown) => notify('error', errorMessage(err)));
    const off = window.api.onEvent('plan/changed', () => {
      setScenarioId(null);
      refresh().catch((err: unknown) => notify('error', errorMessage(err)));
    });
    return off;
  }, [refresh, notify]);

  useEffect(() => {
    if (plan) document.title = `${plan.name} — Workforce Pipeline Planner`;
  }, [plan]);

  const value = useMemo<AppStateValue>(
    () => ({
      plan,
      scenarios,
      scenarioId,
      reference,
      history,
      dataVersion,
      save,
      notices,
      selectScenario: setScenarioId,
      refresh,
      mutate,
      notify,
      dismiss,
      undo,
      redo,
    }),
    [plan, scenarios, scenarioId, reference, history, dataVersion, save, notices, refresh, mutate, notify, dismiss, undo, redo],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}
