/**
 * The assumptions register: every number with a recorded source, what it is, its value, and
 * whether it is stated (from a published source), derived, or illustrative (assumed). Status
 * and source are editable; the number itself is edited in its own view.
 */
import { useCallback, useId, useMemo, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { AssumptionRow } from '../../../../shared/api/dto';
import { assumptionFields, type ASSUMPTION_ENTITIES } from '../../../../shared/api/schemas';
import type { AssumptionStatus } from '../../../../shared/model/types';
import { call } from '../../api';
import { ChoiceSelect } from '../../components/ChoiceSelect';
import { EditableGrid } from '../../grid/EditableGrid';
import { choiceCell, textCell, type CellParser, type EditInput } from '../../grid/edits';
import { useScenarioData, ViewHeader } from './common';
import { FillTypicalRanges } from '../uncertainty/FillTypicalRanges';

const STATUS_CHOICES: { key: AssumptionStatus; label: string }[] = [
  { key: 'stated', label: 'Stated' },
  { key: 'derived', label: 'Derived' },
  { key: 'illustrative', label: 'Illustrative' },
];
const STATUS_LABEL = Object.fromEntries(STATUS_CHOICES.map((c) => [c.key, c.label])) as Record<AssumptionStatus, string>;

type AssumptionEntity = (typeof ASSUMPTION_ENTITIES)[number];
type Row = AssumptionRow & { key: string; statusLabel: string; scope: string };

function StatusCell({ data }: { data?: Row }) {
  if (!data) return null;
  return <span className={`status-tag status-${data.status}`}>{data.statusLabel}</span>;
}

export function AssumptionsView() {
  const load = useCallback((s: number) => call('assumptions/list', { scenarioId: s }), []);
  const data = useScenarioData(load);
  const [find, setFind] = useState('');
  const [status, setStatus] = useState<AssumptionStatus | null>(null);
  const id = useId();

  const rows = useMemo<Row[] | null>(
    () =>
      data
        ?.map((a) => ({
          ...a,
          key: `${a.entity}:${a.entityId}:${a.field}`,
          statusLabel: STATUS_LABEL[a.status],
          scope: a.scenarioId === null ? 'Plan' : 'This scenario',
        }))
        .filter((a) => status === null || a.status === status) ?? null,
    [data, status],
  );
  const counts = useMemo(() => {
    const c = { stated: 0, derived: 0, illustrative: 0 };
    for (const a of data ?? []) c[a.status] += 1;
    return c;
  }, [data]);

  const parsers = useMemo(() => {
    const edit = (d: Row, change: { status?: AssumptionStatus; source?: string }): EditInput => ({
      channel: 'assumptions/set',
      input: {
        entity: d.entity as AssumptionEntity,
        entityId: d.entityId,
        field: d.field,
        status: change.status ?? d.status,
        source: change.source ?? d.source,
      },
    });
    const out: Record<string, CellParser<Row>> = {
      statusLabel: choiceCell<Row, AssumptionStatus>(
        STATUS_CHOICES,
        (d, k) => ({ draft: { ...d, status: k, statusLabel: STATUS_LABEL[k] }, edit: edit(d, { status: k }) }),
        'status (stated, derived or illustrative)',
      ),
      source: textCell<Row>(assumptionFields.shape.source, (d, v) => ({ draft: { ...d, source: v }, edit: edit(d, { source: v }) })),
    };
    return out;
  }, []);

  const columnDefs = useMemo<ColDef<Row>[]>(
    () => [
      { field: 'fieldLabel', headerName: 'Field', pinned: 'left', width: 190, tooltipField: 'fieldLabel' },
      // Find also matches the whole label ("Registered nurse, …: leaver rate").
      { field: 'subject', headerName: 'Of', width: 380, tooltipField: 'label', getQuickFilterText: (p) => p.data.label },
      { field: 'value', headerName: 'Value', width: 150, cellClass: 'num', tooltipField: 'value' },
      {
        field: 'statusLabel',
        headerName: 'Status',
        width: 130,
        editable: true,
        cellRenderer: StatusCell,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: STATUS_CHOICES.map((c) => c.label) },
      },
      {
        field: 'source',
        headerName: 'Source',
        editable: true,
        flex: 1,
        minWidth: 360,
        tooltipField: 'source',
        cellEditor: 'agLargeTextCellEditor',
        cellEditorPopup: true,
      },
      { field: 'scope', headerName: 'Belongs to', width: 130 },
    ],
    [],
  );

  return (
    <section className="view" aria-labelledby="assumptions-heading">
      <ViewHeader
        id="assumptions-heading"
        title="Assumptions"
        lede={
          <>
            Where every number comes from. <strong>Stated</strong> numbers come from a named source; <strong>derived</strong> ones are worked out from others;{' '}
            <strong>illustrative</strong> ones are assumptions to replace with local figures. {counts.illustrative} of {data?.length ?? 0} are illustrative.
            Ranges (low and high values for the simulation) are listed with their source too.
          </>
        }
        actions={<FillTypicalRanges secondary />}
      />
      <EditableGrid<Row>
        view="Assumptions"
        label="Assumptions register"
        rows={rows}
        columnDefs={columnDefs}
        parsers={parsers}
        getRowId={(r) => r.key}
        rowName={(r) => r.label}
        quickFilterText={find}
        noRowsText="No numbers match: clear the filters."
        count={data ? { all: data.length, one: 'number', many: 'numbers' } : undefined}
        primary
        toolbar={
          <div className="filter-bar" role="group" aria-label="Filter rows">
            <ChoiceSelect
              id={`${id}-status`}
              label="Status"
              allLabel={`All (${(data ?? []).length})`}
              value={status}
              choices={STATUS_CHOICES.map((c) => ({ value: c.key, label: `${c.label} (${counts[c.key]})` }))}
              onChange={setStatus}
            />
            <span className="filter-pair">
              <label htmlFor={`${id}-find`}>Find</label>
              <input id={`${id}-find`} type="search" value={find} onChange={(e) => setFind(e.target.value)} placeholder="Organisation, role or field" />
            </span>
          </div>
        }
      />
    </section>
  );
}
