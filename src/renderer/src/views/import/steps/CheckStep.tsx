/** Step 4: the validation report (counts, problems, rows not read) and the mapping of the file's values. */
import type { ImportMapping, ImportReport } from '../../../../../shared/api/channels/import';
import { useAppState } from '../../../app/AppState';
import { DataTable } from '../../../components/DataTable';
import { SkippedRows } from '../ImportAnswers';
import type { ImportState } from '../use-import';
import { ValuesTable } from './ValuesTable';

const n = (v: number): string => v.toLocaleString('en-GB');
const plural = (v: number, word: string): string => `${n(v)} ${word}${v === 1 ? '' : 's'}`;

export function CheckStep({ w, mapping, report }: { w: ImportState; mapping: ImportMapping; report: ImportReport }) {
  const { reference } = useAppState();
  return (
    <div className="import-panel">
      <h2>
        Check: {plural(report.errors, 'error')}, {plural(report.warnings, 'warning')}
      </h2>
      <p className="export-hint">
        {n(report.rowsRead)} rows read, {n(report.rowsUsed)} used; skipped {n(report.rowsSkipped.blank)} blank or notes, {n(report.rowsSkipped.subtotal)} total
        and subtotal, {n(report.rowsSkipped.filtered)} of another period or measure, {n(report.rowsSkipped.unmapped)} not imported.
        {report.notes > 0 ? ` ${plural(report.notes, 'problem')} in rows that are not imported need no fixing.` : ''}
      </p>
      {report.periods.length > 1 && (
        <div className="inline-form">
          <label htmlFor="import-period">Period to import</label>
          <select
            id="import-period"
            value={mapping.options.period ?? ''}
            onChange={(e) =>
              w.setMapping({ ...mapping, options: { ...mapping.options, ...(e.target.value ? { period: e.target.value } : { period: undefined }) } })
            }
          >
            <option value="">Choose…</option>
            {report.periods.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
      )}
      <Problems report={report} />
      <SkippedRows report={report} />
      <ValuesTable
        report={report}
        mapping={mapping}
        organisations={reference.organisations}
        roles={reference.roles}
        pipelines={w.pipelines}
        onChange={w.setValue}
      />
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={() => w.setStep('columns')}>
          Back to columns
        </button>
        <button type="button" className="button button-secondary" onClick={() => void w.check(mapping)}>
          Check again
        </button>
        <button type="button" className="button" disabled={report.errors > 0} onClick={() => w.setStep('preview')}>
          Next: preview
        </button>
      </div>
    </div>
  );
}

const SEVERITY: Record<ImportReport['problems'][number]['severity'], string> = { error: 'Error', warning: 'Warning', note: 'Note' };

function Problems({ report }: { report: ImportReport }) {
  if (report.problems.length === 0) return <p className="import-ok">No problems found.</p>;
  return (
    <div className="import-scroll" tabIndex={0} role="region" aria-label="Problems found, scrollable">
      <DataTable
        className="import-table import-problems"
        caption="Problems found"
        captionClassName="visually-hidden"
        rows={report.problems}
        rowKey={(_, i) => i}
        rowProps={(p) => ({ className: `import-${p.severity}` })}
        columns={[
          { header: 'Kind', cell: (p) => SEVERITY[p.severity] },
          { header: 'Sheet', cell: (p) => p.sheet },
          { header: 'Row', cell: (p) => (p.row === null ? '—' : n(p.row)) },
          { header: 'Column', cell: (p) => p.column ?? '—' },
          { header: 'Problem', cell: (p) => p.message },
        ]}
      />
      {report.problems.length < report.errors + report.warnings && <p className="export-hint">The first {report.problems.length} problems are listed.</p>}
    </div>
  );
}
