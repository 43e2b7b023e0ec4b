/** Step 1: what the file holds, choosing or dropping it, and the import history with Undo. */
import { IMPORT_TARGETS, TARGET_LABELS, type ImportHistoryRow } from '../../../../../shared/api/channels/import';
import { formatDateTime } from '../../../../../shared/format';
import { DataTable } from '../../../components/DataTable';
import type { ImportState } from '../use-import';

export function FileStep({ w }: { w: ImportState }) {
  return (
    <div className="import-panel">
      <fieldset className="import-targets">
        <legend>What does the file hold?</legend>
        {IMPORT_TARGETS.map((t) => (
          <label key={t} className="checkbox">
            <input type="radio" name="import-target" value={t} checked={w.target === t} onChange={() => w.setTarget(t)} /> {TARGET_LABELS[t]}
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
          if (f) void w.loadFile(f);
        }}
      >
        <p>Drag a spreadsheet here (or anywhere on the window), or</p>
        <div className="toolbar">
          <button type="button" className="button" onClick={() => void w.chooseWithDialog()}>
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
                if (f) void w.loadFile(f);
              }}
            />
          </label>
        </div>
        <p className="export-hint">
          Excel (.xlsx, .xlsm, .xls, .xlsb), OpenDocument (.ods) and CSV or tab-separated text, up to 200 MB. Names, NI and NHS numbers, dates of birth, e-mail
          addresses and assignment numbers are never stored.
        </p>
      </div>
      <ImportHistory history={w.history} onUndo={(h) => void w.undoImport(h)} />
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
        <DataTable
          className="import-table"
          caption="Imports into this plan"
          captionClassName="visually-hidden"
          rows={history}
          rowKey={(h) => h.id}
          columns={[
            { header: 'When', cell: (h) => formatDateTime(h.at) },
            { header: 'File', title: (h) => `SHA-256 ${h.sha256}, ${h.size.toLocaleString('en-GB')} bytes`, cell: (h) => h.fileName },
            { header: 'Into', cell: (h) => h.target },
            { header: 'Rows', cell: (h) => h.rowsRead.toLocaleString('en-GB') },
            { header: 'Added', cell: (h) => h.added },
            { header: 'Replaced', cell: (h) => h.replaced },
            { header: 'By', cell: (h) => h.user },
            {
              header: <span className="visually-hidden">Actions</span>,
              cell: (h) =>
                h.state === 'undone' ? (
                  'Undone'
                ) : (
                  <button type="button" className="button button-secondary" onClick={() => onUndo(h)} aria-label={`Undo the import of ${h.fileName}`}>
                    Undo
                  </button>
                ),
            },
          ]}
        />
      )}
    </div>
  );
}
