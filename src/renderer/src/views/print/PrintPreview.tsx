/**
 * The board summary's print view: the paper as it will print, with Save PDF… and Close above
 * it. While it is open it is all the window shows, so that printing the window (Electron's
 * printToPDF in the app, Chromium's page.pdf in the tests) prints the paper and nothing else;
 * the toolbar is hidden in print.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BoardSummaryData } from '../../../../shared/api/channels/export';
import { call, errorMessage } from '../../api';
import { useAppState } from '../../app/AppState';
import { BoardSummary } from './BoardSummary';
import type { PrintRequest } from './open-print';
import './board-summary.css';

export function PrintPreview({
  scenarioId,
  uncertainty = null,
  onClose,
}: {
  scenarioId: number;
  uncertainty?: PrintRequest['uncertainty'];
  onClose: () => void;
}) {
  const { notify } = useAppState();
  const [data, setData] = useState<BoardSummaryData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    call('export/summary', { scenarioId, uncertainty })
      .then((d) => {
        if (live) setData(d);
      })
      .catch((err: unknown) => {
        if (live) setError(errorMessage(err));
      });
    return () => {
      live = false;
    };
  }, [scenarioId, uncertainty]);

  useEffect(() => {
    if (data) save.current?.focus();
  }, [data]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !busy) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, onClose]);

  const savePdf = useCallback(async () => {
    setError(null);
    setBusy(true);
    try {
      const done = await call('export/summary-pdf', { scenarioId });
      if (!done) return; // The planner cancelled the save dialog: stay on the preview.
      notify('info', `Saved the board summary to ${done.path}.`);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }, [scenarioId, notify, onClose]);

  return (
    <div className="print-preview">
      <div className="print-toolbar" role="toolbar" aria-label="Board summary">
        <p className="print-toolbar-title">Board summary (PDF): A4 landscape, as it will print</p>
        {error ? (
          <p className="cell-error-message" role="alert">
            {error}
          </p>
        ) : null}
        <button type="button" className="button" ref={save} onClick={() => void savePdf()} disabled={busy || !data}>
          {busy ? 'Saving…' : 'Save PDF…'}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose} disabled={busy}>
          Close
        </button>
      </div>
      {/* Focusable, so that keyboard users can scroll the paper with the arrow keys. */}
      <main className="print-desk" aria-label="Board summary" tabIndex={0}>
        {data ? (
          <BoardSummary data={data} />
        ) : error ? null : (
          <p role="status">
            {uncertainty ? `Preparing the board summary (simulating ${uncertainty.runs.toLocaleString('en-GB')} runs)…` : 'Preparing the board summary…'}
          </p>
        )}
      </main>
    </div>
  );
}
