/** Step 2: which sheet, and the row the headings are on, with the first rows under them. */
import type { CellValue, SheetAnalysis } from '../../../../../shared/api/channels/import';
import { DataTable, type Column } from '../../../components/DataTable';
import type { ImportState } from '../use-import';

/** A sample cell as text: blank for an empty cell. */
export const sampleText = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : String(v));

export function SheetStep({ w, analysis }: { w: ImportState; analysis: SheetAnalysis }) {
  return (
    <div className="import-panel">
      <h2>{analysis.fileName}</h2>
      <div className="inline-form">
        <label htmlFor="import-sheet">Sheet</label>
        <select id="import-sheet" value={analysis.sheet} onChange={(e) => void w.reanalyse(e.target.value)}>
          {analysis.sheets.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name} ({s.rows.toLocaleString('en-GB')} rows)
            </option>
          ))}
        </select>
        <label htmlFor="import-header-row">Headings are on row</label>
        <input id="import-header-row" inputMode="numeric" size={5} value={w.headerRow} onChange={(e) => w.setHeaderRow(e.target.value)} />
        <button type="button" className="button button-secondary" onClick={() => void w.reanalyse(analysis.sheet, Number(w.headerRow) || undefined)}>
          Read again
        </button>
      </div>
      <div className="import-scroll" tabIndex={0} role="region" aria-label="First rows under the headings, scrollable">
        <DataTable
          className="import-table"
          caption="First rows under the headings"
          captionClassName="visually-hidden"
          rows={analysis.sample}
          rowKey={(_, i) => i}
          columns={analysis.columns.map((c): Column<CellValue[]> => ({ key: c.index, header: `${c.letter} ${c.header}`, cell: (r) => sampleText(r[c.index]) }))}
        />
      </div>
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={w.reset}>
          Cancel
        </button>
        <button type="button" className="button" onClick={() => w.setStep('columns')}>
          Next: columns
        </button>
      </div>
    </div>
  );
}
