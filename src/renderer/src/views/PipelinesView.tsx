/**
 * The pipelines of the selected scenario: one row each, fields and yearly intakes editable
 * like a spreadsheet. Every edit is validated with the contract's own schema before it is
 * sent, and again in the main process; a refused edit writes nothing and says why at the cell.
 * A block pasted from Excel is applied as one change (see grid/EditableGrid.tsx).
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ColDef, ColGroupDef, GridApi } from 'ag-grid-community';
import type { PipelineRow } from '../../../shared/api/dto';
import { intakeHeads, pipelineFields, pipelineRangeFields, type PipelineChanges } from '../../../shared/api/schemas';
import { formatFte, formatHeads, formatMoney, formatPercent, yearLabel } from '../../../shared/format';
import { AGE_BANDS, PIPELINE_TYPES, type PipelineType } from '../../../shared/model/types';
import { call, errorMessage } from '../api';
import { useAppState } from '../app/AppState';
import { FilterBar, NO_FILTER } from '../components/FilterBar';
import { cellWithMarker, numberColumn, planYears, rangeColumn, sumBy, yearColId } from '../grid/columns';
import { EditableGrid } from '../grid/EditableGrid';
import { choiceCell, numberCell, textCell, type CellParser, type EditInput } from '../grid/edits';
import { MARKER_HINT, useFiltered, useScenarioData } from './inputs/common';
import { CsvButton } from '../components/CsvButton';
import { ImpactStrip } from '../components/ImpactStrip';
import { pipelineCsv } from './export/pipelines-csv';

const TYPE_LABELS: Record<PipelineType, string> = {
  university: 'University course',
  apprenticeship: 'Apprenticeship',
  placement: 'Clinical placement',
  international: 'International recruitment',
  'return-to-practice': 'Return to practice',
  'new-role': 'New role recruitment',
  progression: 'Progression',
};
const TYPE_CHOICES = PIPELINE_TYPES.map((t) => ({ key: t, label: TYPE_LABELS[t] }));
const BAND_CHOICES = AGE_BANDS.map((b, i) => ({ key: i, label: b }));

type NumericField = 'durationYears' | 'attrition' | 'conversion' | 'ftePerHead' | 'costPerLearnerYear';
const NUMERIC: { field: NumericField; label: string; percent: boolean }[] = [
  { field: 'durationYears', label: 'Course length', percent: false },
  { field: 'attrition', label: 'Attrition', percent: true },
  { field: 'conversion', label: 'Conversion to post', percent: true },
  { field: 'ftePerHead', label: 'FTE per head', percent: false },
  { field: 'costPerLearnerYear', label: 'Cost per learner-year', percent: false },
];

export function PipelinesView() {
  const { plan, scenarioId, reference, mutate, notify } = useAppState();
  const [filter, setFilter] = useState(NO_FILTER);
  const [selected, setSelected] = useState<PipelineRow | null>(null);
  const [current, setCurrent] = useState<PipelineRow | null>(null);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [displayed, setDisplayed] = useState<readonly PipelineRow[]>([]);
  const apiRef = useRef<GridApi<PipelineRow> | null>(null);
  const load = useCallback((s: number) => call('pipelines/list', { scenarioId: s }), []);
  const rows = useScenarioData(load);
  const shown = useFiltered(rows, filter, reference);
  const years = useMemo(() => planYears(plan), [plan]);

  const orgNames = useMemo(() => Object.fromEntries(reference.organisations.map((o) => [String(o.id), o.name])), [reference]);
  const roleNames = useMemo(() => Object.fromEntries(reference.roles.map((r) => [String(r.id), r.name])), [reference]);
  const sourceRoleNames = useMemo(() => ({ '': '(none)', ...roleNames }), [roleNames]);

  const parsers = useMemo(() => {
    const update = (d: PipelineRow, changes: PipelineChanges): { draft: PipelineRow; edit: EditInput } => ({
      draft: { ...d, ...changes },
      edit: { channel: 'pipelines/update', input: { pipelineId: d.id, changes } },
    });
    const orgChoices = reference.organisations.map((o) => ({ key: o.id, label: o.name }));
    const roleChoices = reference.roles.map((r) => ({ key: r.id, label: r.name }));
    const out: Record<string, CellParser<PipelineRow>> = {
      name: textCell<PipelineRow>(pipelineFields.shape.name, (d, v) => update(d, { name: v })),
      type: choiceCell<PipelineRow, PipelineType>(TYPE_CHOICES, (d, k) => update(d, { type: k }), 'pipeline type'),
      orgId: choiceCell<PipelineRow, number>(orgChoices, (d, k) => update(d, { orgId: k }), 'organisation'),
      roleId: choiceCell<PipelineRow, number>(roleChoices, (d, k) => update(d, { roleId: k }), 'role'),
      sourceRoleId: (d, text) => {
        const t = text.trim();
        if (t === '' || t.toLowerCase() === '(none)') return { ok: true, ...update(d, { sourceRoleId: null }) };
        return choiceCell<PipelineRow, number>(roleChoices, (dd, k) => update(dd, { sourceRoleId: k }), 'role')(d, text);
      },
      traineesLeaveSourceRole: (d, text) => {
        const t = text.trim().toLowerCase();
        if (t === 'true' || t === 'yes') return { ok: true, ...update(d, { traineesLeaveSourceRole: true }) };
        if (t === 'false' || t === 'no') return { ok: true, ...update(d, { traineesLeaveSourceRole: false }) };
        return { ok: false, reason: `"${text.trim()}" is not yes or no` };
      },
      entrantAgeBand: choiceCell<PipelineRow, number>(BAND_CHOICES, (d, k) => update(d, { entrantAgeBand: k }), 'age band'),
    };
    for (const n of NUMERIC) {
      out[n.field] = numberCell<PipelineRow>(pipelineFields.shape[n.field], (d, v) => update(d, { [n.field]: v ?? 0 }), { percent: n.percent, label: n.label });
    }
    for (const [key, label] of [
      ['attritionLow', 'Low attrition'],
      ['attritionHigh', 'High attrition'],
      ['conversionLow', 'Low conversion'],
      ['conversionHigh', 'High conversion'],
      ['intakeFillLow', 'Low intake fill'],
      ['intakeFillHigh', 'High intake fill'],
    ] as const) {
      out[key] = numberCell<PipelineRow>(pipelineRangeFields.shape[key], (d, v) => update(d, { [key]: v }), { percent: true, blank: 'clear', label });
    }
    for (const y of years) {
      out[yearColId(y)] = numberCell<PipelineRow>(
        intakeHeads,
        (d, v) => {
          const intakes = { ...d.intakes };
          if (v === null) delete intakes[y];
          else intakes[y] = v;
          return { draft: { ...d, intakes }, edit: { channel: 'pipelines/set-intake', input: { pipelineId: d.id, year: y, heads: v } } };
        },
        { blank: 'clear', label: 'Intake' },
      );
    }
    return out;
  }, [reference, years]);

  const columnDefs = useMemo<(ColDef<PipelineRow> | ColGroupDef<PipelineRow>)[]>(() => {
    const editable = (p: { node: { rowPinned?: string | null } }) => !p.node.rowPinned;
    const num = (field: NumericField, headerName: string, format: (v: number) => string, width = 110): ColDef<PipelineRow> =>
      numberColumn<PipelineRow>({ field, headerName, width, format });
    const ref = (field: 'orgId' | 'roleId' | 'sourceRoleId', headerName: string, refData: Record<string, string>, width: number): ColDef<PipelineRow> => ({
      field,
      headerName,
      editable,
      width,
      tooltipValueGetter: (p) => refData[String(p.value ?? '')],
      valueGetter: (p) => (p.data && !p.node?.rowPinned ? String(p.data[field] ?? '') : ''),
      valueFormatter: (p) => (p.node?.rowPinned ? '' : (refData[String(p.value ?? '')] ?? '')),
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: Object.keys(refData), valueListMaxHeight: 300 },
    });
    const detail = (def: ColDef<PipelineRow>): ColDef<PipelineRow> => ({ ...def, columnGroupShow: 'open' });
    return [
      { field: 'name', headerName: 'Pipeline', editable, pinned: 'left', width: 300, tooltipField: 'name', cellRenderer: cellWithMarker<PipelineRow>() },
      {
        headerName: 'Intake (starters) by financial year',
        children: years.map((y) =>
          numberColumn<PipelineRow>({
            colId: yearColId(y),
            headerName: yearLabel(y),
            width: 76,
            noteField: 'intakes',
            valueGetter: (p) => p.data?.intakes[y] ?? null,
            format: formatHeads,
            empty: '–',
          }),
        ),
      },
      {
        groupId: 'details',
        headerName: 'Pipeline details',
        headerTooltip: 'Organisation and role always; open the group (or use Show details) for type, course length, attrition and the rest',
        openByDefault: false,
        children: [
          ref('orgId', 'Organisation', orgNames, 240),
          ref('roleId', 'Role', roleNames, 200),
          detail({
            field: 'type',
            headerName: 'Type',
            editable,
            width: 170,
            valueFormatter: (p) => (p.node?.rowPinned ? '' : (TYPE_LABELS[p.value as PipelineType] ?? '')),
            cellEditor: 'agSelectCellEditor',
            cellEditorParams: { values: [...PIPELINE_TYPES] },
          }),
          detail(ref('sourceRoleId', 'From role', sourceRoleNames, 170)),
          detail({
            field: 'traineesLeaveSourceRole',
            headerName: 'Leave role at start',
            headerTooltip: 'Progression only: do trainees leave their current role when they start (yes), or when they qualify (no)?',
            editable,
            width: 130,
            cellDataType: 'boolean',
            cellRendererSelector: (p) => (p.node.rowPinned ? { component: () => null } : undefined),
          }),
          detail(num('durationYears', 'Length (years)', (v) => v.toLocaleString('en-GB', { maximumFractionDigits: 2 }))),
          detail(num('attrition', 'Attrition', formatPercent)),
          detail(num('conversion', 'Conversion to post', formatPercent, 130)),
          detail(num('ftePerHead', 'FTE per head', formatFte)),
          detail(num('costPerLearnerYear', 'Cost per learner-year', formatMoney, 150)),
          detail({
            field: 'entrantAgeBand',
            headerName: 'Entrants aged',
            editable,
            width: 120,
            valueGetter: (p) => (p.data && !p.node?.rowPinned ? String(p.data.entrantAgeBand) : ''),
            valueFormatter: (p) => (p.value === '' ? '' : (AGE_BANDS[Number(p.value)] ?? '')),
            cellEditor: 'agSelectCellEditor',
            cellEditorParams: { values: AGE_BANDS.map((_b, i) => String(i)), formatValue: (v: string) => AGE_BANDS[Number(v)] ?? v },
          }),
          // Ranges for the simulation (blank = the central value).
          detail(
            rangeColumn<PipelineRow>('attritionLow', 'Attrition low', 'attritionRange', 'The lowest attrition you think likely: at most the central attrition'),
          ),
          detail(
            rangeColumn<PipelineRow>(
              'attritionHigh',
              'Attrition high',
              'attritionRange',
              'The highest attrition you think likely: at least the central attrition',
            ),
          ),
          detail(
            rangeColumn<PipelineRow>(
              'conversionLow',
              'Conversion low',
              'conversionRange',
              'The lowest conversion to a post you think likely: at most the central value',
              110,
            ),
          ),
          detail(
            rangeColumn<PipelineRow>(
              'conversionHigh',
              'Conversion high',
              'conversionRange',
              'The highest conversion to a post you think likely: at least the central value',
              110,
            ),
          ),
          detail(
            rangeColumn<PipelineRow>(
              'intakeFillLow',
              'Intake fill low',
              'intakeFillRange',
              'The share of planned starters who start, at the low end (at most 100 %): every year’s intake × this share',
              110,
            ),
          ),
          detail(
            rangeColumn<PipelineRow>(
              'intakeFillHigh',
              'Intake fill high',
              'intakeFillRange',
              'The share of planned starters who start, at the high end (at least 100 %)',
              110,
            ),
          ),
        ],
      },
    ];
  }, [orgNames, roleNames, sourceRoleNames, years]);

  const totals = useCallback(
    (shown: readonly PipelineRow[]): PipelineRow[] => {
      const base = shown[0];
      if (!base) return [];
      const intakes: Record<number, number> = {};
      for (const y of years) intakes[y] = sumBy(shown, (x) => x.intakes[y]);
      return [
        {
          ...base,
          id: -1,
          name: `Total (${shown.length} ${shown.length === 1 ? 'pipeline' : 'pipelines'})`,
          intakes,
          durationYears: null as unknown as number,
          attrition: null as unknown as number,
          conversion: null as unknown as number,
          ftePerHead: null as unknown as number,
          costPerLearnerYear: null as unknown as number,
          attritionLow: null,
          attritionHigh: null,
          conversionLow: null,
          conversionHigh: null,
          intakeFillLow: null,
          intakeFillHigh: null,
          assumptions: {},
        },
      ];
    },
    [years],
  );

  const toggleDetails = () => {
    const next = !detailsOpen;
    setDetailsOpen(next);
    apiRef.current?.setColumnGroupOpened('details', next);
  };
  const impactScope = useMemo(() => (current ? { orgId: current.orgId, roleId: current.roleId } : null), [current]);

  const addPipeline = async () => {
    const org = filter.orgId ?? reference.organisations[0]?.id;
    const role = filter.roleId ?? reference.roles[0]?.id;
    if (scenarioId === null || org === undefined || role === undefined) {
      notify('error', 'Add organisations and roles to the plan before adding a pipeline.');
      return;
    }
    try {
      await mutate(() => call('pipelines/create', { scenarioId, fields: { name: 'New pipeline', type: 'university', orgId: org, roleId: role } }));
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
      setSelected(null);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  return (
    <section className="view" aria-labelledby="pipelines-heading">
      <div className="view-header">
        <h1 id="pipelines-heading">Pipelines</h1>
        <p className="view-lede">
          Training and recruitment routes into each organisation and role, with starters by financial year. Paste a block from Excel with Ctrl+V. {MARKER_HINT}
        </p>
        <div className="view-actions">
          <button type="button" className="button" onClick={() => void addPipeline()}>
            Add pipeline
          </button>
          <button type="button" className="button button-secondary" onClick={() => void deleteSelected()} disabled={!selected}>
            Delete pipeline
          </button>
          <button type="button" className="button button-secondary" aria-pressed={detailsOpen} onClick={toggleDetails}>
            {detailsOpen ? 'Hide details' : 'Show details'}
          </button>
          {plan ? <CsvButton fileName="Pipelines" {...pipelineCsv(displayed, reference, plan.baseYear, plan.horizonYear)} /> : null}
        </div>
      </div>
      <EditableGrid<PipelineRow>
        view="Pipelines"
        label="Pipelines"
        rows={shown}
        columnDefs={columnDefs}
        parsers={parsers}
        getRowId={(r) => String(r.id)}
        rowName={(r) => r.name}
        totals={totals}
        count={rows ? { all: rows.length, one: 'pipeline', many: 'pipelines' } : undefined}
        toolbar={<FilterBar reference={reference} value={filter} onChange={setFilter} />}
        primary
        quickFilterText={filter.find}
        noRowsText="This scenario has no pipelines yet: use Add pipeline."
        onSelect={setSelected}
        onCurrentRow={setCurrent}
        onShownChange={setDisplayed}
        onReady={(api) => {
          apiRef.current = api;
        }}
        onColumnGroupOpened={(open) => setDetailsOpen(open)}
      />
      <ImpactStrip scope={impactScope} what={current ? `${roleNames[String(current.roleId)] ?? ''} at ${orgNames[String(current.orgId)] ?? ''}` : ''} />
    </section>
  );
}
