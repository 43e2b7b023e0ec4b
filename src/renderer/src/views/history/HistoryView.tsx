/**
 * History: the audit trail (who changed what, old → new), snapshots (save, open read-only,
 * compare, restore — undoable) and automatic backups (list, restore as a new plan).
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { AuditPanel } from './AuditPanel';
import { BackupsPanel } from './BackupsPanel';
import { SnapshotsPanel } from './SnapshotsPanel';

type Tab = 'audit' | 'snapshots' | 'backups';
const TABS: { id: Tab; label: string }[] = [
  { id: 'audit', label: 'Audit trail' },
  { id: 'snapshots', label: 'Snapshots' },
  { id: 'backups', label: 'Backups' },
];

/** Set by the native menu's "Save snapshot…": the view opens on Snapshots with the name box focused. */
let snapshotRequested = false;
const listeners = new Set<() => void>();
export function requestSnapshot(): void {
  snapshotRequested = true;
  listeners.forEach((l) => l());
}

export function HistoryView() {
  const [tab, setTab] = useState<Tab>('audit');
  const [focusName, setFocusName] = useState(false);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const baseId = useId();

  useEffect(() => {
    const check = () => {
      if (!snapshotRequested) return;
      snapshotRequested = false;
      setTab('snapshots');
      setFocusName(true);
    };
    check();
    listeners.add(check);
    return () => {
      listeners.delete(check);
    };
  }, []);

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const delta = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = (index + delta + TABS.length) % TABS.length;
    setTab(TABS[next]!.id);
    tabRefs.current[next]?.focus();
  };

  return (
    <section className="view history-view" aria-labelledby="history-heading">
      <div className="view-header">
        <h1 id="history-heading">History</h1>
        <p className="view-lede">Every change to this plan, named snapshots of it, and its automatic backups.</p>
      </div>
      <div className="tabs" role="tablist" aria-label="History">
        {TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`${baseId}-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="tab"
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => onTabKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`${baseId}-panel-${tab}`} aria-labelledby={`${baseId}-tab-${tab}`}>
        {tab === 'audit' ? <AuditPanel /> : null}
        {tab === 'snapshots' ? <SnapshotsPanel focusName={focusName} onFocused={() => setFocusName(false)} /> : null}
        {tab === 'backups' ? <BackupsPanel /> : null}
      </div>
    </section>
  );
}
