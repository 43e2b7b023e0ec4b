/**
 * The pipelines of the selected scenario: one row each, fields and yearly intakes editable
 * like a spreadsheet. Every edit is validated with the contract's own schema before it is
 * sent, and again in the main process; a refused edit writes nothing and says why at the cell.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellEditRequestEvent, ColDef, ColGroupDef, ICellRendererParams, ValueFormatterParams } from 'ag-grid-community';
import type { PipelineRow } from '../../../shared/api/dto';
import { pipelineFields, intakeHeads, type PipelineFields } from '../../../shared/api/schemas';
import { AGE_BANDS, PIPELINE_TYPES } from '../../../shared/model/types';
import { formatFte, formatHeads, formatMoney, formatPercent, yearLabel } from '../../../shared/format';
import { parseNumberText } from '../../../shared/numbers';
import { call, errorMessage } from '../api';
import { useAppState } from '../app/AppState';
import { AssumptionMarker } from '../components/AssumptionMarker';
import { GRID_THEME_CLASS } from '../grid/setup';

const TYPE_LABELS: Record<(typeof PIPELINE_TYPES)[number], string> = {
  university: 'University course',
  apprenticeship: 'Apprenticeship',
  placement: 'Clinical placement',
  international: 'International recruitment',
  'return-to-practice': 'Return to practice',
  'new-role': 'New role recruitment',
  progression: 'Progression',
};

type NumericField = 'durationYears' | 'attrition' | 'conversion' | 'ftePerHead' | 'costPerLearnerYear';
const PERCENT_FIELDS = new Set<string>(['attrition', 'conversion']);

/** The cell's value with its assumption marker. */
function ValueCell(p: ICellRendererParams<PipelineRow>) {
  const field = p.colDef?.colId?.startsWith('y') ? 'intakes' : (p.colDef?.field ?? '');
  const note = p.data?.assumptions[field];
  return (
    <span className="cell-with-marker">
      <span>{p.valueFormatted ?? (p.value as string | null) ?? ''}</span>
      <AssumptionMarker note={note} />
    </span>
  );
}

interface CellError {
  key: string;
  message: string;
}

export function PipelinesView() {
  const { plan, scenarioId, reference, dataVersion, mutate, notify } = useAppState();
  const [rows, setRows] = useState<PipelineRow[] | null>(null);
  const [cellError, setCellError] = useState<CellError | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const selected = useMemo(() => rows?.find((r) => r.id === selectedId) ?? null, [rows, selectedId]);
  const [find, setFind] = useState('');

  useEffect(() => {
    if (scenarioId === null) return;
    let live = true;
    call('pipelines/list', { scenarioId })
      .then((r) => live && setRows(r))
      .catch((err: unknown) => notify('error', errorMessage(err)));
    return () => {
      live = false;
    };
  }, [scenarioId, dataVersion, notify]);

  const orgNames = useMemo(() => Object.fromEntries(reference.organisations.map((o) => [String(o.id), o.name])), [reference]);
  const roleNames = useMemo(() => Object.fromEntries(reference.roles.map((r) => [String(r.id), r.name])), [reference]);
  const sourceRoleNames = useMemo(() => ({ '': '(none)', ...roleNames }), [roleNames]);

  const years = useMemo(() => {
    if (!plan) return [];
    const out: number[] = [];
    for (let y = plan.baseYear; y <= plan.horizonYear; y++) out.push(y);
    return out;
  }, [plan]);

  const columnDefs = useMemo<(ColDef<PipelineRow> | ColGroupDef<PipelineRow>)[]>(() => {
    const num = (field: NumericField, headerName: string, format: (v: number) => string, width = 110): ColDef<PipelineRow> => ({
      field,
      headerName,
      editable: true,
      width,
      type: 'rightAligned',
      cellClass: 'num',
      valueFormatter: (p: ValueFormatterParams<PipelineRow>) => (typeof p.value === 'number' ? format(p.value) : ''),
      cellRenderer: ValueCell,
    });
    const ref = (field: 'orgId' | 'roleId' | 'sourceRoleId', headerName: string, refData: Record<string, string>, width: number): ColDef<PipelineRow> => ({
      field,
      headerName,
      editable: true,
      width,
      tooltipValueGetter: (p) => refData[String(p.value ?? '')],
      valueGetter: (p) => (p.data ? String(p.data[field] ?? '') : ''),
      refData,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: Object.keys(refData) },
    });
    return [
      {
        headerName: 'Pipeline',
        children: [
          { field: 'name', headerName: 'Name', editable: true, pinned: 'left', width: 360, tooltipField: 'name', cellRenderer: ValueCell },
          {
            field: 'type',
            headerName: 'Type',
            editable: true,
            width: 170,
            refData: TYPE_LABELS,
            cellEditor: 'agSelectCellEditor',
            cellEditorParams: { values: [...PIPELINE_TYPES] },
          },
          ref('orgId', 'Organisation', orgNames, 240),
          ref('roleId', 'Role', roleNames, 200),
          ref('sourceRoleId', 'From role', sourceRoleNames, 170),
          {
            field: 'traineesLeaveSourceRole',
            headerName: 'Leave role at start',
            headerTooltip: 'Progression only: do trainees leave their current role when they start (yes), or when they qualify (no)?',
            editable: true,
            width: 130,
            cellDataType: 'boolean',
          },
        ],
      },
      {
        headerName: 'Course',
        children: [
          num('durationYears', 'Length (years)', (v) => v.toLocaleString('en-GB', { maximumFractionDigits: 2 })),
          num('attrition', 'Attrition', formatPercent),
          num('conversion', 'Conversion to post', formatPercent, 130),
          num('ftePerHead', 'FTE per head', formatFte),
          num('costPerLearnerYear', 'Cost per learner-year', formatMoney, 150),
          {
            field: 'entrantAgeBand',
            headerName: 'Entrants aged',
            editable: true,
            width: 120,
            valueGetter: (p) => (p.data ? String(p.data.entrantAgeBand) : ''),
            refData: Object.fromEntries(AGE_BANDS.map((b, i) => [String(i), b])),
            cellEditor: 'agSelectCellEditor',
            cellEditorParams: { values: AGE_BANDS.map((_b, i) => String(i)) },
          },
        ],
      },
      {
        headerName: 'Intake (starters) by financial year',
        children: years.map(
          (y): ColDef<PipelineRow> => ({
            colId: `y${y}`,
            headerName: yearLabel(y),
            editable: true,
            width: 92,
            type: 'rightAligned',
            cellClass: 'num',
            valueGetter: (p) => p.data?.intakes[y] ?? null,
            valueFormatter: (p) => (typeof p.value === 'number' ? formatHeads(p.value) : '–'),
            cellRenderer: ValueCell,
          }),
        ),
      },
    ];
  }, [orgNames, roleNames, sourceRoleNames, years]);

  const refuse = useCallback((rowName: string, column: string, key: string, message: string) => {
    setCellError({ key, message: `${rowName}, ${column}: ${message}. Nothing was changed.` });
  }, []);

  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<PipelineRow>) => {
      const row = e.data;
      const colId = e.column.getColId();
      const column = e.colDef.headerName ?? colId;
      const key = `${row.id}:${colId}`;
      const raw: unknown = e.newValue;
      const text = typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : '';

      if (colId.startsWith('y')) {
        const year = Number(colId.slice(1));
        const parsed = parseNumberText(text);
        if (!parsed.ok) return refuse(row.name, column, key, parsed.reason);
        const checked = intakeHeads.nullable().safeParse(parsed.value);
        if (!checked.success) return refuse(row.name, column, key, checked.error.issues[0]?.message ?? 'Not a valid intake');
        setCellError(null);
        mutate(() => call('pipelines/set-intake', { pipelineId: row.id, year, heads: checked.data })).catch((err: unknown) =>
          refuse(row.name, column, key, errorMessage(err)),
        );
        return;
      }

      const field = colId as keyof PipelineFields;
      let value: unknown;
      if (field === 'orgId' || field === 'roleId' || field === 'entrantAgeBand') value = Number(text);
      else if (field === 'sourceRoleId') value = text === '' ? null : Number(text);
      else if (field === 'traineesLeaveSourceRole') value = raw === true || text === 'true';
      else if (field === 'name' || field === 'type') value = text;
      else {
        const parsed = parseNumberText(text, { percent: PERCENT_FIELDS.has(field) });
        if (!parsed.ok) return refuse(row.name, column, key, parsed.reason);
        if (parsed.value === null) return refuse(row.name, column, key, `${column} cannot be blank`);
        value = parsed.value;
      }
      const checked = pipelineFields.partial().safeParse({ [field]: value });
      if (!checked.success) return refuse(row.name, column, key, checked.error.issues[0]?.message ?? 'Not a valid value');
      setCellError(null);
      mutate(() => call('pipelines/update', { pipelineId: row.id, changes: checked.data })).catch((err: unknown) =>
        refuse(row.name, column, key, errorMessage(err)),
      );
    },
    [mutate, refuse],
  );

  const addPipeline = async () => {
    const org = reference.organisations[0];
    const role = reference.roles[0];
    if (scenarioId === null || !org || !role) {
      notify('error', 'Add organisations and roles to the plan before adding a pipeline.');
      return;
    }
    try {
      await mutate(() => call('pipelines/create', { scenarioId, fields: { name: 'New pipeline', type: 'university', orgId: org.id, roleId: role.id } }));
      notify('info', 'Added "New pipeline" at the bottom of the grid: set its organisation, role and intakes.');
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  const deleteSelected = async () => {
    if (!selected) return;
    try {
      await mutate(() => call('pipelines/delete', { pipelineId: selected.id }));
      notify('info', `Deleted "${selected.name}". Undo (Ctrl+Z) brings it back.`);
      setSelectedId(null);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  return (
    <section className="view" aria-labelledby="pipelines-heading">
      <div className="view-header">
        <h1 id="pipelines-heading">Pipelines</h1>
        <p className="view-lede">
          Training and recruitment routes into each organisation and role, with starters by financial year. Numbers marked{' '}
          <span className="marker marker-illustrative" aria-hidden="true">
            i
          </span>{' '}
          are illustrative: hover for their source.
        </p>
        <div className="view-actions">
          <label className="find">
            <span>Find</span>
            <input type="search" value={find} onChange={(e) => setFind(e.target.value)} placeholder="Name, organisation or role" />
          </label>
          <button type="button" className="button" onClick={() => void addPipeline()}>
            Add pipeline
          </button>
          <button type="button" className="button button-secondary" onClick={() => void deleteSelected()} disabled={!selected}>
            Delete pipeline
          </button>
        </div>
      </div>
      {cellError ? (
        <div className="cell-error-message" role="alert">
          {cellError.message}
        </div>
      ) : null}
      <div className={`grid-host ${GRID_THEME_CLASS}`}>
        <AgGridReact<PipelineRow>
          rowData={rows}
          columnDefs={columnDefs}
          getRowId={(p) => String(p.data.id)}
          readOnlyEdit
          onCellEditRequest={onCellEditRequest}
          singleClickEdit={false}
          stopEditingWhenCellsLoseFocus
          enterNavigatesVerticallyAfterEdit
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onSelectionChanged={(e) => setSelectedId(e.api.getSelectedRows()[0]?.id ?? null)}
          cellSelection={false}
          suppressMovableColumns
          suppressColumnVirtualisation
          quickFilterText={find}
          tooltipShowDelay={300}
          overlayNoRowsTemplate="This scenario has no pipelines yet: use Add pipeline."
          defaultColDef={{
            sortable: true,
            resizable: true,
            cellClassRules: { 'cell-error': (p) => cellError !== null && p.data !== undefined && cellError.key === `${p.data.id}:${p.column.getColId()}` },
          }}
        />
      </div>
    </section>
  );
}
