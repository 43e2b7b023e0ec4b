/** Step 3: what each column holds, proposed with how sure the proposal is, and the measure of the figures. */
import { FIELD_KEYS, FIELD_LABELS, type ColumnMap, type FieldKey, type ImportMapping, type SheetAnalysis } from '../../../../../shared/api/channels/import';
import { yearLabel } from '../../../../../shared/format';
import { DataTable } from '../../../components/DataTable';
import { Confidence, MeasureQuestion } from '../ImportAnswers';
import type { ImportState } from '../use-import';
import { sampleText } from './SheetStep';

function describeColumn(c: ColumnMap): string {
  if (c.year !== undefined) return `${FIELD_LABELS[c.field]} for ${yearLabel(c.year)}`;
  if (c.staffGroup !== undefined) return `${FIELD_LABELS[c.field]} for ${c.staffGroup}`;
  return FIELD_LABELS[c.field];
}

type AnalysedColumn = SheetAnalysis['columns'][number];

export function ColumnsStep({ w, analysis, mapping }: { w: ImportState; analysis: SheetAnalysis; mapping: ImportMapping }) {
  const mapped = (c: AnalysedColumn): ColumnMap => mapping.columns.find((x) => x.index === c.index) ?? { index: c.index, field: 'ignore' as const };
  /** A column mapped as the file's own year or staff group (a wide layout) shows as that. */
  const wide = (m: ColumnMap) => m.year !== undefined || m.staffGroup !== undefined;
  return (
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
        <DataTable
          className="import-table"
          caption="Column mapping"
          captionClassName="visually-hidden"
          rows={analysis.columns}
          rowKey={(c) => c.index}
          rowProps={(c) => ({ className: mapped(c).field === 'ask' ? 'import-ask' : undefined })}
          columns={[
            { header: 'Column', cell: (c) => c.letter },
            { header: 'Heading', rowHeader: true, cell: (c) => c.header || <em>Column {c.index + 1} (no heading)</em> },
            {
              header: 'First values',
              className: 'import-sample',
              cell: (c) =>
                analysis.sample
                  .slice(0, 3)
                  .map((r) => sampleText(r[c.index]))
                  .join(' · '),
            },
            {
              header: 'Holds',
              cell: (c) => {
                const m = mapped(c);
                return (
                  <select
                    aria-label={`Column ${c.letter} ${c.header || `Column ${c.index + 1}`} holds`}
                    className={m.field === 'ask' ? 'import-unmapped' : undefined}
                    value={wide(m) ? 'wide' : m.field}
                    onChange={(e) => w.setColumn(c.index, e.target.value as FieldKey | 'wide')}
                  >
                    {(c.year !== undefined || c.staffGroup !== undefined) && <option value="wide">{describeColumn(c)}</option>}
                    {FIELD_KEYS.filter((f) => f !== 'ask' || m.field === 'ask').map((f) => (
                      <option key={f} value={f}>
                        {FIELD_LABELS[f]}
                      </option>
                    ))}
                  </select>
                );
              },
            },
            {
              header: 'How sure',
              cell: (c) => {
                const m = mapped(c);
                return <Confidence column={c} field={wide(m) ? c.field : m.field} />;
              },
            },
          ]}
        />
      </div>
      <MeasureQuestion analysis={analysis} mapping={mapping} onChange={(measure) => w.setMapping({ ...mapping, options: { ...mapping.options, measure } })} />
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={w.reset}>
          Cancel
        </button>
        <button type="button" className="button" onClick={() => void w.check(mapping)}>
          Check the file
        </button>
      </div>
    </div>
  );
}
