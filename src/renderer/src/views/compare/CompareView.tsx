/**
 * Two scenarios side by side: system totals and targets for each, and the per organisation ×
 * role differences (B − A) with every changed number highlighted and marked in text.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ColDef, ColGroupDef } from 'ag-grid-community';
import type { ComparisonCell, ComparisonResult, SystemTotalsDto, TargetDto } from '../../../../shared/api/dto';
import type { TargetProgress } from '../../../../shared/model/types';
import { formatFte, formatMoney, formatMoneyShort, yearLabel } from '../../../../shared/format';
import { call, errorMessage } from '../../api';
import { useAppState } from '../../app/AppState';
import { DataTable } from '../../components/DataTable';
import { FilterBar, NO_FILTER, matchesFilter, type GridFilter } from '../../components/FilterBar';
import { DataGrid, type DataGridOptions } from '../../grid/DataGrid';
import { shortNames } from '../../../../shared/names';
import { ManageScenariosButton } from '../scenarios/ManageScenarios';
import { RagBadge, formatTargetValue, nameLookup } from '../projection/labels';
import { formatDelta, formatGap, isShortfall } from '../projection/numbers';

interface DiffRow extends ComparisonCell {
  key: string;
  org: string;
  role: string;
  orgShort: string;
  roleShort: string;
}

const CHANGED = 1e-9;

function TotalsTable({ result, nameA, nameB }: { result: ComparisonResult; nameA: string; nameB: string }) {
  const years = result.years.map(yearLabel);
  const measures: { label: string; pick: (t: SystemTotalsDto) => number[]; show: (v: number) => string; delta: (v: number) => string; gap?: boolean }[] = [
    { label: 'Supply (FTE)', pick: (t) => t.closing, show: formatFte, delta: (v) => formatDelta(v) },
    { label: 'Demand (FTE)', pick: (t) => t.demand, show: formatFte, delta: (v) => formatDelta(v) },
    { label: 'Supply − demand (FTE)', pick: (t) => t.gap, show: (v) => formatGap(v), delta: (v) => formatDelta(-v), gap: true },
    { label: 'Agency cost', pick: (t) => t.agencyCost, show: formatMoneyShort, delta: (v) => formatDelta(v, formatMoneyShort) },
  ];
  return (
    <table className="data-table compact-table compare-totals">
      <caption>System totals at each year end</caption>
      <thead>
        <tr>
          <th scope="col">Measure</th>
          <th scope="col">Scenario</th>
          {years.map((y) => (
            <th key={y} scope="col" className="num-col">
              {y}
            </th>
          ))}
        </tr>
      </thead>
      {measures.map((m) => {
        const a = m.pick(result.totalsA);
        const b = m.pick(result.totalsB);
        return (
          <tbody key={m.label} className="measure-group">
            <tr>
              <th scope="rowgroup" rowSpan={3}>
                {m.label}
              </th>
              <th scope="row">{nameA}</th>
              {a.map((v, i) => (
                <td key={i} className={`num-col${m.gap && isShortfall(v) ? ' shortfall' : ''}`} title={m.label === 'Agency cost' ? formatMoney(v) : undefined}>
                  {m.show(v)}
                </td>
              ))}
            </tr>
            <tr>
              <th scope="row">{nameB}</th>
              {b.map((v, i) => (
                <td key={i} className={`num-col${m.gap && isShortfall(v) ? ' shortfall' : ''}`} title={m.label === 'Agency cost' ? formatMoney(v) : undefined}>
                  {m.show(v)}
                </td>
              ))}
            </tr>
            <tr className="delta-row">
              <th scope="row">Difference</th>
              {b.map((v, i) => {
                const d = v - (a[i] ?? 0);
                return (
                  <td key={i} className={`num-col${Math.abs(d) > CHANGED ? ' diff-changed' : ' diff-same'}`}>
                    {m.delta(d)}
                  </td>
                );
              })}
            </tr>
          </tbody>
        );
      })}
    </table>
  );
}

function TargetsTable({ targets, a, b, nameA, nameB }: { targets: TargetDto[]; a: TargetProgress[]; b: TargetProgress[]; nameA: string; nameB: string }) {
  const byId = new Map(targets.map((t) => [t.id, t]));
  const bById = new Map(b.map((t) => [t.targetId, t]));
  const changed = (pa: TargetProgress): boolean => {
    const pb = bById.get(pa.targetId);
    return pb !== undefined && (pb.status !== pa.status || Math.abs((pb.projected ?? 0) - (pa.projected ?? 0)) > CHANGED);
  };
  const metric = (pa: TargetProgress) => byId.get(pa.targetId)?.metric;
  return (
    <DataTable
      className="data-table compare-targets"
      numClass="num-col"
      caption="Targets"
      rows={a}
      rowKey={(pa) => pa.targetId}
      columns={[
        { header: 'Target', rowHeader: true, cell: (pa) => byId.get(pa.targetId)?.name ?? `Target ${pa.targetId}` },
        { header: 'Target value', numeric: true, cell: (pa) => formatTargetValue(metric(pa), pa.value) },
        { header: nameA, numeric: true, cell: (pa) => formatTargetValue(metric(pa), pa.projected) },
        { header: `${nameA}: status`, cell: (pa) => <RagBadge status={pa.status} /> },
        {
          header: nameB,
          numeric: true,
          className: (pa) => (changed(pa) ? 'diff-changed' : undefined),
          cell: (pa) => {
            const pb = bById.get(pa.targetId);
            return pb ? formatTargetValue(metric(pa), pb.projected) : '';
          },
        },
        {
          header: `${nameB}: status`,
          className: (pa) => (changed(pa) ? 'diff-changed' : undefined),
          cell: (pa) => {
            const pb = bById.get(pa.targetId);
            return pb ? <RagBadge status={pb.status} /> : null;
          },
        },
        { header: 'Difference', cell: (pa) => (changed(pa) ? <strong>Changed</strong> : 'Same') },
      ]}
    />
  );
}

export function CompareView() {
  const { scenarios, scenarioId, reference, dataVersion } = useAppState();
  const [a, setA] = useState<number | null>(null);
  const [b, setB] = useState<number | null>(null);
  const [result, setResult] = useState<ComparisonResult | null>(null);
  const [targets, setTargets] = useState<TargetDto[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [onlyChanged, setOnlyChanged] = useState(true);
  const [filter, setFilter] = useState<GridFilter>(NO_FILTER);
  const names = useMemo(() => nameLookup(reference), [reference]);
  const short = useMemo(() => ({ org: shortNames(reference.organisations, 22), role: shortNames(reference.roles, 26) }), [reference]);

  // Default: the first scenario against the selected one (in the demo, "Do nothing" against the plan).
  const scenarioA = a !== null && scenarios.some((s) => s.id === a) ? a : (scenarios[0]?.id ?? null);
  const fallbackB = scenarioId !== null && scenarioId !== scenarioA ? scenarioId : (scenarios.find((s) => s.id !== scenarioA)?.id ?? null);
  const scenarioB = b !== null && scenarios.some((s) => s.id === b) ? b : fallbackB;
  const nameA = scenarios.find((s) => s.id === scenarioA)?.name ?? '';
  const nameB = scenarios.find((s) => s.id === scenarioB)?.name ?? '';

  useEffect(() => {
    if (scenarioA === null || scenarioB === null || scenarioA === scenarioB) {
      setResult(null);
      return;
    }
    let live = true;
    setLoading(true);
    Promise.all([call('projection/compare', { scenarioA, scenarioB }), call('targets/list', {})])
      .then(([r, t]) => {
        if (!live) return;
        setResult(r);
        setTargets(t);
        setError(null);
      })
      .catch((err: unknown) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [scenarioA, scenarioB, dataVersion]);

  // Find is applied by the grid itself: typing in it must not rebuild the rows.
  const { orgId, roleId, staffGroup } = filter;
  const rows = useMemo<DiffRow[]>(
    () =>
      (result?.cells ?? [])
        .filter((c) => (!onlyChanged || c.changed) && matchesFilter(c, { ...NO_FILTER, orgId, roleId, staffGroup }, reference))
        .map((c) => ({
          ...c,
          key: `${c.orgId}:${c.roleId}`,
          org: names.org(c.orgId),
          role: names.role(c.roleId),
          orgShort: short.org.get(c.orgId) ?? names.org(c.orgId),
          roleShort: short.role.get(c.roleId) ?? names.role(c.roleId),
        })),
    [result, onlyChanged, orgId, roleId, staffGroup, reference, names, short],
  );
  // Totals of the differences over the rows shown (after Find, the filters and sorting).
  const totals = useCallback((shown: readonly DiffRow[]): DiffRow[] => {
    const first = shown[0];
    if (!first) return [];
    const add = (pick: (r: DiffRow) => number[]) => first.closing.map((_v, t) => shown.reduce((s, r) => s + (pick(r)[t] ?? 0), 0));
    const label = `Total (${shown.length} ${shown.length === 1 ? 'row' : 'rows'})`;
    return [
      {
        ...first,
        key: 'total',
        org: label,
        orgShort: label,
        role: '',
        roleShort: '',
        closing: add((r) => r.closing),
        demand: add((r) => r.demand),
        gap: add((r) => r.gap),
        agencyCost: add((r) => r.agencyCost),
        changed: shown.some((r) => r.changed),
      },
    ];
  }, []);
  const changedCount = result?.cells.filter((c) => c.changed).length ?? 0;

  const columnDefs = useMemo<(ColDef<DiffRow> | ColGroupDef<DiffRow>)[]>(() => {
    if (!result) return [];
    const diffCol = (y: number, i: number, kind: 'closing' | 'gap', headerName: string): ColDef<DiffRow> => ({
      colId: `${kind === 'closing' ? 's' : 'g'}${y}`,
      headerName,
      width: 108,
      type: 'rightAligned',
      cellClass: 'num',
      // A gap difference is shown as supply − demand, like every gap: + is better.
      valueGetter: (p) => (p.data ? (kind === 'gap' ? -(p.data.gap[i] ?? 0) : (p.data.closing[i] ?? 0)) : null),
      valueFormatter: (p) => (typeof p.value === 'number' ? (Math.abs(p.value) > CHANGED ? `● ${formatDelta(p.value)}` : '–') : ''),
      cellClassRules: { 'diff-changed': (p) => typeof p.value === 'number' && Math.abs(p.value) > CHANGED },
    });
    return [
      {
        headerName: 'Organisation and role',
        children: [
          {
            colId: 'org',
            field: 'orgShort',
            headerName: 'Organisation',
            pinned: 'left',
            width: 172,
            tooltipField: 'org',
            getQuickFilterText: (p) => `${p.data.org} ${p.data.orgShort}`,
          },
          {
            colId: 'role',
            field: 'roleShort',
            headerName: 'Role',
            pinned: 'left',
            width: 188,
            tooltipField: 'role',
            getQuickFilterText: (p) => `${p.data.role} ${p.data.roleShort}`,
          },
          { colId: 'changed', headerName: 'Differs', pinned: 'left', width: 84, valueGetter: (p) => (p.node?.rowPinned ? '' : p.data?.changed ? 'Yes' : 'No') },
        ],
      },
      ...result.years.map(
        (y, i): ColGroupDef<DiffRow> => ({
          headerName: `${yearLabel(y)}: ${nameB} − ${nameA}`,
          children: [diffCol(y, i, 'closing', 'Supply'), diffCol(y, i, 'gap', 'Gap')],
        }),
      ),
    ];
  }, [result, nameA, nameB]);

  const options = useMemo<DataGridOptions<DiffRow>>(
    () => ({
      columnDefs,
      quickFilterText: filter.find,
      suppressMovableColumns: true,
      suppressColumnVirtualisation: true,
      tooltipShowDelay: 300,
      defaultColDef: { sortable: true, resizable: true, suppressHeaderMenuButton: true },
      overlayNoRowsTemplate: 'No organisation and role differs between these scenarios.',
    }),
    [columnDefs, filter.find],
  );

  const picker = (label: string, value: number | null, set: (v: number) => void, id: string) => (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => set(Number(e.target.value))}>
        {scenarios.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </>
  );

  return (
    <section className="view compare" aria-labelledby="compare-heading">
      <div className="view-header">
        <h1 id="compare-heading">Compare scenarios</h1>
        <div className="compare-pickers" role="group" aria-label="Scenarios to compare">
          {picker('Compare', scenarioB, setB, 'compare-b')}
          {picker('against', scenarioA, setA, 'compare-a')}
        </div>
        <div className="view-actions">
          <ManageScenariosButton />
        </div>
      </div>
      <p role="status" className="muted status-line">
        {scenarios.length < 2
          ? 'This plan has one scenario: copy it (Manage scenarios) to have something to compare.'
          : scenarioA === scenarioB
            ? 'Choose two different scenarios.'
            : error
              ? `Could not compare: ${error}`
              : loading
                ? 'Projecting both scenarios…'
                : result
                  ? `Comparing "${nameB}" against "${nameA}" (differences are ${nameB} − ${nameA}; choose either scenario above): ${changedCount} of ${result.cells.length} organisation and role rows differ.`
                  : ''}
      </p>
      {result ? (
        <>
          <section className="panel" aria-label="Totals and targets">
            <TotalsTable result={result} nameA={nameA} nameB={nameB} />
            <TargetsTable targets={targets} a={result.targetsA} b={result.targetsB} nameA={nameA} nameB={nameB} />
          </section>
          <section className="panel compare-grid" aria-labelledby="compare-cells-heading">
            <h2 id="compare-cells-heading">
              Differences by organisation and role ({nameB} − {nameA})
            </h2>
            <p className="muted">Changed numbers are highlighted and marked ●; a plus means more supply, or a smaller shortfall, in {nameB}.</p>
            <DataGrid<DiffRow>
              rows={rows}
              label={`Differences by organisation and role, ${nameB} − ${nameA}`}
              getRowId={(r) => r.key}
              totals={totals}
              count={{ all: result.cells.length, one: 'row', many: 'rows' }}
              toolbar={
                <>
                  <FilterBar reference={reference} value={filter} onChange={setFilter} />
                  <label className="checkbox">
                    <input type="checkbox" checked={onlyChanged} onChange={(e) => setOnlyChanged(e.target.checked)} /> Only rows that differ
                  </label>
                </>
              }
              primary
              options={options}
            />
          </section>
        </>
      ) : null}
    </section>
  );
}
