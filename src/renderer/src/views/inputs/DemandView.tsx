/**
 * Demand: growth drivers (a % growth over a span of years, for all of the system or one
 * organisation, role or staff group) and explicit changes (a step of ± FTE from a year on).
 */
import { useCallback, useMemo, useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { DemandChangeRow, GrowthDriverRow } from '../../../../shared/api/dto';
import { demandChangeFields, driverFields, driverRangeFields } from '../../../../shared/api/schemas';
import { formatFte, formatPercent, yearLabel } from '../../../../shared/format';
import { call, errorMessage } from '../../api';
import { useAppState } from '../../app/AppState';
import { FilterBar, matchesFilter, NO_FILTER } from '../../components/FilterBar';
import { ImpactStrip, type ImpactScope } from '../../components/ImpactStrip';
import { cellWithMarker, choiceColumn, numberColumn, planYears, rangeColumn, sumBy } from '../../grid/columns';
import { EditableGrid } from '../../grid/EditableGrid';
import { choiceCell, numberCell, textCell, yearCell, type CellParser, type EditInput } from '../../grid/edits';
import { MARKER_HINT, useNames, useScenarioData, ViewHeader } from './common';

type DriverRow = GrowthDriverRow & { orgName: string; roleName: string; groupName: string; startLabel: string; endLabel: string };
type ChangeRow = DemandChangeRow & { orgName: string; roleName: string; yearLabel: string };

const ALL = 'All';

export function DemandView() {
  const { plan, scenarioId, reference, mutate, notify } = useAppState();
  const names = useNames(reference);
  const [filter, setFilter] = useState(NO_FILTER);
  const [selectedDriver, setSelectedDriver] = useState<DriverRow | null>(null);
  const [selectedChange, setSelectedChange] = useState<ChangeRow | null>(null);
  const [current, setCurrent] = useState<{ scope: ImpactScope; what: string } | null>(null);
  const load = useCallback((s: number) => call('demand/list', { scenarioId: s }), []);
  const data = useScenarioData(load);
  const groups = useMemo(() => [...new Set(reference.roles.map((r) => r.staffGroup))].sort(), [reference]);

  const drivers = useMemo<DriverRow[] | null>(
    () =>
      data?.drivers
        .map((d) => ({
          ...d,
          orgName: d.orgId === null ? ALL : names.org(d.orgId),
          roleName: d.roleId === null ? ALL : names.role(d.roleId),
          groupName: d.staffGroup ?? ALL,
          startLabel: yearLabel(d.startYear),
          endLabel: yearLabel(d.endYear),
        }))
        // A driver for "all" organisations or roles applies under any filter.
        .filter((d) => {
          if (filter.orgId !== null && d.orgId !== null && d.orgId !== filter.orgId) return false;
          if (filter.roleId !== null && d.roleId !== null && d.roleId !== filter.roleId) return false;
          if (filter.staffGroup !== null && d.staffGroup !== null && d.staffGroup !== filter.staffGroup) return false;
          return true;
        }) ?? null,
    [data, names, filter],
  );
  const changes = useMemo<ChangeRow[] | null>(
    () =>
      data?.changes
        .map((c) => ({ ...c, orgName: names.org(c.orgId), roleName: names.role(c.roleId), yearLabel: yearLabel(c.year) }))
        .filter((c) => matchesFilter(c, filter, reference)) ?? null,
    [data, names, filter, reference],
  );

  const driverParsers = useMemo(() => {
    const edit = (d: DriverRow, changes: Partial<Omit<GrowthDriverRow, 'id' | 'assumptions'>>): EditInput => ({
      channel: 'demand/update-driver',
      input: { driverId: d.id, changes },
    });
    const orgChoices = [{ key: 0, label: ALL }, ...names.orgChoices];
    const roleChoices = [{ key: 0, label: ALL }, ...names.roleChoices];
    const groupChoices = [{ key: '', label: ALL }, ...groups.map((g) => ({ key: g, label: g }))];
    const out: Record<string, CellParser<DriverRow>> = {
      name: textCell<DriverRow>(driverFields.shape.name, (d, v) => ({ draft: { ...d, name: v }, edit: edit(d, { name: v }) })),
      growth: numberCell<DriverRow>(driverFields.shape.growth, (d, v) => ({ draft: { ...d, growth: v ?? 0 }, edit: edit(d, { growth: v ?? 0 }) }), {
        percent: true,
        label: 'Growth',
      }),
      startLabel: yearCell<DriverRow>(driverFields.shape.startYear, (d, y) => ({ draft: { ...d, startYear: y }, edit: edit(d, { startYear: y }) })),
      endLabel: yearCell<DriverRow>(driverFields.shape.endYear, (d, y) => ({ draft: { ...d, endYear: y }, edit: edit(d, { endYear: y }) })),
      orgName: choiceCell<DriverRow, number>(
        orgChoices,
        (d, k) => ({ draft: { ...d, orgId: k || null }, edit: edit(d, { orgId: k || null }) }),
        'organisation',
      ),
      roleName: choiceCell<DriverRow, number>(roleChoices, (d, k) => ({ draft: { ...d, roleId: k || null }, edit: edit(d, { roleId: k || null }) }), 'role'),
      groupName: choiceCell<DriverRow, string>(
        groupChoices,
        (d, k) => ({ draft: { ...d, staffGroup: k || null }, edit: edit(d, { staffGroup: k || null }) }),
        'staff group',
      ),
      growthLow: numberCell<DriverRow>(driverRangeFields.shape.growthLow, (d, v) => ({ draft: { ...d, growthLow: v }, edit: edit(d, { growthLow: v }) }), {
        percent: true,
        blank: 'clear',
        label: 'Low growth',
      }),
      growthHigh: numberCell<DriverRow>(driverRangeFields.shape.growthHigh, (d, v) => ({ draft: { ...d, growthHigh: v }, edit: edit(d, { growthHigh: v }) }), {
        percent: true,
        blank: 'clear',
        label: 'High growth',
      }),
    };
    return out;
  }, [names, groups]);

  const changeParsers = useMemo(() => {
    const edit = (d: ChangeRow, changes: Partial<Pick<DemandChangeRow, 'orgId' | 'roleId' | 'year' | 'deltaFte' | 'description'>>): EditInput => ({
      channel: 'demand/update-change',
      input: { changeId: d.id, changes },
    });
    const out: Record<string, CellParser<ChangeRow>> = {
      orgName: choiceCell<ChangeRow, number>(names.orgChoices, (d, k) => ({ draft: { ...d, orgId: k }, edit: edit(d, { orgId: k }) }), 'organisation'),
      roleName: choiceCell<ChangeRow, number>(names.roleChoices, (d, k) => ({ draft: { ...d, roleId: k }, edit: edit(d, { roleId: k }) }), 'role'),
      yearLabel: yearCell<ChangeRow>(demandChangeFields.shape.year, (d, y) => ({ draft: { ...d, year: y }, edit: edit(d, { year: y }) })),
      deltaFte: numberCell<ChangeRow>(
        demandChangeFields.shape.deltaFte,
        (d, v) => ({ draft: { ...d, deltaFte: v ?? 0 }, edit: edit(d, { deltaFte: v ?? 0 }) }),
        { label: 'Change (FTE)' },
      ),
      description: textCell<ChangeRow>(demandChangeFields.shape.description, (d, v) => ({
        draft: { ...d, description: v },
        edit: edit(d, { description: v }),
      })),
    };
    return out;
  }, [names]);

  const yearValues = useMemo(() => planYears(plan, 5).map(yearLabel), [plan]);

  const driverCols = useMemo<ColDef<DriverRow>[]>(() => {
    const select = (field: Extract<keyof DriverRow, string>, headerName: string, values: string[], width: number) =>
      choiceColumn<DriverRow>(field, headerName, values, width);
    return [
      { field: 'name', headerName: 'Driver', editable: true, pinned: 'left', width: 300, tooltipField: 'name', cellRenderer: cellWithMarker<DriverRow>() },
      numberColumn<DriverRow>({ field: 'growth', headerName: 'Growth over the period', width: 130, format: formatPercent }),
      rangeColumn<DriverRow>(
        'growthLow',
        'Growth low',
        'growthRange',
        'The lowest growth you think likely: at most the central growth; blank = the central growth',
        100,
      ),
      rangeColumn<DriverRow>(
        'growthHigh',
        'Growth high',
        'growthRange',
        'The highest growth you think likely: at least the central growth; blank = the central growth',
        100,
      ),
      select('startLabel', 'From', yearValues, 100),
      select('endLabel', 'To', yearValues, 100),
      select('orgName', 'Organisation', [ALL, ...names.orgChoices.map((c) => c.label)], 220),
      select('roleName', 'Role', [ALL, ...names.roleChoices.map((c) => c.label)], 200),
      select('groupName', 'Staff group', [ALL, ...groups], 170),
    ];
  }, [names, groups, yearValues]);

  const changeCols = useMemo<ColDef<ChangeRow>[]>(
    () => [
      choiceColumn<ChangeRow>(
        'orgName',
        'Organisation',
        names.orgChoices.map((c) => c.label),
        230,
        { pinned: 'left' },
      ),
      choiceColumn<ChangeRow>(
        'roleName',
        'Role',
        names.roleChoices.map((c) => c.label),
        200,
      ),
      choiceColumn<ChangeRow>('yearLabel', 'From year', yearValues, 100),
      numberColumn<ChangeRow>({ field: 'deltaFte', headerName: 'Change (FTE)', width: 120, format: (v) => (v > 0 ? `+${formatFte(v)}` : formatFte(v)) }),
      {
        field: 'description',
        headerName: 'Description',
        editable: (p) => !p.node.rowPinned,
        flex: 1,
        minWidth: 300,
        tooltipField: 'description',
        cellRenderer: cellWithMarker<ChangeRow>(),
      },
    ],
    [names, yearValues],
  );

  const changeTotals = useCallback((shown: readonly ChangeRow[]): ChangeRow[] => {
    const base = shown[0];
    if (!base) return [];
    return [
      {
        ...base,
        id: -1,
        orgName: `Total (${shown.length} ${shown.length === 1 ? 'change' : 'changes'})`,
        roleName: '',
        yearLabel: '',
        description: '',
        deltaFte: sumBy(shown, (x) => x.deltaFte),
        assumptions: {},
      },
    ];
  }, []);
  const onDriverRow = useCallback((d: DriverRow | null) => {
    if (!d) return;
    const parts = [
      d.orgId === null ? 'all organisations' : d.orgName,
      d.roleId === null ? (d.staffGroup === null ? 'all roles' : `all ${d.staffGroup} roles`) : d.roleName,
    ];
    setCurrent({ scope: { orgId: d.orgId, roleId: d.roleId, staffGroup: d.staffGroup }, what: `${parts[1]}, ${parts[0]} (what “${d.name}” covers)` });
  }, []);
  const onChangeRow = useCallback((c: ChangeRow | null) => {
    if (c) setCurrent({ scope: { orgId: c.orgId, roleId: c.roleId }, what: `${c.roleName} at ${c.orgName}` });
  }, []);

  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await mutate(work);
      notify('info', done);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };
  const org = () => filter.orgId ?? reference.organisations[0]?.id;
  const role = () => filter.roleId ?? reference.roles[0]?.id;
  const addDriver = () => {
    if (scenarioId === null || !plan) return;
    const fields = {
      name: 'New growth driver',
      growth: 0,
      startYear: plan.baseYear,
      endYear: plan.horizonYear,
      orgId: filter.orgId,
      roleId: filter.roleId,
      staffGroup: filter.staffGroup,
    };
    void act(() => call('demand/create-driver', { scenarioId, fields }), 'Added "New growth driver" with 0% growth: set its growth, years and scope.');
  };
  const addChange = () => {
    const o = org();
    const r = role();
    if (scenarioId === null || !plan || o === undefined || r === undefined) return;
    void act(
      () => call('demand/create-change', { scenarioId, fields: { orgId: o, roleId: r, year: plan.baseYear + 1, deltaFte: 0, description: '' } }),
      `Added a change of 0 FTE for ${names.role(r)} at ${names.org(o)}: set its year, size and description.`,
    );
  };

  return (
    <section className="view" aria-labelledby="demand-heading">
      <ViewHeader
        id="demand-heading"
        title="Demand"
        lede={
          <>
            How many FTE the system will need: growth drivers spread a % growth over a span of years; explicit changes add or remove FTE from a year on. Both
            belong to the selected scenario. {MARKER_HINT}
          </>
        }
      />
      <FilterBar reference={reference} value={filter} onChange={setFilter} />
      <div className="split-grids">
        <div className="split-grid">
          <div className="subheader">
            <h2>Growth drivers</h2>
            <button type="button" className="button" onClick={addDriver}>
              Add driver
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={!selectedDriver}
              onClick={() =>
                selectedDriver &&
                void act(() => call('demand/delete-driver', { driverId: selectedDriver.id }), `Deleted "${selectedDriver.name}". Undo (Ctrl+Z) brings it back.`)
              }
            >
              Delete driver
            </button>
          </div>
          <EditableGrid<DriverRow>
            view="Demand (growth drivers)"
            label="Growth drivers"
            rows={drivers}
            columnDefs={driverCols}
            parsers={driverParsers}
            getRowId={(r) => String(r.id)}
            rowName={(r) => r.name}
            quickFilterText={filter.find}
            noRowsText="No growth drivers: demand stays at the baseline establishment unless you add one."
            onSelect={setSelectedDriver}
            onCurrentRow={onDriverRow}
            count={data ? { all: data.drivers.length, one: 'driver', many: 'drivers' } : undefined}
            primary
            height="half"
          />
        </div>
        <div className="split-grid">
          <div className="subheader">
            <h2>Explicit changes</h2>
            <button type="button" className="button" onClick={addChange}>
              Add change
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={!selectedChange}
              onClick={() =>
                selectedChange &&
                void act(
                  () => call('demand/delete-change', { changeId: selectedChange.id }),
                  `Deleted the change for ${selectedChange.roleName} at ${selectedChange.orgName}. Undo (Ctrl+Z) brings it back.`,
                )
              }
            >
              Delete change
            </button>
          </div>
          <EditableGrid<ChangeRow>
            view="Demand (explicit changes)"
            label="Explicit demand changes"
            rows={changes}
            columnDefs={changeCols}
            parsers={changeParsers}
            getRowId={(r) => String(r.id)}
            rowName={(r) => `${r.roleName} at ${r.orgName}, ${r.yearLabel}`}
            totals={changeTotals}
            count={data ? { all: data.changes.length, one: 'change', many: 'changes' } : undefined}
            quickFilterText={filter.find}
            noRowsText="No explicit changes match: clear the filters, or add one."
            onSelect={setSelectedChange}
            onCurrentRow={onChangeRow}
            height="half"
          />
        </div>
      </div>
      <ImpactStrip scope={current?.scope ?? null} what={current?.what ?? ''} />
    </section>
  );
}
