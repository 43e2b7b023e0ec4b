import { useEffect, useRef, useState } from 'react';
import type { RecentPlan } from '../../../shared/api/dto';
import { call } from '../api';
import { useAppState } from './AppState';
import type { PlanCommands } from './plan-commands';
import { ManageScenariosButton } from '../views/scenarios/ManageScenarios';
import { ExportButton } from '../views/export/ExportDialog';

function PlanMenu({ commands }: { commands: PlanCommands }) {
  const [open, setOpen] = useState(false);
  const [recent, setRecent] = useState<RecentPlan[]>([]);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    call('plan/recent', {}).then(setRecent).catch(() => setRecent([]));
    const close = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const item = (label: string, action: () => Promise<void>) => (
    <li>
      <button
        type="button"
        className="menu-item"
        onClick={() => {
          setOpen(false);
          void action();
        }}
      >
        {label}
      </button>
    </li>
  );
  return (
    <div
      className="menu"
      ref={ref}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setOpen(false);
      }}
    >
      <button type="button" className="button button-secondary" aria-haspopup="true" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Plan ▾
      </button>
      {open ? (
        <ul className="menu-list" aria-label="Plan">
          {item('New plan…', commands.newPlan)}
          {item('Open…', commands.openPlan)}
          {item('Save as…', commands.saveAs)}
          {recent.length > 0 ? <li className="menu-heading">Recent plans</li> : null}
          {recent.map((r) => (
            <li key={r.path}>
              <button
                type="button"
                className="menu-item"
                title={r.path}
                onClick={() => {
                  setOpen(false);
                  void commands.openRecent(r.path);
                }}
              >
                {r.name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function TopBar({ commands }: { commands: PlanCommands }) {
  const { plan, scenarios, scenarioId, selectScenario, history, undo, redo } = useAppState();
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-name">{plan?.name ?? 'Workforce Pipeline Planner'}</span>
        {plan ? (
          <span className="brand-file" title={plan.path}>
            {plan.path.split(/[\\/]/).pop()}
          </span>
        ) : null}
      </div>
      <label className="scenario-picker">
        <span>Scenario</span>
        <select value={scenarioId ?? ''} onChange={(e) => selectScenario(Number(e.target.value))} disabled={scenarios.length === 0}>
          {scenarios.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <ManageScenariosButton />
      <div className="toolbar" role="group" aria-label="Edit">
        <button type="button" className="button button-secondary" onClick={() => void undo()} disabled={!history.canUndo} title={history.undoLabel ? `Undo: ${history.undoLabel}` : 'Nothing to undo'}>
          Undo
        </button>
        <button type="button" className="button button-secondary" onClick={() => void redo()} disabled={!history.canRedo} title={history.redoLabel ? `Redo: ${history.redoLabel}` : 'Nothing to redo'}>
          Redo
        </button>
      </div>
      <ExportButton />
      <PlanMenu commands={commands} />
    </header>
  );
}
