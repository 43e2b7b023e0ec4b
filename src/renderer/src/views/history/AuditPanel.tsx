/** History's first tab: every change to the plan, newest first, with filters. */
import { useEffect, useId, useState } from 'react';
import type { AuditEntry } from '../../../../shared/api/channels/audit';
import { useAppState } from '../../app/AppState';
import { call, errorMessage } from '../../api';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { DataTable, type Column } from '../../components/DataTable';
import { FieldChange, when } from './words';

const COLUMNS: Column<AuditEntry>[] = [
  { header: 'When', className: 'nowrap', cell: (e) => when(e.at) },
  { header: 'Who', cell: (e) => e.user },
  { header: 'How', cell: (e) => e.source },
  {
    header: 'Change',
    cell: (e) => (
      <>
        <span className="audit-summary">{e.summary}</span>
        {e.scenarioName ? <span className="audit-scenario"> · {e.scenarioName}</span> : null}
        {e.state === 'undone' ? <span className="status-tag audit-state"> undone</span> : null}
      </>
    ),
  },
  {
    header: 'Old → new',
    cell: (e) => (
      <ul className="audit-rows">
        {e.rows.map((r, i) => (
          <li key={i}>
            <span className="audit-row-label">{r.label}</span>
            {r.op === 'update' ? (
              r.fields.map((f) => (
                <span key={f.field} className="audit-field">
                  {' '}
                  <FieldChange field={f.field} old={f.old} now={f.new} />
                </span>
              ))
            ) : (
              <span className="audit-field"> {r.op === 'insert' ? 'added' : 'removed'}</span>
            )}
          </li>
        ))}
        {e.rowCount > e.rows.length ? <li className="hint">… and {e.rowCount - e.rows.length} more rows</li> : null}
      </ul>
    ),
  },
];

export function AuditPanel() {
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
        <ChoiceSelect
          id={`${id}-sc`}
          label="Scenario"
          allLabel="All scenarios"
          value={scenarioId}
          choices={scenarios.map((s) => ({ value: s.id, label: s.name }))}
          onChange={setScenarioId}
        />
        <ChoiceSelect
          id={`${id}-org`}
          label="Organisation"
          allLabel="All organisations"
          value={orgId}
          choices={reference.organisations.map((o) => ({ value: o.id, label: o.name }))}
          onChange={setOrgId}
        />
        <ChoiceSelect
          id={`${id}-role`}
          label="Role"
          allLabel="All roles"
          value={roleId}
          choices={reference.roles.map((r) => ({ value: r.id, label: r.name }))}
          onChange={setRoleId}
        />
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
        <DataTable
          className="history-table audit-table"
          caption="Changes to the plan, newest first"
          captionClassName="visually-hidden"
          columns={COLUMNS}
          rows={entries}
          rowKey={(e) => e.id}
          rowProps={(e) => ({ className: e.state === 'active' ? undefined : 'audit-undone' })}
        />
      )}
    </div>
  );
}
