/**
 * Export… : the board workbook for one scenario or several compared. The planner chooses the
 * scenarios, the sheets and the options; main asks where to save, then builds and writes the
 * workbook as a task whose progress (and Cancel) shows here.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useSimulationSettings } from '../../app/uncertainty';
import { BOARD_SHEETS, type BoardSheet, type Measure } from '../../../../shared/api/channels/export';
import { call, errorMessage } from '../../api';
import { useAppState } from '../../app/AppState';
import { useRunTask } from '../../app/tasks';
import { Dialog } from '../../components/Dialog';
import { onOpenExportDialog } from './open-export';
import { openBoardSummary } from '../print/open-print';

const SHEET_LABELS: Record<BoardSheet, string> = {
  summary: 'Summary: targets, shortage roles, largest gaps, agency cost',
  bridge: 'Bridge per role: opening → joiners → leavers → closing',
  projection: 'Projection by organisation, role and year',
  pipelines: 'Pipelines with their intakes',
  assumptions: 'Assumptions register',
};

interface Progress {
  taskId: string;
  fraction: number | null;
  message: string;
}

export function ExportButton() {
  const [open, setOpen] = useState(false);
  useEffect(() => onOpenExportDialog(() => setOpen(true)), []);
  return (
    <>
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        Export…
      </button>
      {open ? <ExportDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function ExportDialog({ onClose }: { onClose: () => void }) {
  const { scenarios, scenarioId, notify } = useAppState();
  const run = useRunTask();
  const ids = useId();
  const [chosen, setChosen] = useState<number[]>(() => (scenarioId === null ? [] : [scenarioId]));
  const [sheets, setSheets] = useState<BoardSheet[]>([...BOARD_SHEETS]);
  const [measures, setMeasures] = useState<Measure[]>(['fte', 'headcount']);
  const [formulas, setFormulas] = useState(false);
  const [uncertainty, setUncertainty] = useState(false);
  const simulation = useSimulationSettings();
  const [suppress, setSuppress] = useState(false);
  const [threshold, setThreshold] = useState('5');
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);

  // Progress events can arrive after the request has answered: only the running export's count.
  const active = useRef<string | null>(null);
  useEffect(
    () =>
      window.api.onEvent('task/progress', (p) => {
        if (p.taskId === active.current && !p.done) setProgress({ taskId: p.taskId, fraction: p.fraction, message: p.message });
      }),
    [],
  );

  const toggle = <T,>(list: T[], item: T, on: boolean): T[] => (on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item));
  // The scenario the board is asked to agree comes first; the others follow in the plan's order.
  const ordered = scenarios.filter((s) => chosen.includes(s.id)).sort((a, b) => Number(b.id === scenarioId) - Number(a.id === scenarioId));
  const thresholdValue = Number(threshold);
  const thresholdError =
    suppress && !(Number.isInteger(thresholdValue) && thresholdValue >= 1 && thresholdValue <= 100) ? 'Enter a whole number from 1 to 100.' : null;
  const problem =
    chosen.length === 0
      ? 'Choose at least one scenario.'
      : chosen.length > 4
        ? 'Compare at most four scenarios.'
        : measures.length === 0
          ? 'Choose FTE, headcount or both.'
          : thresholdError;

  const exportNow = useCallback(async () => {
    setError(null);
    try {
      const done = await run('Exporting the board workbook', (taskId) => {
        active.current = taskId;
        setProgress({ taskId, fraction: null, message: 'Choose where to save…' });
        return call('export/board', {
          taskId,
          scenarioIds: ordered.map((s) => s.id),
          sheets,
          measures,
          formulas,
          suppressBelow: suppress && !formulas ? thresholdValue : null,
          uncertainty: uncertainty ? simulation : null,
        });
      });
      active.current = null;
      setProgress(null);
      if (!done) return; // The planner cancelled the save dialog: stay here.
      notify(
        'info',
        `Saved the board workbook to ${done.path} (${done.sheets.length} sheets${done.suppressedRows > 0 ? `; ${done.suppressedRows} small rows suppressed` : ''}).`,
      );
      onClose();
    } catch (err) {
      active.current = null;
      setProgress(null);
      setError(errorMessage(err));
    }
  }, [run, ordered, sheets, measures, formulas, suppress, thresholdValue, uncertainty, simulation, notify, onClose]);

  const busy = progress !== null;
  return (
    <Dialog
      open
      title="Export board workbook"
      onClose={busy ? () => undefined : onClose}
      className="export-dialog"
      actions={
        <>
          <button type="button" className="button button-secondary" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              const first = ordered[0];
              if (!first) return;
              onClose();
              openBoardSummary(first.id, uncertainty ? simulation : null);
            }}
            disabled={busy || ordered.length === 0}
            aria-describedby={`${ids}-pdf`}
          >
            Board summary (PDF)…
          </button>
          <button type="button" className="button" onClick={() => void exportNow()} disabled={busy || problem !== null}>
            Export…
          </button>
        </>
      }
    >
      <p className="dialog-lede">
        An Excel workbook for the board papers: a cover with the plan file’s fingerprint, then the sheets you choose. You choose where to save it next.
      </p>
      <p className="export-hint" id={`${ids}-pdf`}>
        Board summary (PDF): two to four A4 pages of headline figures, targets, charts, shortage roles, the biggest gaps and the key assumptions, for the first
        scenario ticked. You see it before you save it.
      </p>
      <div className="export-columns">
        <fieldset className="export-group">
          <legend>Scenarios</legend>
          <p className="export-hint">Tick one, or several to compare them.</p>
          {scenarios.map((s) => (
            <label key={s.id} className="checkbox">
              <input type="checkbox" checked={chosen.includes(s.id)} onChange={(e) => setChosen((c) => toggle(c, s.id, e.target.checked))} disabled={busy} />
              {s.name}
              {s.id === scenarioId ? <span className="tag">selected</span> : null}
            </label>
          ))}
        </fieldset>
        <fieldset className="export-group">
          <legend>Sheets</legend>
          <p className="export-hint">The cover is always included.</p>
          {BOARD_SHEETS.map((s) => (
            <label key={s} className="checkbox">
              <input
                type="checkbox"
                checked={sheets.includes(s)}
                onChange={(e) => setSheets((c) => BOARD_SHEETS.filter((x) => (x === s ? e.target.checked : c.includes(x))))}
                disabled={busy}
              />
              {SHEET_LABELS[s]}
            </label>
          ))}
        </fieldset>
        <fieldset className="export-group">
          <legend>Options</legend>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={measures.includes('fte')}
              onChange={(e) => setMeasures((m) => toggle(m, 'fte', e.target.checked))}
              disabled={busy}
            />
            FTE
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={measures.includes('headcount')}
              onChange={(e) => setMeasures((m) => toggle(m, 'headcount', e.target.checked))}
              disabled={busy}
            />
            Headcount
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={formulas} onChange={(e) => setFormulas(e.target.checked)} disabled={busy} aria-describedby={`${ids}-formulas`} />
            Live formulas
          </label>
          <p className="export-hint" id={`${ids}-formulas`}>
            Projection, bridge and pipelines as Excel formulas over an Inputs sheet, so an analyst can change an assumption and see it flow.
          </p>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={uncertainty}
              onChange={(e) => setUncertainty(e.target.checked)}
              disabled={busy}
              aria-describedby={`${ids}-uncertainty`}
            />
            Uncertainty
          </label>
          <p className="export-hint" id={`${ids}-uncertainty`}>
            {simulation.runs.toLocaleString('en-GB')} simulated runs, seed {simulation.seed} (as on the dashboard): percentiles, each target’s chance of being
            met and which assumption matters most, on an Uncertainty sheet; the fan chart on the Summary. The board summary (PDF) shows the fan and each
            target’s chance too.
          </p>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={suppress && !formulas}
              onChange={(e) => setSuppress(e.target.checked)}
              disabled={busy || formulas}
              aria-describedby={`${ids}-suppress`}
            />
            Suppress small numbers for publication
          </label>
          <label className="export-threshold">
            <span>Show headcounts under</span>
            <input
              type="number"
              min={1}
              max={100}
              step={1}
              value={threshold}
              onChange={(e) => setThreshold(e.target.value)}
              disabled={busy || !suppress || formulas}
              aria-invalid={thresholdError !== null}
              aria-describedby={`${ids}-suppress`}
            />
            <span>as “&lt;{Number.isInteger(thresholdValue) && thresholdValue > 0 ? thresholdValue : 'n'}”</span>
          </label>
          <p className="export-hint" id={`${ids}-suppress`}>
            {formulas
              ? 'Not available with live formulas: the Inputs sheet would reveal the hidden numbers.'
              : (thresholdError ?? 'The cover says what was suppressed.')}
          </p>
        </fieldset>
      </div>
      {problem && !thresholdError ? <p className="export-hint">{problem}</p> : null}
      {error ? (
        <div className="cell-error-message" role="alert">
          {error}
        </div>
      ) : null}
      {progress ? (
        <div className="export-progress">
          <div className="task-label">
            <strong>Exporting</strong> <span>{progress.message}</span>
          </div>
          <div
            className="progress"
            role="progressbar"
            aria-label="Export progress"
            aria-valuemin={0}
            aria-valuemax={100}
            {...(progress.fraction === null ? {} : { 'aria-valuenow': Math.round(progress.fraction * 100) })}
          >
            <div
              className={progress.fraction === null ? 'progress-bar progress-indeterminate' : 'progress-bar'}
              style={progress.fraction === null ? undefined : { width: `${Math.round(progress.fraction * 100)}%` }}
            />
          </div>
          <button type="button" className="button button-secondary" onClick={() => void call('task/cancel', { taskId: progress.taskId })}>
            Stop export
          </button>
        </div>
      ) : null}
    </Dialog>
  );
}
