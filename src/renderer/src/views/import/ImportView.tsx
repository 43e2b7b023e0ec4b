/**
 * The import wizard: choose or drop a file → sheet and header row → columns → check (values
 * mapping and the validation report) → preview → commit; with the import history and Undo.
 * Every step's work runs in main; this view only shows and edits the mapping.
 */
import { own, ownCopy, setOwn } from '../../../../shared/own';
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  FIELD_KEYS,
  FIELD_LABELS,
  IMPORT_TARGETS,
  MAX_IMPORT_BYTES,
  TARGET_LABELS,
  type ColumnMap,
  type FieldKey,
  type ImportHistoryRow,
  type ImportMapping,
  type ImportOptions,
  type ImportReport,
  type ImportTarget,
  type SheetAnalysis,
  type ValueChoice,
} from '../../../../shared/api/channels/import';
import type { PipelineRow } from '../../../../shared/api/dto';
import { formatDateTime, yearLabel } from '../../../../shared/format';
import { call, errorMessage } from '../../api';
import { useAppState } from '../../app/AppState';
import { useRunTask } from '../../app/tasks';
import { takeDroppedFile } from './drop';
import { Confidence, MeasureQuestion, PreviewTable, Questions, Shares, SkippedRows, UnitOptions } from './ImportAnswers';

type Step = 'file' | 'sheet' | 'columns' | 'check' | 'preview';
const STEPS: { id: Step; label: string }[] = [
  { id: 'file', label: 'File' },
  { id: 'sheet', label: 'Sheet' },
  { id: 'columns', label: 'Columns' },
  { id: 'check', label: 'Check' },
  { id: 'preview', label: 'Preview and import' },
];

const SKIP = 'skip';
const UNSET = '';
const KEEP = 'keep';

function describeColumn(c: ColumnMap): string {
  if (c.year !== undefined) return `${FIELD_LABELS[c.field]} for ${yearLabel(c.year)}`;
  if (c.staffGroup !== undefined) return `${FIELD_LABELS[c.field]} for ${c.staffGroup}`;
  return FIELD_LABELS[c.field];
}

export function ImportView() {
  const { scenarioId, reference, mutate, notify, dataVersion } = useAppState();
  const run = useRunTask();
  const [step, setStep] = useState<Step>('file');
  const [target, setTarget] = useState<ImportTarget>('baseline');
  const [analysis, setAnalysis] = useState<SheetAnalysis | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [history, setHistory] = useState<ImportHistoryRow[]>([]);
  const [pipelines, setPipelines] = useState<PipelineRow[]>([]);
  const [saveAs, setSaveAs] = useState('');
  const [headerRow, setHeaderRow] = useState('');

  useEffect(() => {
    call('import/history', {}).then(setHistory, () => setHistory([]));
  }, [dataVersion]);
  useEffect(() => {
    if (scenarioId !== null) call('pipelines/list', { scenarioId }).then(setPipelines, () => setPipelines([]));
  }, [scenarioId, dataVersion]);

  const reset = useCallback(() => {
    if (analysis) void call('import/discard', { token: analysis.token }).catch(() => undefined);
    setAnalysis(null);
    setMapping(null);
    setReport(null);
    setStep('file');
  }, [analysis]);

  const loaded = useCallback((a: SheetAnalysis | null) => {
    if (!a) return;
    setRefused(null);
    setAnalysis(a);
    setMapping(a.proposed);
    setHeaderRow(String(a.headerRow));
    setReport(null);
    setStep(a.sheets.length > 1 ? 'sheet' : 'columns');
  }, []);

  const refuse = useCallback((err: unknown) => {
    setRefused(errorMessage(err));
  }, []);

  const loadFile = useCallback(
    async (file: File) => {
      setRefused(null);
      if (file.size > MAX_IMPORT_BYTES) {
        setRefused(`"${file.name}" is ${Math.round(file.size / 1024 / 1024)} MB; files over ${MAX_IMPORT_BYTES / 1024 / 1024} MB cannot be imported. Split it and import each part.`);
        return;
      }
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        loaded(await run(`Reading ${file.name}`, (taskId) => call('import/load-bytes', { taskId, target, name: file.name, bytes })));
      } catch (err) {
        refuse(err);
      }
    },
    [loaded, refuse, run, target],
  );

  // A file dropped anywhere on the window while another view was showing.
  useEffect(() => {
    const pending = takeDroppedFile();
    if (pending) void loadFile(pending);
    const onDropped = () => {
      const f = takeDroppedFile();
      if (f) void loadFile(f);
    };
    window.addEventListener('wfp-import-file', onDropped);
    return () => window.removeEventListener('wfp-import-file', onDropped);
  }, [loadFile]);

  const chooseWithDialog = async () => {
    setRefused(null);
    try {
      loaded(await run('Reading the file', (taskId) => call('import/choose-file', { taskId, target })));
    } catch (err) {
      refuse(err);
    }
  };

  const reanalyse = async (sheet: string, row?: number) => {
    if (!analysis) return;
    try {
      const a = await run('Finding the headings', (taskId) => call('import/analyse', { taskId, token: analysis.token, target, sheet, ...(row ? { headerRow: row } : {}) }));
      setAnalysis(a);
      setMapping(a.proposed);
      setHeaderRow(String(a.headerRow));
      setReport(null);
    } catch (err) {
      refuse(err);
    }
  };

  const check = async (m: ImportMapping, stay = false) => {
    if (!analysis || scenarioId === null) return;
    try {
      const r = await run('Checking the file', (taskId) => call('import/validate', { taskId, token: analysis.token, scenarioId, mapping: m }));
      setReport(r);
      setMapping(r.mapping);
      if (!stay) setStep('check');
    } catch (err) {
      refuse(err);
    }
  };
  /** An answer on the preview (a share, what happens to headcount, a large change): checked again in place. */
  const answer = (options: ImportOptions) => {
    if (!report) return;
    // Shown at once as answered, then checked again by main.
    const m = { ...report.mapping, options };
    setMapping(m);
    void check(m, true);
  };

  const commit = async () => {
    if (!analysis || !report || scenarioId === null) return;
    try {
      const h = await mutate(() =>
        run('Importing', (taskId) => call('import/commit', { taskId, token: analysis.token, scenarioId, mapping: report.mapping, ...(saveAs.trim() ? { saveMappingAs: saveAs.trim() } : {}) })),
      );
      notify('info', `Imported ${h.fileName}: ${h.added} added, ${h.replaced} replaced. You can undo it from the import history.`);
      setAnalysis(null);
      setMapping(null);
      setReport(null);
      setSaveAs('');
      setStep('file');
    } catch (err) {
      refuse(err);
    }
  };

  const undoImport = async (h: ImportHistoryRow) => {
    try {
      await mutate(() => call('import/undo', { importId: h.id }));
      notify('info', `Undid the import of ${h.fileName}.`);
    } catch {
      // mutate has shown the message.
    }
  };

  const setColumn = (index: number, field: FieldKey | 'wide') => {
    if (!mapping || !analysis) return;
    // "wide" puts back the column's own year or staff group, as proposed.
    const proposed = analysis.columns.find((c) => c.index === index);
    const next = field === 'wide' && proposed ? { index, field: proposed.field, ...(proposed.year !== undefined ? { year: proposed.year } : {}), ...(proposed.staffGroup !== undefined ? { staffGroup: proposed.staffGroup } : {}) } : { index, field: field === 'wide' ? 'ignore' : field };
    const columns = mapping.columns.some((c) => c.index === index) ? mapping.columns.map((c) => (c.index === index ? next : c)) : [...mapping.columns, next];
    setMapping({ ...mapping, columns });
  };

  const setValue = (choice: ValueChoice, v: string) => {
    if (!mapping) return;
    // Keyed by the file's own text ("__proto__" is a possible organisation): own properties only.
    const values = { org: ownCopy(mapping.values.org), role: ownCopy(mapping.values.role), staffGroup: ownCopy(mapping.values.staffGroup), pipeline: ownCopy(mapping.values.pipeline) };
    if (choice.kind === 'staffGroup') {
      if (v === KEEP) return;
      if (v === UNSET) delete values.staffGroup[choice.value];
      else setOwn(values.staffGroup, choice.value, v === SKIP ? null : [{ roleId: Number(v), share: 1 }]);
    } else {
      const table = values[choice.kind];
      if (v === UNSET) delete table[choice.value];
      else setOwn(table, choice.value, v === SKIP ? null : Number(v));
    }
    setMapping({ ...mapping, values });
  };

  const canGo = (s: Step) => {
    if (s === 'file') return true;
    if (!analysis) return false;
    if (s === 'check') return report !== null;
    if (s === 'preview') return report !== null && report.errors === 0;
    return true;
  };

  return (
    <section className="view import-view" aria-labelledby="import-title">
      <header className="view-header">
        <h1 id="import-title">Import a spreadsheet</h1>
        <p className="view-lede">Bring in a staff list, workforce statistics or your own tables. Nothing is written until you import a checked preview, and any import can be undone.</p>
      </header>
      <ol className="import-steps" aria-label="Steps">
        {STEPS.map((s, i) => (
          <li key={s.id}>
            <button type="button" className="import-step" aria-current={s.id === step ? 'step' : undefined} disabled={!canGo(s.id)} onClick={() => setStep(s.id)}>
              <span className="import-step-number">{i + 1}</span> {s.label}
            </button>
          </li>
        ))}
      </ol>
      {refused && (
        <div className="import-refused" role="alert">
          <strong>The file could not be used.</strong> {refused}
        </div>
      )}

      {step === 'file' && (
        <div className="import-panel">
          <fieldset className="import-targets">
            <legend>What does the file hold?</legend>
            {IMPORT_TARGETS.map((t) => (
              <label key={t} className="checkbox">
                <input type="radio" name="import-target" value={t} checked={target === t} onChange={() => setTarget(t)} /> {TARGET_LABELS[t]}
              </label>
            ))}
          </fieldset>
          <div
            className="import-drop"
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              e.preventDefault();
              e.stopPropagation();
              const f = e.dataTransfer.files[0];
              if (f) void loadFile(f);
            }}
          >
            <p>Drag a spreadsheet here (or anywhere on the window), or</p>
            <div className="toolbar">
              <button type="button" className="button" onClick={() => void chooseWithDialog()}>
                Choose a file…
              </button>
              <label className="button button-secondary import-file-label">
                Pick from this computer
                <input
                  type="file"
                  className="visually-hidden"
                  accept=".xlsx,.xlsm,.xls,.xlsb,.ods,.csv,.tsv,.txt,.gz,.zip"
                  onChange={(e) => {
                    const f = e.target.files?.[0];
                    e.target.value = '';
                    if (f) void loadFile(f);
                  }}
                />
              </label>
            </div>
            <p className="export-hint">Excel (.xlsx, .xlsm, .xls, .xlsb), OpenDocument (.ods) and CSV or tab-separated text, up to 200 MB. Names, NI and NHS numbers, dates of birth, e-mail addresses and assignment numbers are never stored.</p>
          </div>
          <ImportHistory history={history} onUndo={(h) => void undoImport(h)} />
        </div>
      )}

      {step === 'sheet' && analysis && (
        <div className="import-panel">
          <h2>{analysis.fileName}</h2>
          <div className="inline-form">
            <label htmlFor="import-sheet">Sheet</label>
            <select id="import-sheet" value={analysis.sheet} onChange={(e) => void reanalyse(e.target.value)}>
              {analysis.sheets.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name} ({s.rows.toLocaleString('en-GB')} rows)
                </option>
              ))}
            </select>
            <label htmlFor="import-header-row">Headings are on row</label>
            <input id="import-header-row" inputMode="numeric" size={5} value={headerRow} onChange={(e) => setHeaderRow(e.target.value)} />
            <button type="button" className="button button-secondary" onClick={() => void reanalyse(analysis.sheet, Number(headerRow) || undefined)}>
              Read again
            </button>
          </div>
          <Sample analysis={analysis} />
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={reset}>
              Cancel
            </button>
            <button type="button" className="button" onClick={() => setStep('columns')}>
              Next: columns
            </button>
          </div>
        </div>
      )}

      {step === 'columns' && analysis && mapping && (
        <div className="import-panel">
          <h2>
            {analysis.fileName}, sheet “{analysis.sheet}”: headings on row {analysis.headerRow}
            {analysis.headerRows === 2 ? ' (two rows joined)' : ''}
            {analysis.savedMapping ? <span className="tag">Saved mapping: {analysis.savedMapping}</span> : null}
          </h2>
          {analysis.headerless ? (
            <p className="import-notice" role="status">
              This sheet has no heading row: its columns are offered by number, and row 1 is read as data. Say what each column holds.
            </p>
          ) : (
            <p className="export-hint">Say what each column holds; check each proposal and how sure it is. Columns that identify people are dropped unread.</p>
          )}
          <div className="import-scroll">
            <table className="import-table">
              <caption className="visually-hidden">Column mapping</caption>
              <thead>
                <tr>
                  <th scope="col">Column</th>
                  <th scope="col">Heading</th>
                  <th scope="col">First values</th>
                  <th scope="col">Holds</th>
                  <th scope="col">How sure</th>
                </tr>
              </thead>
              <tbody>
                {analysis.columns.map((c) => {
                  const m = mapping.columns.find((x) => x.index === c.index) ?? { index: c.index, field: 'ignore' as const };
                  const name = c.header || `Column ${c.index + 1}`;
                  return (
                    <tr key={c.index} className={m.field === 'ask' ? 'import-ask' : undefined}>
                      <td>{c.letter}</td>
                      <th scope="row">{c.header || <em>Column {c.index + 1} (no heading)</em>}</th>
                      <td className="import-sample">
                        {analysis.sample
                          .slice(0, 3)
                          .map((r) => (r[c.index] === null || r[c.index] === undefined ? '' : String(r[c.index])))
                          .join(' · ')}
                      </td>
                      <td>
                        <select
                          aria-label={`Column ${c.letter} ${name} holds`}
                          className={m.field === 'ask' ? 'import-unmapped' : undefined}
                          value={m.year !== undefined || m.staffGroup !== undefined ? 'wide' : m.field}
                          onChange={(e) => setColumn(c.index, e.target.value as FieldKey | 'wide')}
                        >
                          {(c.year !== undefined || c.staffGroup !== undefined) && <option value="wide">{describeColumn(c)}</option>}
                          {FIELD_KEYS.filter((f) => f !== 'ask' || m.field === 'ask').map((f) => (
                            <option key={f} value={f}>
                              {FIELD_LABELS[f]}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <Confidence column={c} field={m.year !== undefined || m.staffGroup !== undefined ? c.field : m.field} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <MeasureQuestion analysis={analysis} mapping={mapping} onChange={(measure) => setMapping({ ...mapping, options: { ...mapping.options, measure } })} />
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={reset}>
              Cancel
            </button>
            <button type="button" className="button" onClick={() => void check(mapping)}>
              Check the file
            </button>
          </div>
        </div>
      )}

      {step === 'check' && analysis && mapping && report && (
        <div className="import-panel">
          <h2>
            Check: {report.errors.toLocaleString('en-GB')} error{report.errors === 1 ? '' : 's'}, {report.warnings.toLocaleString('en-GB')} warning{report.warnings === 1 ? '' : 's'}
          </h2>
          <p className="export-hint">
            {report.rowsRead.toLocaleString('en-GB')} rows read, {report.rowsUsed.toLocaleString('en-GB')} used; skipped {report.rowsSkipped.blank.toLocaleString('en-GB')} blank or notes,{' '}
            {report.rowsSkipped.subtotal.toLocaleString('en-GB')} total and subtotal, {report.rowsSkipped.filtered.toLocaleString('en-GB')} of another period or measure, {report.rowsSkipped.unmapped.toLocaleString('en-GB')} not
            imported.{report.notes > 0 ? ` ${report.notes.toLocaleString('en-GB')} problem${report.notes === 1 ? '' : 's'} in rows that are not imported need no fixing.` : ''}
          </p>
          {report.periods.length > 1 && (
            <div className="inline-form">
              <label htmlFor="import-period">Period to import</label>
              <select id="import-period" value={mapping.options.period ?? ''} onChange={(e) => setMapping({ ...mapping, options: { ...mapping.options, ...(e.target.value ? { period: e.target.value } : { period: undefined }) } })}>
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
          <ValuesTable report={report} mapping={mapping} organisations={reference.organisations} roles={reference.roles} pipelines={pipelines} onChange={setValue} />
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={() => setStep('columns')}>
              Back to columns
            </button>
            <button type="button" className="button button-secondary" onClick={() => void check(mapping)}>
              Check again
            </button>
            <button type="button" className="button" disabled={report.errors > 0} onClick={() => setStep('preview')}>
              Next: preview
            </button>
          </div>
        </div>
      )}

      {step === 'preview' && analysis && report && (
        <div className="import-panel">
          <h2>
            Preview: {report.counts.added.toLocaleString('en-GB')} added, {report.counts.replaced.toLocaleString('en-GB')} replaced, {report.counts.rounding.toLocaleString('en-GB')} by rounding only,{' '}
            {report.counts.unchanged.toLocaleString('en-GB')} unchanged{report.counts.excluded > 0 ? `, ${report.counts.excluded.toLocaleString('en-GB')} left out` : ''}
          </h2>
          <Questions report={report} />
          <Shares report={report} mapping={mapping ?? report.mapping} organisations={reference.organisations} onOptions={answer} />
          <UnitOptions report={report} mapping={mapping ?? report.mapping} organisations={reference.organisations} onOptions={answer} />
          <PreviewTable report={report} mapping={mapping ?? report.mapping} organisations={reference.organisations} onOptions={answer} />
          <div className="inline-form">
            <label htmlFor="import-save-as">Save this mapping as (optional)</label>
            <input id="import-save-as" value={saveAs} maxLength={100} onChange={(e) => setSaveAs(e.target.value)} placeholder="e.g. ESR staff list" />
          </div>
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={() => setStep('check')}>
              Back
            </button>
            <button type="button" className="button" disabled={!report.canCommit} onClick={() => void commit()}>
              Import into the plan
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function Sample({ analysis }: { analysis: SheetAnalysis }) {
  return (
    <div className="import-scroll" tabIndex={0} role="region" aria-label="First rows under the headings, scrollable">
      <table className="import-table">
        <caption className="visually-hidden">First rows under the headings</caption>
        <thead>
          <tr>
            {analysis.columns.map((c) => (
              <th key={c.index} scope="col">
                {c.letter} {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {analysis.sample.map((r, i) => (
            <tr key={i}>
              {analysis.columns.map((c) => (
                <td key={c.index}>{r[c.index] === null || r[c.index] === undefined ? '' : String(r[c.index])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Problems({ report }: { report: ImportReport }) {
  if (report.problems.length === 0) return <p className="import-ok">No problems found.</p>;
  return (
    <div className="import-scroll" tabIndex={0} role="region" aria-label="Problems found, scrollable">
      <table className="import-table import-problems">
        <caption className="visually-hidden">Problems found</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Sheet</th>
            <th scope="col">Row</th>
            <th scope="col">Column</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {report.problems.map((p, i) => (
            <tr key={i} className={`import-${p.severity}`}>
              <td>{p.severity === 'error' ? 'Error' : p.severity === 'warning' ? 'Warning' : 'Note'}</td>
              <td>{p.sheet}</td>
              <td>{p.row === null ? '—' : p.row.toLocaleString('en-GB')}</td>
              <td>{p.column ?? '—'}</td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.problems.length < report.errors + report.warnings && <p className="export-hint">The first {report.problems.length} problems are listed.</p>}
    </div>
  );
}

interface ValuesProps {
  report: ImportReport;
  mapping: ImportMapping;
  organisations: { id: number; code: string; name: string }[];
  roles: { id: number; code: string; name: string }[];
  pipelines: PipelineRow[];
  onChange: (choice: ValueChoice, v: string) => void;
}

const KIND_LABEL: Record<ValueChoice['kind'], string> = { org: 'Organisation', role: 'Role', staffGroup: 'Staff group', pipeline: 'Pipeline' };

function ValuesTable({ report, mapping, organisations, roles, pipelines, onChange }: ValuesProps) {
  const [showAll, setShowAll] = useState(false);
  const rows = useMemo(() => {
    const sorted = [...report.values].sort((a, b) => {
      const mapped = (c: ValueChoice) => (c.kind === 'org' ? own(mapping.values.org, c.value) !== null : true);
      return Number(mapped(b)) - Number(mapped(a)) || a.kind.localeCompare(b.kind) || a.value.localeCompare(b.value);
    });
    return showAll ? sorted : sorted.slice(0, 60);
  }, [report.values, mapping.values, showAll]);
  if (report.values.length === 0) return null;
  const roleName = new Map(roles.map((r) => [r.id, `${r.code} ${r.name}`]));
  return (
    <div className="import-scroll" tabIndex={0} role="region" aria-label="Values in the file, scrollable">
      <table className="import-table">
        <caption>Values in the file and what they are in the plan</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">In the file</th>
            <th scope="col">Rows</th>
            <th scope="col">In the plan</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => {
            const label = `${KIND_LABEL[c.kind]} '${c.value}' in the plan`;
            let current: string;
            let options: { value: string; label: string }[];
            if (c.kind === 'org') {
              const v = own(mapping.values.org, c.value);
              current = v === undefined ? UNSET : v === null ? SKIP : String(v);
              options = organisations.map((o) => ({ value: String(o.id), label: `${o.code} ${o.name}` }));
            } else if (c.kind === 'role') {
              const v = own(mapping.values.role, c.value);
              current = v === undefined ? UNSET : v === null ? SKIP : String(v);
              options = roles.map((r) => ({ value: String(r.id), label: `${r.code} ${r.name}` }));
            } else if (c.kind === 'pipeline') {
              const v = own(mapping.values.pipeline, c.value);
              current = v === undefined ? UNSET : v === null ? SKIP : String(v);
              options = pipelines.map((p) => ({ value: String(p.id), label: p.name }));
            } else {
              const v = own(mapping.values.staffGroup, c.value);
              current = v === undefined ? UNSET : v === null ? SKIP : v.length === 1 && v[0]!.share === 1 ? String(v[0]!.roleId) : KEEP;
              options = roles.map((r) => ({ value: String(r.id), label: `${r.code} ${r.name}` }));
              if (current === KEEP && v) options.unshift({ value: KEEP, label: v.map((x) => `${roleName.get(x.roleId) ?? x.roleId} ${Math.round(x.share * 100)} %`).join(', ') });
            }
            return (
              <tr key={`${c.kind}:${c.value}`}>
                <td>{KIND_LABEL[c.kind]}</td>
                <th scope="row">{c.value}</th>
                <td>{c.rows.toLocaleString('en-GB')}</td>
                <td>
                  <select aria-label={label} value={current} className={current === UNSET ? 'import-unmapped' : undefined} onChange={(e) => onChange(c, e.target.value)}>
                    <option value={UNSET}>Not mapped</option>
                    <option value={SKIP}>Skip these rows</option>
                    {options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!showAll && report.values.length > rows.length && (
        <button type="button" className="button button-secondary" onClick={() => setShowAll(true)}>
          Show all {report.values.length.toLocaleString('en-GB')} values
        </button>
      )}
    </div>
  );
}

function ImportHistory({ history, onUndo }: { history: ImportHistoryRow[]; onUndo: (h: ImportHistoryRow) => void }) {
  return (
    <div className="panel">
      <h2>Import history</h2>
      {history.length === 0 ? (
        <p className="export-hint">Nothing has been imported into this plan yet.</p>
      ) : (
        <table className="import-table">
          <caption className="visually-hidden">Imports into this plan</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">File</th>
              <th scope="col">Into</th>
              <th scope="col">Rows</th>
              <th scope="col">Added</th>
              <th scope="col">Replaced</th>
              <th scope="col">By</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id}>
                <td>{formatDateTime(h.at)}</td>
                <td title={`SHA-256 ${h.sha256}, ${h.size.toLocaleString('en-GB')} bytes`}>{h.fileName}</td>
                <td>{h.target}</td>
                <td>{h.rowsRead.toLocaleString('en-GB')}</td>
                <td>{h.added}</td>
                <td>{h.replaced}</td>
                <td>{h.user}</td>
                <td>
                  {h.state === 'undone' ? (
                    'Undone'
                  ) : (
                    <button type="button" className="button button-secondary" onClick={() => onUndo(h)} aria-label={`Undo the import of ${h.fileName}`}>
                      Undo
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
