/**
 * Targets of the plan (e.g. "train 250 nurses by 2028/29"), each with the selected scenario's
 * projected value and a RAG status shown as text and icon; and the criteria that flag a role
 * as a shortage role (shown here because they are the plan's other "what good looks like").
 */
import { useEffect, useMemo, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { TargetDto } from '../../../../shared/api/dto';
import { shortageCriteriaFields, targetFields } from '../../../../shared/api/schemas';
import { formatFte, formatHeads, formatMoney, formatPercent, yearLabel } from '../../../../shared/format';
import { parseNumberText } from '../../../../shared/numbers';
import { TARGET_METRICS, type RagStatus, type ShortageCriteria, type TargetMetric, type TargetProgress } from '../../../../shared/model/types';
import { call, errorMessage } from '../../api';
import { useAppState } from '../../app/AppState';
import { FilterBar, NO_FILTER } from '../../components/FilterBar';
import { cellWithMarker, choiceColumn, NOT_SET, numberColumn, planYears } from '../../grid/columns';
import { EditableGrid } from '../../grid/EditableGrid';
import { choiceCell, firstIssue, textCell, yearCell, type CellParser, type EditInput } from '../../grid/edits';
import { MARKER_HINT, useNames, ViewHeader } from './common';

export const METRIC_LABELS: Record<TargetMetric, string> = {
  'trained-cumulative': 'Trained (heads, cumulative)',
  'starts-cumulative': 'Starters (heads, cumulative)',
  'joined-cumulative': 'Joined (FTE, cumulative)',
  'learners-in-training': 'Learners in training (heads)',
  'supply-fte': 'Staff in post (FTE)',
  'supply-change-fte': 'Growth in staff (FTE)',
  'vacancy-rate': 'Vacancy rate',
  'agency-cost': 'Agency cost (£)',
};
const METRIC_CHOICES = TARGET_METRICS.map((m) => ({ key: m, label: METRIC_LABELS[m] }));
const COMPARISON_CHOICES = [
  { key: 'at-least' as const, label: 'At least' },
  { key: 'at-most' as const, label: 'At most' },
];

export const RAG: Record<RagStatus, { label: string; icon: string }> = {
  green: { label: 'Met', icon: '✓' },
  amber: { label: 'Close', icon: '!' },
  red: { label: 'Missed', icon: '✗' },
  unknown: { label: 'Not set', icon: '?' },
};

export function formatMetric(metric: TargetMetric, v: number): string {
  if (metric === 'vacancy-rate') return formatPercent(v);
  if (metric === 'agency-cost') return formatMoney(v);
  if (metric === 'trained-cumulative' || metric === 'starts-cumulative' || metric === 'learners-in-training') return formatHeads(v);
  return formatFte(v);
}

type Row = TargetDto & {
  metricLabel: string;
  orgName: string;
  roleName: string;
  yearText: string;
  comparisonLabel: string;
  pipelines: string;
  progress: TargetProgress | null;
};

function RagCell({ data }: { data?: Row }) {
  if (!data) return null;
  const status = data.progress?.status ?? 'unknown';
  const rag = RAG[status];
  return (
    <span className={`rag rag-${status}`} title={data.progress?.explanation}>
      <span className="rag-icon" aria-hidden="true">
        {rag.icon}
      </span>
      {rag.label}
    </span>
  );
}

function ShortageCriteriaPanel() {
  const { dataVersion, mutate, notify } = useAppState();
  const [criteria, setCriteria] = useState<ShortageCriteria | null>(null);
  const [text, setText] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('shortage/get', {})
      .then((c) => {
        if (!live) return;
        setCriteria(c);
        const show = (v: number | null) => (v === null ? '' : String(Math.round(v * 1000) / 10));
        setText({ vacancyRateAbove: show(c.vacancyRateAbove), leaverRateAbove: show(c.leaverRateAbove), aged55PlusAbove: show(c.aged55PlusAbove) });
      })
      .catch((err: unknown) => notify('error', errorMessage(err)));
    return () => {
      live = false;
    };
  }, [dataVersion, notify]);
  if (!criteria) return null;
  const fields = [
    { key: 'vacancyRateAbove', label: 'Vacancy rate above (%)' },
    { key: 'leaverRateAbove', label: 'Leaver rate above (%)' },
    { key: 'aged55PlusAbove', label: 'Aged 55 and over above (%)' },
  ] as const;
  const save = (next: ShortageCriteria) => {
    const checked = shortageCriteriaFields.safeParse(next);
    if (!checked.success) return setError(`${firstIssue(checked.error)}. Nothing was changed.`);
    setError(null);
    mutate(() => call('shortage/set', checked.data)).catch((err: unknown) => setError(errorMessage(err)));
  };
  const commit = (key: (typeof fields)[number]['key'], label: string) => {
    const parsed = parseNumberText(text[key] ?? '', { percent: true });
    if (!parsed.ok) return setError(`${label}: ${parsed.reason}. Nothing was changed.`);
    if (parsed.value === criteria[key]) return;
    save({ ...criteria, [key]: parsed.value });
  };
  return (
    <section className="criteria-panel" aria-labelledby="criteria-heading">
      <h2 id="criteria-heading">Shortage criteria</h2>
      <p className="hint">
        A role is a shortage role when it passes these tests across the system. Leave a box blank to skip that test. Saved when you leave the box.
      </p>
      {error ? (
        <div className="cell-error-message" role="alert">
          {error}
        </div>
      ) : null}
      <div className="criteria-fields">
        {fields.map((f) => (
          <label key={f.key} className="inline-field">
            <span>{f.label}</span>
            <input
              type="text"
              inputMode="decimal"
              size={6}
              value={text[f.key] ?? ''}
              placeholder={NOT_SET}
              onChange={(e) => setText({ ...text, [f.key]: e.target.value })}
              onBlur={() => commit(f.key, f.label)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') commit(f.key, f.label);
              }}
            />
          </label>
        ))}
        <label className="inline-field">
          <span>Flag a role when it meets</span>
          <select value={criteria.mode} onChange={(e) => save({ ...criteria, mode: e.target.value === 'all' ? 'all' : 'any' })}>
            <option value="any">any set test</option>
            <option value="all">every set test</option>
          </select>
        </label>
      </div>
    </section>
  );
}

export function TargetsView() {
  const { plan, scenarioId, reference, dataVersion, mutate, notify } = useAppState();
  const names = useNames(reference);
  const [filter, setFilter] = useState(NO_FILTER);
  const [selected, setSelected] = useState<Row | null>(null);
  const [targets, setTargets] = useState<TargetDto[] | null>(null);
  const [progress, setProgress] = useState<Map<number, TargetProgress> | null>(null);
  const [projectionError, setProjectionError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('targets/list', {})
      .then((t) => live && setTargets(t))
      .catch((err: unknown) => notify('error', errorMessage(err)));
    return () => {
      live = false;
    };
  }, [dataVersion, notify]);
  useEffect(() => {
    if (scenarioId === null) return;
    let live = true;
    // The summary carries every target's progress: a few kilobytes, whatever the plan's size.
    call('projection/summary', { scenarioId, gapLimit: 1 })
      .then((p) => {
        if (!live) return;
        setProgress(new Map(p.targets.map((t) => [t.targetId, t])));
        setProjectionError(null);
      })
      .catch((err: unknown) => live && setProjectionError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [scenarioId, dataVersion]);

  const rows = useMemo<Row[] | null>(
    () =>
      targets
        ?.map((t) => ({
          ...t,
          metricLabel: METRIC_LABELS[t.metric],
          orgName: t.orgId === null ? 'All' : names.org(t.orgId),
          roleName: t.roleId === null ? 'All' : names.role(t.roleId),
          yearText: yearLabel(t.year),
          comparisonLabel: t.comparison === 'at-least' ? 'At least' : 'At most',
          pipelines: t.lineageIds.length === 0 ? '' : `${t.lineageIds.length} ${t.lineageIds.length === 1 ? 'pipeline' : 'pipelines'}`,
          progress: progress?.get(t.id) ?? null,
        }))
        .filter((t) => {
          if (filter.orgId !== null && t.orgId !== null && t.orgId !== filter.orgId) return false;
          if (filter.roleId !== null && t.roleId !== null && t.roleId !== filter.roleId) return false;
          if (filter.staffGroup !== null && t.roleId !== null && names.group(t.roleId) !== filter.staffGroup) return false;
          return true;
        }) ?? null,
    [targets, names, progress, filter],
  );

  const parsers = useMemo(() => {
    const edit = (d: Row, changes: Partial<Omit<TargetDto, 'id' | 'assumptions'>>): EditInput => ({
      channel: 'targets/update',
      input: { targetId: d.id, changes },
    });
    const orgChoices = [{ key: 0, label: 'All' }, ...names.orgChoices];
    const roleChoices = [{ key: 0, label: 'All' }, ...names.roleChoices];
    const value: CellParser<Row> = (d, text) => {
      const parsed = parseNumberText(text, { percent: d.metric === 'vacancy-rate' });
      if (!parsed.ok) return { ok: false, reason: parsed.reason };
      const checked = targetFields.shape.value.safeParse(parsed.value);
      if (!checked.success) return { ok: false, reason: firstIssue(checked.error) };
      return { ok: true, draft: { ...d, value: parsed.value }, edit: edit(d, { value: parsed.value }) };
    };
    const out: Record<string, CellParser<Row>> = {
      name: textCell<Row>(targetFields.shape.name, (d, v) => ({ draft: { ...d, name: v }, edit: edit(d, { name: v }) })),
      metricLabel: choiceCell<Row, TargetMetric>(METRIC_CHOICES, (d, k) => ({ draft: { ...d, metric: k }, edit: edit(d, { metric: k }) }), 'measure'),
      orgName: choiceCell<Row, number>(orgChoices, (d, k) => ({ draft: { ...d, orgId: k || null }, edit: edit(d, { orgId: k || null }) }), 'organisation'),
      roleName: choiceCell<Row, number>(roleChoices, (d, k) => ({ draft: { ...d, roleId: k || null }, edit: edit(d, { roleId: k || null }) }), 'role'),
      yearText: yearCell<Row>(targetFields.shape.year, (d, y) => ({ draft: { ...d, year: y }, edit: edit(d, { year: y }) })),
      comparisonLabel: choiceCell<Row, 'at-least' | 'at-most'>(
        COMPARISON_CHOICES,
        (d, k) => ({ draft: { ...d, comparison: k }, edit: edit(d, { comparison: k }) }),
        'comparison',
      ),
      value,
    };
    return out;
  }, [names]);

  const yearValues = useMemo(() => planYears(plan).map(yearLabel), [plan]);

  const columnDefs = useMemo<ColDef<Row>[]>(() => {
    const select = (field: Extract<keyof Row, string>, headerName: string, values: string[], width: number) =>
      choiceColumn<Row>(field, headerName, values, width);
    return [
      { field: 'name', headerName: 'Target', editable: true, pinned: 'left', width: 280, tooltipField: 'name' },
      { colId: 'status', headerName: 'Status', width: 110, cellRenderer: RagCell, valueGetter: (p) => RAG[p.data?.progress?.status ?? 'unknown'].label },
      numberColumn<Row>({ field: 'value', headerName: 'Target value', width: 120, format: () => '', cellRenderer: cellWithMarker<Row>('value') }),
      numberColumn<Row>({
        colId: 'projected',
        headerName: 'Projected',
        width: 120,
        editable: false,
        valueGetter: (p) => p.data?.progress?.projected ?? null,
        format: () => '',
        empty: 'not available',
      }),
      select('yearText', 'By year', yearValues, 100),
      select(
        'comparisonLabel',
        'Comparison',
        COMPARISON_CHOICES.map((c) => c.label),
        110,
      ),
      select(
        'metricLabel',
        'Measure',
        METRIC_CHOICES.map((c) => c.label),
        220,
      ),
      select('orgName', 'Organisation', ['All', ...names.orgChoices.map((c) => c.label)], 200),
      select('roleName', 'Role', ['All', ...names.roleChoices.map((c) => c.label)], 180),
      {
        field: 'pipelines',
        headerName: 'Pipelines counted',
        width: 130,
        tooltipValueGetter: () => 'Set by the target’s definition (import or Pipelines view)',
      },
      {
        colId: 'explanation',
        headerName: 'Why',
        width: 420,
        valueGetter: (p) => p.data?.progress?.explanation ?? '',
        tooltipValueGetter: (p) => p.data?.progress?.explanation ?? '',
      },
    ];
  }, [names, yearValues]);

  // Format value and projected in the target's own unit (%, £, heads or FTE).
  const columns = useMemo(
    () =>
      columnDefs.map((c) =>
        c.field === 'value' || c.colId === 'projected'
          ? {
              ...c,
              valueFormatter: (p: { value: unknown; data?: Row }) =>
                typeof p.value === 'number' && p.data ? formatMetric(p.data.metric, p.value) : c.colId === 'projected' ? 'not available' : NOT_SET,
            }
          : c,
      ),
    [columnDefs],
  );

  const add = async () => {
    if (!plan) return;
    try {
      await mutate(() =>
        call('targets/create', {
          fields: {
            name: 'New target',
            metric: 'supply-fte',
            lineageIds: [],
            orgId: filter.orgId,
            roleId: filter.roleId,
            year: plan.horizonYear,
            value: null,
            comparison: 'at-least',
          },
        }),
      );
      notify('info', 'Added "New target" (staff in post, value not set): set its measure, year and value.');
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };
  const remove = async () => {
    if (!selected) return;
    try {
      await mutate(() => call('targets/delete', { targetId: selected.id }));
      notify('info', `Deleted the target "${selected.name}". Undo (Ctrl+Z) brings it back.`);
      setSelected(null);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  return (
    <section className="view" aria-labelledby="targets-heading">
      <ViewHeader
        id="targets-heading"
        title="Targets"
        lede={
          <>
            What the plan must achieve, checked against the selected scenario&apos;s projection: Met, Close or Missed. A blank value is &quot;not set&quot; and
            is never met or missed. {MARKER_HINT}
          </>
        }
        actions={
          <>
            <button type="button" className="button" onClick={() => void add()}>
              Add target
            </button>
            <button type="button" className="button button-secondary" disabled={!selected} onClick={() => void remove()}>
              Delete target
            </button>
          </>
        }
      />
      {projectionError ? (
        <p className="hint" role="status">
          Projected values are not available: {projectionError}
        </p>
      ) : null}
      <EditableGrid<Row>
        view="Targets"
        label="Targets"
        rows={rows}
        columnDefs={columns}
        parsers={parsers}
        getRowId={(r) => String(r.id)}
        rowName={(r) => r.name}
        quickFilterText={filter.find}
        noRowsText="No targets match: clear the filters, or add a target."
        onSelect={setSelected}
        count={targets ? { all: targets.length, one: 'target', many: 'targets' } : undefined}
        toolbar={<FilterBar reference={reference} value={filter} onChange={setFilter} />}
        primary
      />
      <ShortageCriteriaPanel />
    </section>
  );
}
