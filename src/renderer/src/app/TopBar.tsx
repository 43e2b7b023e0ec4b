import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { RecentPlan } from '../../../shared/api/dto';
import { call } from '../api';
import { useAppState } from './AppState';
import type { PlanCommands } from './plan-commands';
import { ManageScenariosButton } from '../views/scenarios/ManageScenarios';
import { ExportButton } from '../views/export/ExportDialog';

/**
 * The Plan menu, as a WAI-ARIA menu button: Enter, Space or ↓ opens it on the first item (↑ on
 * the last); ↑ ↓ Home End move between items; Esc closes it and returns to the button; it closes
 * when focus leaves it (Tab, or a click elsewhere).
 */
function PlanMenu({ commands }: { commands: PlanCommands }) {
  const [open, setOpen] = useState(false);
  const [recent, setRecent] = useState<RecentPlan[]>([]);
  const ref = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const focusOnOpen = useRef<'first' | 'last'>('first');
  const id = useId();

  useEffect(() => {
    if (!open) return;
    let live = true;
    call('plan/recent', {})
      .then((r) => live && setRecent(r))
      .catch(() => live && setRecent([]));
    const close = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => {
      live = false;
      document.removeEventListener('mousedown', close);
    };
  }, [open]);

  const items = () => [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  // Focus the first (or last) item when the menu opens, and again once the recent plans arrive.
  useEffect(() => {
    if (!open) return;
    const list = items();
    if (list.some((el) => el === document.activeElement)) return;
    (focusOnOpen.current === 'first' ? list[0] : list[list.length - 1])?.focus();
  }, [open, recent]);

  const openMenu = (at: 'first' | 'last') => {
    focusOnOpen.current = at;
    setOpen(true);
  };
  const closeMenu = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };
  const onMenuKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const list = items();
    const at = list.findIndex((el) => el === document.activeElement);
    const go = (i: number) => {
      e.preventDefault();
      list[(i + list.length) % list.length]?.focus();
    };
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(list.length - 1);
    else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      closeMenu(true);
    } else if (e.key === 'Tab') setOpen(false);
  };

  const item = (key: string, label: string, action: () => Promise<void>, title?: string) => (
    <li key={key} role="none">
      <button
        type="button"
        role="menuitem"
        tabIndex={-1}
        className="menu-item"
        title={title}
        onClick={() => {
          closeMenu(true);
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
      onBlur={(e) => {
        if (open && ref.current && !ref.current.contains(e.relatedTarget)) setOpen(false);
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="button button-secondary"
        id={`${id}-button`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => (open ? closeMenu(false) : openMenu('first'))}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            openMenu(e.key === 'ArrowDown' ? 'first' : 'last');
          }
        }}
      >
        Plan ▾
      </button>
      {open ? (
        <ul className="menu-list" role="menu" id={`${id}-menu`} aria-labelledby={`${id}-button`} ref={menuRef} onKeyDown={onMenuKey}>
          {item('new', 'New plan…', commands.newPlan)}
          {item('open', 'Open…', commands.openPlan)}
          {item('save-as', 'Save as…', commands.saveAs)}
          {recent.length > 0 ? (
            <li role="none">
              <ul role="group" aria-labelledby={`${id}-recent`} className="menu-group">
                <li role="presentation" id={`${id}-recent`} className="menu-heading">
                  Recent plans
                </li>
                {recent.map((r) => item(r.path, r.name, () => commands.openRecent(r.path), r.path))}
              </ul>
            </li>
          ) : null}
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
        <button
          type="button"
          className="button button-secondary"
          onClick={() => void undo()}
          disabled={!history.canUndo}
          title={history.undoLabel ? `Undo: ${history.undoLabel}` : 'Nothing to undo'}
        >
          Undo
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => void redo()}
          disabled={!history.canRedo}
          title={history.redoLabel ? `Redo: ${history.redoLabel}` : 'Nothing to redo'}
        >
          Redo
        </button>
      </div>
      <ExportButton />
      <PlanMenu commands={commands} />
    </header>
  );
}
