/**
 * Organisation shares, beside the baseline they shape: the part of each organisation that
 * belongs to the plan (a regional ambulance trust across the South West, a community trust
 * across two systems) and where that figure comes from. Imports of whole-organisation figures
 * apply it. Each change is one undoable edit.
 */
import { useEffect, useState } from 'react';
import type { OrganisationRow } from '../../../../shared/api/dto';
import { formatPercent } from '../../../../shared/format';
import { call, errorMessage } from '../../api';
import { useAppState } from '../../app/AppState';
import { DataTable } from '../../components/DataTable';
import { Dialog } from '../../components/Dialog';

interface Draft {
  share: string;
  source: string;
}

const percentText = (share: number) => String(Number((share * 100).toFixed(2)));

export function OrganisationSharesButton() {
  const { reference, mutate, notify } = useAppState();
  const [open, setOpen] = useState(false);
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) setDrafts(Object.fromEntries(reference.organisations.map((o) => [o.id, { share: percentText(o.share), source: o.shareSource }])));
  }, [open, reference.organisations]);
  const shared = reference.organisations.filter((o) => o.share < 1).length;
  /** The row's share and source as being edited (as saved until edited). */
  const draft = (o: OrganisationRow): Draft => drafts[o.id] ?? { share: percentText(o.share), source: o.shareSource };

  const save = async (o: OrganisationRow) => {
    const d = drafts[o.id];
    if (!d) return;
    const pct = Number(d.share.replace('%', '').trim());
    if (!Number.isFinite(pct) || pct <= 0 || pct > 100) {
      setError(`The share of ${o.name} must be a percentage above 0 and at most 100, not "${d.share}".`);
      return;
    }
    try {
      await mutate(() => call('organisations/set-share', { orgId: o.id, share: pct / 100, source: d.source }));
      setError(null);
      notify('info', `${o.name}: the plan now holds ${formatPercent(pct / 100)} of it. Undo (Ctrl+Z) puts back ${formatPercent(o.share)}.`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <>
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        Organisation shares…{shared > 0 ? ` (${shared})` : ''}
      </button>
      <Dialog open={open} title="Organisation shares" onClose={() => setOpen(false)} className="dialog-wide">
        <p className="dialog-lede">
          When an organisation serves more than the plan’s area, give the share of it that belongs to the plan and where that figure comes from. Imports of the
          whole organisation’s figures apply the share; 100 % means the plan holds all of it.
        </p>
        {error ? (
          <p className="cell-error-message" role="alert">
            {error}
          </p>
        ) : null}
        <div className="import-scroll">
          <DataTable
            className="data-table"
            caption="The share of each organisation that belongs to the plan"
            captionClassName="visually-hidden"
            rows={reference.organisations}
            rowKey={(o) => o.id}
            columns={[
              {
                header: 'Organisation',
                rowHeader: true,
                cell: (o) => (
                  <>
                    {o.code} {o.name}
                  </>
                ),
              },
              {
                header: 'Share (%)',
                cell: (o) => {
                  const d = draft(o);
                  return (
                    <input
                      className="share-input"
                      inputMode="decimal"
                      size={6}
                      value={d.share}
                      aria-label={`Share of ${o.name}, per cent`}
                      onChange={(e) => setDrafts({ ...drafts, [o.id]: { ...d, share: e.target.value } })}
                    />
                  );
                },
              },
              {
                header: 'Source',
                cell: (o) => {
                  const d = draft(o);
                  return (
                    <input
                      className="share-source"
                      value={d.source}
                      maxLength={500}
                      aria-label={`Source of the share of ${o.name}`}
                      placeholder={o.share < 1 ? '' : 'Not needed at 100 %'}
                      onChange={(e) => setDrafts({ ...drafts, [o.id]: { ...d, source: e.target.value } })}
                    />
                  );
                },
              },
              {
                header: <span className="visually-hidden">Actions</span>,
                cell: (o) => {
                  const d = draft(o);
                  const dirty = d.share !== percentText(o.share) || d.source !== o.shareSource;
                  return (
                    <button
                      type="button"
                      className="button button-secondary"
                      disabled={!dirty}
                      onClick={() => void save(o)}
                      aria-label={`Save the share of ${o.name}`}
                    >
                      Save
                    </button>
                  );
                },
              },
            ]}
          />
        </div>
      </Dialog>
    </>
  );
}
