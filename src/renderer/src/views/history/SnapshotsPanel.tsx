/** History's second tab: save, open read-only, restore and delete snapshots, and compare two states of the plan. */
import { useEffect, useId, useRef, useState } from 'react';
import { useAppState } from '../../app/AppState';
import { DataTable } from '../../components/DataTable';
import { Comparison, OpenedSnapshot } from './Comparison';
import { useSnapshots } from './use-snapshots';
import { sizeLabel, when } from './words';

export function SnapshotsPanel({ focusName, onFocused }: { focusName: boolean; onFocused: () => void }) {
  const { plan } = useAppState();
  const id = useId();
  const nameRef = useRef<HTMLInputElement | null>(null);
  const [name, setName] = useState('');
  const { list, opened, closeOpened, a, setA, b, setB, cmp, busy, save, open, restore, remove, compare, exportComparison } = useSnapshots();

  useEffect(() => {
    if (focusName) {
      nameRef.current?.focus();
      onFocused();
    }
  }, [focusName, onFocused]);

  const options = [{ value: 'now', label: 'Now' }, ...list.map((s) => ({ value: String(s.id), label: s.name }))];
  const stateSelect = (key: string, label: string, value: string, onChange: (v: string) => void) => (
    <>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
  return (
    <div className="history-panel">
      <form
        className="snapshot-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save(name, () => setName(''));
        }}
      >
        <label htmlFor={`${id}-name`}>Snapshot name</label>
        <input
          id={`${id}-name`}
          ref={nameRef}
          type="text"
          value={name}
          maxLength={120}
          placeholder="Board, March 2026"
          onChange={(e) => setName(e.target.value)}
          disabled={plan?.readOnly}
        />
        <button type="submit" className="button" disabled={name.trim() === '' || plan?.readOnly}>
          Save snapshot
        </button>
      </form>
      {list.length === 0 ? (
        <p className="hint">No snapshots yet. Save one before each board meeting to keep a record of what the board was told.</p>
      ) : (
        <DataTable
          className="history-table"
          caption="Snapshots of this plan"
          captionClassName="visually-hidden"
          rows={list}
          rowKey={(s) => s.id}
          columns={[
            { header: 'Name', cell: (s) => s.name },
            { header: 'Saved', className: 'nowrap', cell: (s) => when(s.at) },
            { header: 'By', cell: (s) => s.user },
            { header: 'Size', numeric: true, cell: (s) => sizeLabel(s.size) },
            {
              header: 'Actions',
              cell: (s) => (
                <div className="row-actions">
                  <button type="button" className="button button-secondary" onClick={() => void open(s)} aria-label={`Open ${s.name} read-only`}>
                    Open
                  </button>
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => void restore(s)}
                    aria-label={`Restore ${s.name}`}
                    disabled={plan?.readOnly}
                  >
                    Restore
                  </button>
                  <button type="button" className="link-button" onClick={() => void remove(s)} aria-label={`Delete ${s.name}`} disabled={plan?.readOnly}>
                    Delete
                  </button>
                </div>
              ),
            },
          ]}
        />
      )}

      {opened ? <OpenedSnapshot view={opened} onClose={closeOpened} /> : null}

      <h2 className="history-subheading">Compare</h2>
      <div className="filter-bar" role="group" aria-label="Compare two states of the plan">
        {stateSelect('a', 'From', a, setA)}
        {stateSelect('b', 'To', b, setB)}
        <button type="button" className="button" onClick={() => void compare()} disabled={busy}>
          Compare
        </button>
        <button type="button" className="button button-secondary" onClick={() => void exportComparison()}>
          Save comparison as workbook…
        </button>
      </div>
      {busy ? <p className="loading">Working…</p> : null}
      {cmp ? <Comparison cmp={cmp} /> : null}
    </div>
  );
}
