/**
 * The import wizard: choose or drop a file → sheet and header row → columns → check (values
 * mapping and the validation report) → preview → commit; with the import history and Undo.
 * Every step's work runs in main; this view only shows and edits the mapping. Its state and
 * actions are in use-import.ts, each step in steps/.
 */
import { CheckStep } from './steps/CheckStep';
import { ColumnsStep } from './steps/ColumnsStep';
import { FileStep } from './steps/FileStep';
import { PreviewStep } from './steps/PreviewStep';
import { SheetStep } from './steps/SheetStep';
import { useImport, type Step } from './use-import';

const STEPS: { id: Step; label: string }[] = [
  { id: 'file', label: 'File' },
  { id: 'sheet', label: 'Sheet' },
  { id: 'columns', label: 'Columns' },
  { id: 'check', label: 'Check' },
  { id: 'preview', label: 'Preview and import' },
];

export function ImportView() {
  const w = useImport();
  const { step, analysis, mapping, report } = w;
  return (
    <section className="view import-view" aria-labelledby="import-title">
      <header className="view-header">
        <h1 id="import-title">Import a spreadsheet</h1>
        <p className="view-lede">
          Bring in a staff list, workforce statistics or your own tables. Nothing is written until you import a checked preview, and any import can be undone.
        </p>
      </header>
      <ol className="import-steps" aria-label="Steps">
        {STEPS.map((s, i) => (
          <li key={s.id}>
            <button
              type="button"
              className="import-step"
              aria-current={s.id === step ? 'step' : undefined}
              disabled={!w.canGo(s.id)}
              onClick={() => w.setStep(s.id)}
            >
              <span className="import-step-number">{i + 1}</span> {s.label}
            </button>
          </li>
        ))}
      </ol>
      {w.refused && (
        <div className="import-refused" role="alert">
          <strong>The file could not be used.</strong> {w.refused}
        </div>
      )}
      {step === 'file' && <FileStep w={w} />}
      {step === 'sheet' && analysis && <SheetStep w={w} analysis={analysis} />}
      {step === 'columns' && analysis && mapping && <ColumnsStep w={w} analysis={analysis} mapping={mapping} />}
      {step === 'check' && analysis && mapping && report && <CheckStep w={w} mapping={mapping} report={report} />}
      {step === 'preview' && analysis && report && <PreviewStep w={w} report={report} />}
    </section>
  );
}
