/**
 * The import wizard's questions and answers: how sure each column's match is, what the figures
 * count, which rows were not read and why, and on the preview the organisation shares, what
 * happens to headcount, establishment and FTE the file does not hold, and an answer for every
 * large change. Every answer is a field of the mapping, which main checks again.
 */
import { useState } from 'react';
import type { ColumnInfo, ImportMapping, ImportOptions, ImportReport, KeepPolicy, PreviewRow, SheetAnalysis } from '../../../../shared/api/channels/import';
import type { OrganisationRow } from '../../../../shared/api/dto';
import { formatPercent, yearLabel } from '../../../../shared/format';
import { DataTable, type Column } from '../../components/DataTable';

const SURE: Record<ColumnInfo['confidence'], string> = { sure: 'Sure', likely: 'Likely', unsure: 'Not sure' };

export function Confidence({ column, field }: { column: ColumnInfo; field: string }) {
  // Once the user has changed a column, it holds what they said.
  if (field !== column.field) return <span className="import-confidence">Your choice</span>;
  return (
    <span className={`import-confidence import-confidence-${column.confidence}`}>
      <strong>{SURE[column.confidence]}</strong>: {column.reason}
    </span>
  );
}

/** What the figures of a cross-tab or a "Total" column count, when no column says. */
export function MeasureQuestion({
  analysis,
  mapping,
  onChange,
}: {
  analysis: SheetAnalysis;
  mapping: ImportMapping;
  onChange: (measure: 'fte' | 'headcount') => void;
}) {
  const needed = mapping.target === 'baseline' && mapping.columns.some((c) => c.field === 'value') && !mapping.columns.some((c) => c.field === 'measure');
  if (!needed) return null;
  const chosen = mapping.options.measure;
  return (
    <fieldset className={`import-question${chosen ? '' : ' import-question-open'}`}>
      <legend>Do the figures count FTE or headcount?</legend>
      <p className="export-hint">
        {analysis.measure.proposed
          ? `Proposed from the file: ${analysis.measure.reason}.`
          : `Nothing in the file says: ${analysis.measure.reason}. Choose one; a headcount is never stored as FTE.`}
      </p>
      <div className="import-choices">
        {(['fte', 'headcount'] as const).map((m) => (
          <label key={m} className="checkbox">
            <input type="radio" name="import-measure" value={m} checked={chosen === m} onChange={() => onChange(m)} />{' '}
            {m === 'fte' ? 'FTE (whole time equivalent)' : 'Headcount (people)'}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function SkippedRows({ report }: { report: ImportReport }) {
  if (report.skipped.length === 0) return null;
  return (
    <DataTable
      className="import-table"
      caption="Rows not read, by reason"
      rows={report.skipped}
      rowKey={(k) => k.reason}
      columns={[
        { header: 'Reason', rowHeader: true, cell: (k) => k.label },
        { header: 'Rows', cell: (k) => k.rows.toLocaleString('en-GB') },
        { header: 'For example', cell: (k) => k.examples.join('; ') },
      ]}
    />
  );
}

interface PreviewProps {
  report: ImportReport;
  mapping: ImportMapping;
  organisations: OrganisationRow[];
  onOptions: (options: ImportOptions) => void;
}

/** What the import asks before it can go ahead. */
export function Questions({ report }: { report: ImportReport }) {
  if (report.questions.length === 0) return null;
  return (
    <div className="import-questions" role="status">
      <strong>Before importing:</strong>
      <ul>
        {report.questions.map((q) => (
          <li key={q.kind}>{q.message}</li>
        ))}
      </ul>
    </div>
  );
}

const percent = (share: number) => Number((share * 100).toFixed(2));
const validPct = (text: string) => {
  const v = Number(text.replace('%', '').trim());
  return text.trim() !== '' && Number.isFinite(v) && v > 0 && v <= 100;
};

/** Organisations imported at a share of their whole, and the share this import applies. */
export function Shares({ report, mapping, organisations, onOptions }: PreviewProps) {
  const [extra, setExtra] = useState('');
  const [extraPct, setExtraPct] = useState('');
  if (report.target === 'intakes') return null;
  const inFile = new Set(report.preview.map((r) => r.org));
  const others = organisations.filter((o) => inFile.has(o.name) && !report.shares.some((s) => s.orgId === o.id));
  const setShare = (code: string, pct: number | null) => {
    const shares = { ...(mapping.options.shares ?? {}) };
    if (pct === null) delete shares[code];
    else shares[code] = Math.min(1, Math.max(0.0001, pct / 100));
    onOptions({ ...mapping.options, shares: Object.keys(shares).length > 0 ? shares : undefined });
  };
  return (
    <div className="import-shares">
      <h3>Organisation shares</h3>
      {report.shares.length === 0 ? (
        <p className="export-hint">
          Every organisation in the file is imported whole. If the file holds the whole of an organisation of which the plan has only a share, give the share
          here.
        </p>
      ) : (
        <ul>
          {report.shares.map((s) => (
            <li key={s.orgId}>
              <strong>{s.org}</strong>: {s.text} <span className="export-hint">({s.source})</span>
              <label className="inline-field">
                <span>Share for this import (%)</span>
                <input
                  key={`${s.code}-${s.share}`}
                  inputMode="decimal"
                  size={6}
                  defaultValue={String(percent(s.share))}
                  aria-label={`Share of ${s.org} for this import, per cent`}
                  onBlur={(e) => {
                    const v = Number(e.target.value.replace('%', '').trim());
                    if (Number.isFinite(v) && v > 0 && v <= 100 && v !== percent(s.share)) setShare(s.code, v);
                  }}
                />
              </label>
              {mapping.options.shares?.[s.code] !== undefined && (
                <button type="button" className="link-button" onClick={() => setShare(s.code, null)}>
                  Use the plan’s share ({formatPercent(s.planShare)})
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <div className="inline-form">
          <label htmlFor="import-share-org">Apply a share to</label>
          <select id="import-share-org" value={extra} onChange={(e) => setExtra(e.target.value)}>
            <option value="">Choose an organisation…</option>
            {others.map((o) => (
              <option key={o.id} value={o.code}>
                {o.name}
              </option>
            ))}
          </select>
          <label htmlFor="import-share-pct">Share (%)</label>
          <input id="import-share-pct" inputMode="decimal" size={6} value={extraPct} onChange={(e) => setExtraPct(e.target.value)} />
          <button
            type="button"
            className="button button-secondary"
            disabled={extra === '' || !validPct(extraPct)}
            onClick={() => {
              setShare(extra, Number(extraPct.replace('%', '').trim()));
              setExtra('');
              setExtraPct('');
            }}
          >
            Apply to this import
          </button>
          <span className="export-hint">The plan’s own shares are kept under Baseline → Organisation shares.</span>
        </div>
      )}
    </div>
  );
}

const POLICY_LABELS: Record<KeepPolicy, string> = { keep: 'Keep the plan’s', scale: 'Scale with FTE', clear: 'Clear' };

/** What happens to the figures a file does not hold: FTE for a headcount file, headcount and establishment for an FTE file. */
export function UnitOptions({ report, mapping, onOptions }: PreviewProps) {
  if (report.target !== 'baseline') return null;
  const o = mapping.options;
  return (
    <div className="import-units">
      {report.unit.headcountOnly && (
        <fieldset className={`import-question${o.fteFromHeadcount ? '' : ' import-question-open'}`}>
          <legend>FTE for lines with headcount only</legend>
          <div className="import-choices">
            <label className="checkbox">
              <input type="radio" name="import-fte" checked={o.fteFromHeadcount === 'keep'} onChange={() => onOptions({ ...o, fteFromHeadcount: 'keep' })} />{' '}
              Keep each line’s FTE
            </label>
            <label className="checkbox">
              <input
                type="radio"
                name="import-fte"
                checked={o.fteFromHeadcount === 'derive'}
                onChange={() => onOptions({ ...o, fteFromHeadcount: 'derive' })}
              />{' '}
              Derive FTE from the plan’s FTE per head
            </label>
          </div>
        </fieldset>
      )}
      {report.unit.fteOnly && (
        <label className="inline-field">
          <span>Headcount (the file has none)</span>
          <select value={o.headcount ?? 'scale'} onChange={(e) => onOptions({ ...o, headcount: e.target.value as KeepPolicy })}>
            {(['scale', 'keep', 'clear'] as const).map((p) => (
              <option key={p} value={p}>
                {POLICY_LABELS[p]}
                {p === 'scale' ? ' (keeps FTE per head)' : ''}
              </option>
            ))}
          </select>
        </label>
      )}
      {!report.unit.establishment && report.preview.length > 0 && (
        <label className="inline-field">
          <span>Establishment (the file has none)</span>
          <select value={o.establishment ?? 'keep'} onChange={(e) => onOptions({ ...o, establishment: e.target.value as KeepPolicy })}>
            {(['keep', 'scale', 'clear'] as const).map((p) => (
              <option key={p} value={p}>
                {POLICY_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}

const STATUS: Record<PreviewRow['status'], string> = {
  added: 'Added',
  replaced: 'Replaced',
  rounding: 'Rounding',
  unchanged: 'Unchanged',
  excluded: 'Left out',
};

export function PreviewTable({ report, mapping, onOptions }: PreviewProps) {
  const flagged = report.preview.filter((r) => r.flag);
  // Flagged lines first, so that every question is in view.
  const rows = [...flagged, ...report.preview.filter((r) => !r.flag)].slice(0, 500);
  const decide = (keys: string[], decision: 'import' | 'exclude') =>
    onOptions({ ...mapping.options, decisions: { ...(mapping.options.decisions ?? {}), ...Object.fromEntries(keys.map((k) => [k, decision])) } });
  const columns: Column<PreviewRow>[] = [
    { header: 'Change', cell: (r) => (r.flag ? `${STATUS[r.status]} ⚑` : STATUS[r.status]) },
    { header: 'Organisation', cell: (r) => r.org },
    { header: 'Role', cell: (r) => r.role },
    ...(report.target !== 'baseline' ? [{ header: 'Year', cell: (r: PreviewRow) => (r.year === null ? '' : yearLabel(r.year)) }] : []),
    { header: 'Now', cell: (r) => r.before },
    { header: 'After the import', cell: (r) => r.after },
    {
      header: 'Notes',
      cell: (r) => (
        <>
          {r.flag && (
            <strong className="import-flag">
              {r.flag.kind === 'large' ? 'Large change' : 'Part of a role'}: {r.flag.reason}.{' '}
            </strong>
          )}
          {r.notes.join('; ')}
        </>
      ),
    },
    {
      header: 'Answer',
      cell: (r) =>
        r.flag && (
          <select
            aria-label={`Answer for ${r.label}`}
            value={mapping.options.decisions?.[r.key] ?? r.decision ?? ''}
            className={(mapping.options.decisions?.[r.key] ?? r.decision) == null ? 'import-unmapped' : undefined}
            onChange={(e) => decide([r.key], e.target.value as 'import' | 'exclude')}
          >
            <option value="" disabled>
              Choose…
            </option>
            <option value="import">Import</option>
            <option value="exclude">Leave out</option>
          </select>
        ),
    },
  ];
  return (
    <>
      {flagged.length > 0 && (
        <div className="toolbar">
          <span>
            {flagged.length.toLocaleString('en-GB')} flagged line{flagged.length === 1 ? '' : 's'}:
          </span>
          <button
            type="button"
            className="button button-secondary"
            onClick={() =>
              decide(
                flagged.map((r) => r.key),
                'import',
              )
            }
          >
            Import all flagged
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() =>
              decide(
                flagged.map((r) => r.key),
                'exclude',
              )
            }
          >
            Leave all flagged out
          </button>
        </div>
      )}
      {/* Focusable, so that a keyboard can scroll it. */}
      <div className="import-scroll" tabIndex={0} role="region" aria-label="What will change, line by line">
        <DataTable
          className="import-table import-preview"
          caption="What will change"
          captionClassName="visually-hidden"
          rows={rows}
          rowKey={(r) => r.key}
          rowProps={(r) => ({ className: `import-${r.status}${r.flag ? ' import-flagged' : ''}` })}
          columns={columns}
        />
        {report.preview.length > rows.length && (
          <p className="export-hint">The first 500 of {report.preview.length.toLocaleString('en-GB')} changes are shown.</p>
        )}
      </div>
    </>
  );
}
