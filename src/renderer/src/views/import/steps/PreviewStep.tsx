/** Step 5: what will change, the questions to answer first, an optional saved mapping, and the import itself. */
import type { ImportReport } from '../../../../../shared/api/channels/import';
import { useAppState } from '../../../app/AppState';
import { PreviewTable, Questions, Shares, UnitOptions } from '../ImportAnswers';
import type { ImportState } from '../use-import';

const n = (v: number): string => v.toLocaleString('en-GB');

export function PreviewStep({ w, report }: { w: ImportState; report: ImportReport }) {
  const { reference } = useAppState();
  const mapping = w.mapping ?? report.mapping;
  const { counts } = report;
  return (
    <div className="import-panel">
      <h2>
        Preview: {n(counts.added)} added, {n(counts.replaced)} replaced, {n(counts.rounding)} by rounding only, {n(counts.unchanged)} unchanged
        {counts.excluded > 0 ? `, ${n(counts.excluded)} left out` : ''}
      </h2>
      <Questions report={report} />
      <Shares report={report} mapping={mapping} organisations={reference.organisations} onOptions={w.answer} />
      <UnitOptions report={report} mapping={mapping} organisations={reference.organisations} onOptions={w.answer} />
      <PreviewTable report={report} mapping={mapping} organisations={reference.organisations} onOptions={w.answer} />
      <div className="inline-form">
        <label htmlFor="import-save-as">Save this mapping as (optional)</label>
        <input id="import-save-as" value={w.saveAs} maxLength={100} onChange={(e) => w.setSaveAs(e.target.value)} placeholder="e.g. ESR staff list" />
      </div>
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={() => w.setStep('check')}>
          Back
        </button>
        <button type="button" className="button" disabled={!report.canCommit} onClick={() => void w.commit()}>
          Import into the plan
        </button>
      </div>
    </div>
  );
}
