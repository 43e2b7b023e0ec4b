/**
 * Scenario management: create, copy, rename and delete (with confirmation), in a dialog the
 * planner opens from the scenario picker in the top bar or from the Compare view. Every
 * operation is one undoable change.
 */
import { useState, type FormEvent } from 'react';
import type { ScenarioRow } from '../../../../shared/api/dto';
import { call, errorMessage } from '../../api';
import { useAppState } from '../../app/AppState';
import { DataTable } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';

type Form = { mode: 'create'; name: string } | { mode: 'copy' | 'rename'; scenario: ScenarioRow; name: string };

const FORM_TITLES = { create: 'New scenario', copy: 'Copy scenario', rename: 'Rename scenario' } as const;

export function ManageScenariosPanel({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { scenarios, scenarioId, selectScenario, mutate, notify } = useAppState();
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<ScenarioRow | null>(null);

  const close = () => {
    setForm(null);
    setError(null);
    onClose();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    const name = form.name.trim();
    if (name === '') {
      setError('Give the scenario a name.');
      return;
    }
    try {
      if (form.mode === 'create') {
        const created = await mutate(() => call('scenario/create', { name }));
        selectScenario(created.id);
        notify(
          'info',
          `Created scenario "${created.name}" and selected it. It starts empty: add pipelines, or copy a scenario instead to start from its numbers.`,
        );
      } else if (form.mode === 'copy') {
        const copied = await mutate(() => call('scenario/copy', { scenarioId: form.scenario.id, name }));
        selectScenario(copied.id);
        notify('info', `Copied "${form.scenario.name}" as "${copied.name}" and selected the copy.`);
      } else {
        await mutate(() => call('scenario/rename', { scenarioId: form.scenario.id, name }));
        notify('info', `Renamed "${form.scenario.name}" to "${name}".`);
      }
      setForm(null);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const doDelete = async (s: ScenarioRow) => {
    try {
      await mutate(() => call('scenario/delete', { scenarioId: s.id }));
      notify('info', `Deleted scenario "${s.name}". Undo (Ctrl+Z) brings it back with everything it owned.`);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setConfirmDelete(null);
    }
  };

  return (
    <Dialog open={open} title="Manage scenarios" onClose={close} className="dialog-wide">
      <p className="dialog-lede">
        A scenario owns its pipelines, rates, other joiners and demand changes. Copy one to try a change without losing the original; every action here can be
        undone.
      </p>
      {error ? (
        <p className="cell-error-message" role="alert">
          {error}
        </p>
      ) : null}
      <DataTable
        className="data-table scenario-table"
        caption="Scenarios in this plan"
        captionClassName="visually-hidden"
        rows={scenarios}
        rowKey={(s) => s.id}
        rowProps={(s) => ({ 'aria-current': s.id === scenarioId ? 'true' : undefined })}
        columns={[
          {
            header: 'Scenario',
            rowHeader: true,
            cell: (s) => (
              <>
                {s.name}
                {s.id === scenarioId ? <span className="tag">Selected</span> : null}
              </>
            ),
          },
          { header: 'Description', cell: (s) => s.description || <span className="muted">No description</span> },
          {
            header: <span className="visually-hidden">Actions</span>,
            className: 'actions-cell',
            cell: (s) => (
              <div className="row-actions">
                {s.id !== scenarioId ? (
                  <button type="button" className="button button-secondary" onClick={() => selectScenario(s.id)} aria-label={`Select ${s.name}`}>
                    Select
                  </button>
                ) : null}
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => setForm({ mode: 'copy', scenario: s, name: `${s.name} (copy)` })}
                  aria-label={`Copy ${s.name}`}
                >
                  Copy
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => setForm({ mode: 'rename', scenario: s, name: s.name })}
                  aria-label={`Rename ${s.name}`}
                >
                  Rename
                </button>
                <button
                  type="button"
                  className="button button-danger"
                  onClick={() => setConfirmDelete(s)}
                  disabled={scenarios.length <= 1}
                  title={scenarios.length <= 1 ? 'The plan’s only scenario cannot be deleted' : undefined}
                  aria-label={`Delete ${s.name}`}
                >
                  Delete
                </button>
              </div>
            ),
          },
        ]}
      />
      {form ? (
        <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={FORM_TITLES[form.mode]}>
          <h3>{form.mode === 'create' ? 'New scenario' : `${FORM_TITLES[form.mode]}: ${form.scenario.name}`}</h3>
          <label htmlFor="scenario-name">{form.mode === 'rename' ? 'New name' : 'Name'}</label>
          {/* The field is the reason the form opened: it takes the focus at once. */}
          <input id="scenario-name" type="text" value={form.name} maxLength={80} autoFocus onChange={(e) => setForm({ ...form, name: e.target.value })} />
          <button type="submit" className="button">
            {form.mode === 'create' ? 'Create' : form.mode === 'copy' ? 'Copy' : 'Rename'}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setForm(null)}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="dialog-actions-left">
          <button type="button" className="button" onClick={() => setForm({ mode: 'create', name: '' })}>
            New scenario…
          </button>
        </div>
      )}
      <Dialog
        open={confirmDelete !== null}
        role="alertdialog"
        title={`Delete "${confirmDelete?.name ?? ''}"?`}
        onClose={() => setConfirmDelete(null)}
        actions={
          <>
            <button type="button" className="button button-danger" onClick={() => confirmDelete && void doDelete(confirmDelete)}>
              Delete scenario
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirmDelete(null)}>
              Keep it
            </button>
          </>
        }
      >
        <p>Its pipelines, intakes, rates, other joiners and demand changes are deleted with it. Undo (Ctrl+Z) brings it all back.</p>
      </Dialog>
    </Dialog>
  );
}

/** The button that opens the panel (top bar, Compare view). */
export function ManageScenariosButton({ className = 'button button-secondary', label = 'Manage scenarios…' }: { className?: string; label?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={className} onClick={() => setOpen(true)} aria-haspopup="dialog">
        {label}
      </button>
      <ManageScenariosPanel open={open} onClose={() => setOpen(false)} />
    </>
  );
}
