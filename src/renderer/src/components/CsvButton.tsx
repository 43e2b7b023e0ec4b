/**
 * "Export CSV" for any grid: give it the column headers and a function that returns the rows
 * as shown (values, not formatted text, so numbers stay numbers). Main asks where to save and
 * writes the file atomically, with formula-like text neutralised (docs/ARCHITECTURE.md, "Formula-safe output").
 */
import { useState } from 'react';
import type { OutputValue } from '../../../shared/csv';
import { call, errorMessage } from '../api';
import { useAppState } from '../app/AppState';

export interface CsvButtonProps {
  /** Suggested file name, e.g. "Pipelines - Our Dorset plan". */
  fileName: string;
  headers: string[];
  /** Called on click, so a large grid is only turned into rows when the planner asks. */
  rows: () => OutputValue[][];
  label?: string;
}

export function CsvButton({ fileName, headers, rows, label = 'Export CSV' }: CsvButtonProps) {
  const { notify } = useAppState();
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      const data = rows().map((r) => r.map((v) => (v === undefined ? null : v)));
      const done = await call('export/csv', { fileName, headers, rows: data });
      if (done) notify('info', `Saved ${data.length} rows to ${done.path}.`);
    } catch (err) {
      notify('error', errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="button button-secondary" onClick={() => void save()} disabled={busy}>
      {busy ? 'Saving…' : label}
    </button>
  );
}
