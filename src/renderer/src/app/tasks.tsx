/**
 * Long work in the window: `useRunTask()` gives a task id to a request and shows its progress
 * (from main's `task/progress` events) in a panel with a Cancel button.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { TaskProgress } from '../../../shared/api/dto';
import { call } from '../api';

interface TaskState {
  running: TaskProgress[];
  run: <T>(label: string, work: (taskId: string) => Promise<T>) => Promise<T>;
}

const Ctx = createContext<TaskState | null>(null);

export function useRunTask(): TaskState['run'] {
  const v = useContext(Ctx);
  if (!v) throw new Error('useRunTask outside TaskProvider');
  return v.run;
}

export function TaskProvider({ children }: { children: ReactNode }) {
  const [running, setRunning] = useState<TaskProgress[]>([]);

  useEffect(
    () =>
      window.api.onEvent('task/progress', (p) => {
        // Work shown where it happens (the dashboard's simulation) stays out of this panel.
        if (p.inline) return;
        setRunning((list) => (p.done ? list.filter((t) => t.taskId !== p.taskId) : [...list.filter((t) => t.taskId !== p.taskId), p]));
      }),
    [],
  );

  const run = useCallback(async <T,>(label: string, work: (taskId: string) => Promise<T>): Promise<T> => {
    const taskId = crypto.randomUUID();
    setRunning((list) => [...list, { taskId, label, fraction: null, message: 'Starting…' }]);
    try {
      return await work(taskId);
    } finally {
      setRunning((list) => list.filter((t) => t.taskId !== taskId));
    }
  }, []);

  const value = useMemo(() => ({ running, run }), [running, run]);
  return (
    <Ctx.Provider value={value}>
      {children}
      <TaskPanel tasks={running} />
    </Ctx.Provider>
  );
}

function TaskPanel({ tasks }: { tasks: TaskProgress[] }) {
  if (tasks.length === 0) return null;
  return (
    <div className="task-panel" role="region" aria-label="Work in progress">
      {tasks.map((t) => (
        <div key={t.taskId} className="task">
          <div className="task-label">
            <strong>{t.label}</strong> <span>{t.message}</span>
          </div>
          <div
            className="progress"
            role="progressbar"
            aria-label={t.label}
            aria-valuemin={0}
            aria-valuemax={100}
            {...(t.fraction === null ? {} : { 'aria-valuenow': Math.round(t.fraction * 100) })}
          >
            <div
              className={t.fraction === null ? 'progress-bar progress-indeterminate' : 'progress-bar'}
              style={t.fraction === null ? undefined : { width: `${Math.round(t.fraction * 100)}%` }}
            />
          </div>
          <button type="button" className="button button-secondary" onClick={() => void call('task/cancel', { taskId: t.taskId })}>
            Cancel
          </button>
        </div>
      ))}
    </div>
  );
}
