/**
 * History: the audit trail (who changed what, old → new), snapshots (save, open read-only,
 * compare, restore — undoable) and automatic backups (list, restore as a new plan).
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { AuditEntry, BackupRow, DamagedPlan, SnapshotComparison, SnapshotRow, SnapshotView } from '../../../../shared/api/channels/audit';
import { formatDateTimeSeconds, formatFte, yearLabel } from '../../../../shared/format';
import { useAppState } from '../../app/AppState';
import { call, errorMessage } from '../../api';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { formatDelta, formatGap, isShortfall } from '../projection/numbers';

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

export function when(iso: string): string {
  return formatDateTimeSeconds(iso);
}

export function sizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

const shownValue = (v: string | null): string => (v === null ? 'not set' : v);
const STATUS_WORDS: Record<string, string> = { green: 'Green: met', amber: 'Amber: close', red: 'Red: missed', unknown: 'Not set' };
const statusWord = (s: string | null): string => (s === null ? 'not in this state' : (STATUS_WORDS[s] ?? s));
const sameNumbers = (x: number[] | null, y: number[] | null): boolean => !!x && !!y && x.length === y.length && x.every((v, i) => Math.abs(v - (y[i] ?? Number.NaN)) < 0.05);

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

function AuditPanel() {
  const { scenarios, reference, dataVersion, notify } = useAppState();
  const id = useId();
  const [scenarioId, setScenarioId] = useState<number | null>(null);
  const [orgId, setOrgId] = useState<number | null>(null);
  const [roleId, setRoleId] = useState<number | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);

  useEffect(() => {
    let live = true;
    call('audit/list', {
      ...(scenarioId !== null ? { scenarioId } : {}),
      ...(orgId !== null ? { orgId } : {}),
      ...(roleId !== null ? { roleId } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    })
      .then((e) => {
        if (live) setEntries(e);
      })
      .catch((err: unknown) => notify('error', errorMessage(err)));
    return () => {
      live = false;
    };
  }, [scenarioId, orgId, roleId, from, to, dataVersion, notify]);

  const filtered = scenarioId !== null || orgId !== null || roleId !== null || from !== '' || to !== '';
  return (
    <div className="history-panel">
      <div className="filter-bar" role="group" aria-label="Filter the audit trail">
        <ChoiceSelect id={`${id}-sc`} label="Scenario" allLabel="All scenarios" value={scenarioId} choices={scenarios.map((s) => ({ value: s.id, label: s.name }))} onChange={setScenarioId} />
        <ChoiceSelect id={`${id}-org`} label="Organisation" allLabel="All organisations" value={orgId} choices={reference.organisations.map((o) => ({ value: o.id, label: o.name }))} onChange={setOrgId} />
        <ChoiceSelect id={`${id}-role`} label="Role" allLabel="All roles" value={roleId} choices={reference.roles.map((r) => ({ value: r.id, label: r.name }))} onChange={setRoleId} />
        <span className="filter-pair">
          <label htmlFor={`${id}-from`}>From</label>
          <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </span>
        <span className="filter-pair">
          <label htmlFor={`${id}-to`}>To</label>
          <input id={`${id}-to`} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </span>
        {filtered ? (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              setScenarioId(null);
              setOrgId(null);
              setRoleId(null);
              setFrom('');
              setTo('');
            }}
          >
            Clear filters
          </button>
        ) : null}
      </div>
      {entries === null ? (
        <p className="loading">Reading the audit trail…</p>
      ) : entries.length === 0 ? (
        <p className="hint">{filtered ? 'No changes match these filters.' : 'No changes yet: every edit, paste, import and undo will be listed here.'}</p>
      ) : (
        <table className="history-table audit-table">
          <caption className="visually-hidden">Changes to the plan, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">How</th>
              <th scope="col">Change</th>
              <th scope="col">Old → new</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} className={e.state === 'active' ? undefined : 'audit-undone'}>
                <td className="nowrap">{when(e.at)}</td>
                <td>{e.user}</td>
                <td>{e.source}</td>
                <td>
                  <span className="audit-summary">{e.summary}</span>
                  {e.scenarioName ? <span className="audit-scenario"> · {e.scenarioName}</span> : null}
                  {e.state === 'undone' ? <span className="status-tag audit-state"> undone</span> : null}
                </td>
                <td>
                  <ul className="audit-rows">
                    {e.rows.map((r, i) => (
                      <li key={i}>
                        <span className="audit-row-label">{r.label}</span>
                        {r.op === 'update' ? (
                          r.fields.map((f) => (
                            <span key={f.field} className="audit-field">
                              {' '}
                              {f.field}: <span className="old-value">{shownValue(f.old)}</span> → <span className="new-value">{shownValue(f.new)}</span>
                            </span>
                          ))
                        ) : (
                          <span className="audit-field"> {r.op === 'insert' ? 'added' : 'removed'}</span>
                        )}
                      </li>
                    ))}
                    {e.rowCount > e.rows.length ? <li className="hint">… and {e.rowCount - e.rows.length} more rows</li> : null}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function SnapshotsPanel({ focusName, onFocused }: { focusName: boolean; onFocused: () => void }) {
  const { dataVersion, mutate, notify, plan } = useAppState();
  const id = useId();
  const nameRef = useRef<HTMLInputElement | null>(null);
  const [name, setName] = useState('');
  const [list, setList] = useState<SnapshotRow[]>([]);
  const [opened, setOpened] = useState<SnapshotView | null>(null);
  const [a, setA] = useState<string>('');
  const [b, setB] = useState<string>('now');
  const [cmp, setCmp] = useState<SnapshotComparison | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    const l = await call('snapshots/list', {});
    setList(l);
    setA((cur) => (cur === '' || (cur !== 'now' && !l.some((s) => String(s.id) === cur)) ? (l[0] ? String(l[0].id) : 'now') : cur));
  }, []);

  useEffect(() => {
    reload().catch((err: unknown) => notify('error', errorMessage(err)));
  }, [reload, dataVersion, notify]);

  useEffect(() => {
    if (focusName) {
      nameRef.current?.focus();
      onFocused();
    }
  }, [focusName, onFocused]);

  const side = (v: string): number | null => (v === 'now' ? null : Number(v));

  const save = async () => {
    try {
      const s = await mutate(() => call('snapshots/save', { name }));
      setName('');
      notify('info', `Saved snapshot "${s.name}".`);
      await reload();
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };
  const open = async (s: SnapshotRow) => {
    try {
      setBusy(true);
      setOpened(await call('snapshots/open', { snapshotId: s.id }));
    } catch (err) {
      notify('error', errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const restore = async (s: SnapshotRow) => {
    try {
      await mutate(() => call('snapshots/restore', { snapshotId: s.id }));
      setCmp(null);
      notify('info', `Restored snapshot "${s.name}". Undo (Ctrl+Z) brings back the plan as it was before.`);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };
  const remove = async (s: SnapshotRow) => {
    try {
      await call('snapshots/delete', { snapshotId: s.id });
      if (opened?.snapshot.id === s.id) setOpened(null);
      notify('info', `Deleted snapshot "${s.name}".`);
      await reload();
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };
  const compare = async () => {
    try {
      setBusy(true);
      setCmp(await call('snapshots/compare', { a: side(a), b: side(b) }));
    } catch (err) {
      notify('error', errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const exportCmp = async () => {
    try {
      const done = await call('snapshots/export-comparison', { a: side(a), b: side(b) });
      if (done) notify('info', `Saved the comparison to ${done.path}.`);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  const options = [{ value: 'now', label: 'Now' }, ...list.map((s) => ({ value: String(s.id), label: s.name }))];
  return (
    <div className="history-panel">
      <form
        className="snapshot-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label htmlFor={`${id}-name`}>Snapshot name</label>
        <input id={`${id}-name`} ref={nameRef} type="text" value={name} maxLength={120} placeholder="Board, March 2026" onChange={(e) => setName(e.target.value)} disabled={plan?.readOnly} />
        <button type="submit" className="button" disabled={name.trim() === '' || plan?.readOnly}>
          Save snapshot
        </button>
      </form>
      {list.length === 0 ? (
        <p className="hint">No snapshots yet. Save one before each board meeting to keep a record of what the board was told.</p>
      ) : (
        <table className="history-table">
          <caption className="visually-hidden">Snapshots of this plan</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Saved</th>
              <th scope="col">By</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.map((s) => (
              <tr key={s.id}>
                <td>{s.name}</td>
                <td className="nowrap">{when(s.at)}</td>
                <td>{s.user}</td>
                <td className="num">{sizeLabel(s.size)}</td>
                <td>
                  <div className="row-actions">
                    <button type="button" className="button button-secondary" onClick={() => void open(s)} aria-label={`Open ${s.name} read-only`}>
                      Open
                    </button>
                    <button type="button" className="button button-secondary" onClick={() => void restore(s)} aria-label={`Restore ${s.name}`} disabled={plan?.readOnly}>
                      Restore
                    </button>
                    <button type="button" className="link-button" onClick={() => void remove(s)} aria-label={`Delete ${s.name}`} disabled={plan?.readOnly}>
                      Delete
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {opened ? <OpenedSnapshot view={opened} onClose={() => setOpened(null)} /> : null}

      <h2 className="history-subheading">Compare</h2>
      <div className="filter-bar" role="group" aria-label="Compare two states of the plan">
        <label htmlFor={`${id}-a`}>From</label>
        <select id={`${id}-a`} value={a} onChange={(e) => setA(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-b`}>To</label>
        <select id={`${id}-b`} value={b} onChange={(e) => setB(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <button type="button" className="button" onClick={() => void compare()} disabled={busy}>
          Compare
        </button>
        <button type="button" className="button button-secondary" onClick={() => void exportCmp()}>
          Save comparison as workbook…
        </button>
      </div>
      {busy ? <p className="loading">Working…</p> : null}
      {cmp ? <Comparison cmp={cmp} /> : null}
    </div>
  );
}

/**
 * Supply, demand and gaps by year. A row marked `gap` holds the engine's gap (demand − supply) and
 * is shown as the app shows every gap, supply − demand: a shortfall negative and red; a row
 * marked `change` holds a change in that gap, shown with its sign (+ = a smaller shortfall).
 */
function GapTable({ caption, years, rows }: { caption: string; years: number[]; rows: { label: string; values: (number | null)[] | null; gap?: boolean; change?: boolean }[] }) {
  return (
    <div className="table-scroll">
      <table className="history-table num-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">FTE</th>
            {years.map((y) => (
              <th key={y} scope="col" className="num">
                {yearLabel(y)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              {years.map((y, i) => {
                const v = r.values?.[i];
                const shown = v === undefined || v === null ? 'not set' : r.gap ? formatGap(v) : r.change ? formatDelta(-v) : formatFte(v);
                return (
                  <td key={y} className={r.gap && typeof v === 'number' && isShortfall(v) ? 'num shortfall' : 'num'}>
                    {shown}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OpenedSnapshot({ view, onClose }: { view: SnapshotView; onClose: () => void }) {
  return (
    <section className="snapshot-opened" aria-labelledby="snapshot-opened-heading">
      <div className="subheader">
        <h2 id="snapshot-opened-heading" className="history-subheading">
          {view.snapshot.name} <span className="status-tag">Read-only</span>
        </h2>
        <button type="button" className="link-button" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="hint">
        “{view.planName}” as saved {when(view.snapshot.at)} by {view.snapshot.user}. A gap is supply minus demand: a shortfall is negative.
      </p>
      {view.problems.map((p) => (
        <p key={p} className="cell-error-message">
          {p}
        </p>
      ))}
      {view.scenarios.map((s) => (
        <div key={s.scenarioId}>
          <GapTable
            caption={`Scenario: ${s.name}`}
            years={s.years}
            rows={[
              { label: 'Supply', values: s.supply },
              { label: 'Demand', values: s.demand },
              { label: 'Supply − demand', values: s.gap, gap: true },
            ]}
          />
          {s.targets.length > 0 ? (
            <ul className="target-lines">
              {s.targets.map((t) => (
                <li key={`${t.name}-${t.year}`}>
                  {t.name} ({yearLabel(t.year)}): projected {t.projected === null ? 'not set' : formatFte(t.projected)} against {t.value === null ? 'not set' : formatFte(t.value)}: {statusWord(t.status)}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
    </section>
  );
}

const moved = (x: number[] | null, y: number[] | null): (number | null)[] | null => (x && y ? y.map((v, i) => (x[i] === undefined ? null : v - x[i])) : null);

function Comparison({ cmp }: { cmp: SnapshotComparison }) {
  const shownChanges = cmp.inputChanges.slice(0, 300);
  const isUnchanged = (s: SnapshotComparison['scenarios'][number]) =>
    sameNumbers(s.gapA, s.gapB) && s.targets.every((t) => t.projectedA === t.projectedB && t.statusA === t.statusB);
  const unchanged = cmp.scenarios.filter(isUnchanged);
  const movedScenarios = cmp.scenarios.filter((s) => !isUnchanged(s));
  return (
    <section className="comparison" aria-labelledby="comparison-heading">
      <h2 id="comparison-heading" className="history-subheading">
        {cmp.labelA} → {cmp.labelB}
      </h2>
      {cmp.problems.map((p) => (
        <p key={p} className="cell-error-message">
          {p}
        </p>
      ))}
      <h3 className="history-minor">Inputs changed ({cmp.inputChangeCount})</h3>
      {cmp.inputChangeCount === 0 ? (
        <p className="hint">No inputs changed.</p>
      ) : (
        <table className="history-table">
          <caption className="visually-hidden">Inputs changed</caption>
          <thead>
            <tr>
              <th scope="col">What</th>
              <th scope="col">Change</th>
              <th scope="col">{cmp.labelA} → {cmp.labelB}</th>
            </tr>
          </thead>
          <tbody>
            {shownChanges.map((c, i) => (
              <tr key={i}>
                <td>{c.label}</td>
                <td>{c.op}</td>
                <td>
                  {c.op === 'changed'
                    ? c.fields.map((f) => (
                        <span key={f.field} className="audit-field">
                          {f.field}: <span className="old-value">{shownValue(f.old)}</span> → <span className="new-value">{shownValue(f.new)}</span>{' '}
                        </span>
                      ))
                    : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cmp.inputChangeCount > shownChanges.length ? <p className="hint">… and {cmp.inputChangeCount - shownChanges.length} more: save the comparison as a workbook to see them all.</p> : null}
      {unchanged.length > 0 ? <p className="hint">No change in gap or targets: {unchanged.map((s) => s.name).join(', ')}.</p> : null}
      {movedScenarios.map((s) => (
        <div key={s.name}>
          <GapTable
            caption={`Supply − demand, scenario ${s.name} (negative = shortfall)`}
            years={s.years}
            rows={[
              { label: cmp.labelA, values: s.gapA, gap: true },
              { label: cmp.labelB, values: s.gapB, gap: true },
              { label: 'Moved by', values: moved(s.gapA, s.gapB), change: true },
            ]}
          />
          {s.targets.length > 0 ? (
            <table className="history-table">
              <caption>Targets, scenario {s.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Target</th>
                  <th scope="col">Year</th>
                  <th scope="col" className="num">Projected ({cmp.labelA})</th>
                  <th scope="col" className="num">Projected ({cmp.labelB})</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {s.targets.map((t) => (
                  <tr key={`${t.name}-${t.year}`}>
                    <td>{t.name}</td>
                    <td>{yearLabel(t.year)}</td>
                    <td className="num">{t.projectedA === null ? 'not set' : formatFte(t.projectedA)}</td>
                    <td className="num">{t.projectedB === null ? 'not set' : formatFte(t.projectedB)}</td>
                    <td>
                      {statusWord(t.statusA)} → {statusWord(t.statusB)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ))}
    </section>
  );
}

function BackupsPanel() {
  const { notify, dataVersion, plan } = useAppState();
  const [list, setList] = useState<BackupRow[] | null>(null);
  const [damaged, setDamaged] = useState<DamagedPlan | null>(null);

  const reload = useCallback(async () => {
    const [l, d] = await Promise.all([call('backups/list', {}), call('backups/damaged', {})]);
    setList(l);
    setDamaged(d);
  }, []);
  useEffect(() => {
    reload().catch((err: unknown) => notify('error', errorMessage(err)));
  }, [reload, dataVersion, notify]);

  const backupNow = async () => {
    try {
      const b = await call('backups/create', {});
      notify('info', `Backed up the plan (${sizeLabel(b.size)}).`);
      await reload();
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };
  const restore = async (b: BackupRow) => {
    try {
      const info = await call('backups/restore', { file: b.file });
      notify('info', `Restored the backup from ${when(b.at)} as a new plan, “${info.name}”, now open (${info.path}). The plan you had open was not changed.`);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };
  const recover = async () => {
    try {
      const info = await call('backups/recover', {});
      notify('info', `Restored the newest good backup as “${info.name}” (${info.path}), now open. The damaged file was left unchanged.`);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  return (
    <div className="history-panel">
      {damaged ? (
        <section className="notice notice-error damaged-plan" aria-labelledby="damaged-plan-heading">
          <div className="notice-text">
            <h2 id="damaged-plan-heading" className="history-minor">
              A plan could not be opened because it is damaged
            </h2>
            <p>{damaged.message}</p>
            {damaged.backup ? (
              <button type="button" className="button" onClick={() => void recover()}>
                Restore the newest good backup ({when(damaged.backup.at)})
              </button>
            ) : (
              <p>No good backup of it was found.</p>
            )}
          </div>
        </section>
      ) : null}
      <p className="hint">
        The plan is backed up when it is opened and at most every 5 minutes while it changes. Kept: every backup from the last hour, one a day for two weeks, then one a
        week. Restoring makes a new plan file beside this one; the open plan is not changed.
      </p>
      <div className="view-actions-left">
        <button type="button" className="button button-secondary" onClick={() => void backupNow()} disabled={plan?.readOnly}>
          Back up now
        </button>
      </div>
      {list === null ? (
        <p className="loading">Reading the backups…</p>
      ) : list.length === 0 ? (
        <p className="hint">No backups of this plan yet.</p>
      ) : (
        <table className="history-table">
          <caption className="visually-hidden">Backups of this plan, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Backed up</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {list.map((b) => (
              <tr key={b.file}>
                <td className="nowrap">{when(b.at)}</td>
                <td className="num">{sizeLabel(b.size)}</td>
                <td>
                  <button type="button" className="button button-secondary" onClick={() => void restore(b)} aria-label={`Restore the backup from ${when(b.at)}`}>
                    Restore
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
