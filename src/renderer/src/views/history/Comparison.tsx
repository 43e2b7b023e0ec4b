/** A snapshot opened read-only, and two states of the plan compared: inputs changed, gaps and targets. */
import type { SnapshotComparison, SnapshotView } from '../../../../shared/api/channels/audit';
import { formatFte, yearLabel } from '../../../../shared/format';
import { DataTable, type Column } from '../../components/DataTable';
import { formatDelta, formatGap, isShortfall } from '../projection/numbers';
import { FieldChange, statusWord, when } from './words';

interface GapRow {
  label: string;
  values: (number | null)[] | null;
  gap?: boolean;
  change?: boolean;
}

/**
 * Supply, demand and gaps by year. A row marked `gap` holds the engine's gap (demand − supply) and
 * is shown as the app shows every gap, supply − demand: a shortfall negative and red; a row
 * marked `change` holds a change in that gap, shown with its sign (+ = a smaller shortfall).
 */
function GapTable({ caption, years, rows }: { caption: string; years: number[]; rows: GapRow[] }) {
  const columns: Column<GapRow>[] = [
    { key: 'label', header: 'FTE', rowHeader: true, cell: (r) => r.label },
    ...years.map(
      (y, i): Column<GapRow> => ({
        key: y,
        header: yearLabel(y),
        numeric: true,
        className: (r) => {
          const v = r.values?.[i];
          return r.gap && typeof v === 'number' && isShortfall(v) ? 'shortfall' : undefined;
        },
        cell: (r) => {
          const v = r.values?.[i];
          return v === undefined || v === null ? 'not set' : r.gap ? formatGap(v) : r.change ? formatDelta(-v) : formatFte(v);
        },
      }),
    ),
  ];
  return (
    <div className="table-scroll">
      <DataTable className="history-table num-table" caption={caption} columns={columns} rows={rows} rowKey={(r) => r.label} />
    </div>
  );
}

const sameNumbers = (x: number[] | null, y: number[] | null): boolean =>
  !!x && !!y && x.length === y.length && x.every((v, i) => Math.abs(v - (y[i] ?? Number.NaN)) < 0.05);
const moved = (x: number[] | null, y: number[] | null): (number | null)[] | null => (x && y ? y.map((v, i) => (x[i] === undefined ? null : v - x[i])) : null);
const fteOrNotSet = (v: number | null): string => (v === null ? 'not set' : formatFte(v));

export function OpenedSnapshot({ view, onClose }: { view: SnapshotView; onClose: () => void }) {
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
                  {t.name} ({yearLabel(t.year)}): projected {fteOrNotSet(t.projected)} against {fteOrNotSet(t.value)}: {statusWord(t.status)}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
    </section>
  );
}

type ScenarioMoves = SnapshotComparison['scenarios'][number];
type InputChange = SnapshotComparison['inputChanges'][number];

export function Comparison({ cmp }: { cmp: SnapshotComparison }) {
  const shownChanges = cmp.inputChanges.slice(0, 300);
  const isUnchanged = (s: ScenarioMoves) => sameNumbers(s.gapA, s.gapB) && s.targets.every((t) => t.projectedA === t.projectedB && t.statusA === t.statusB);
  const unchanged = cmp.scenarios.filter(isUnchanged);
  const movedScenarios = cmp.scenarios.filter((s) => !isUnchanged(s));
  const changeColumns: Column<InputChange>[] = [
    { header: 'What', cell: (c) => c.label },
    { header: 'Change', cell: (c) => c.op },
    {
      header: `${cmp.labelA} → ${cmp.labelB}`,
      cell: (c) =>
        c.op === 'changed'
          ? c.fields.map((f) => (
              <span key={f.field} className="audit-field">
                <FieldChange field={f.field} old={f.old} now={f.new} />{' '}
              </span>
            ))
          : null,
    },
  ];
  const targetColumns: Column<ScenarioMoves['targets'][number]>[] = [
    { header: 'Target', cell: (t) => t.name },
    { header: 'Year', cell: (t) => yearLabel(t.year) },
    { header: `Projected (${cmp.labelA})`, numeric: true, cell: (t) => fteOrNotSet(t.projectedA) },
    { header: `Projected (${cmp.labelB})`, numeric: true, cell: (t) => fteOrNotSet(t.projectedB) },
    { header: 'Status', cell: (t) => `${statusWord(t.statusA)} → ${statusWord(t.statusB)}` },
  ];
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
        <DataTable
          className="history-table"
          caption="Inputs changed"
          captionClassName="visually-hidden"
          columns={changeColumns}
          rows={shownChanges}
          rowKey={(_, i) => i}
        />
      )}
      {cmp.inputChangeCount > shownChanges.length ? (
        <p className="hint">… and {cmp.inputChangeCount - shownChanges.length} more: save the comparison as a workbook to see them all.</p>
      ) : null}
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
            <DataTable
              className="history-table"
              caption={`Targets, scenario ${s.name}`}
              columns={targetColumns}
              rows={s.targets}
              rowKey={(t) => `${t.name}-${t.year}`}
            />
          ) : null}
        </div>
      ))}
    </section>
  );
}
