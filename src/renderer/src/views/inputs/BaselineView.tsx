/**
 * The baseline: per organisation and role, FTE, headcount, establishment and age profile (the
 * plan's), with the selected scenario's leaver rate, retirement by age band and agency use.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ColDef, ColGroupDef, GridApi } from 'ag-grid-community';
import type { WorkforceRow } from '../../../../shared/api/dto';
import { baselineFields, rateFields, rateRangeFields, type WorkforceChanges } from '../../../../shared/api/schemas';
import { formatFte, formatHeads, formatMoney, formatPercent } from '../../../../shared/format';
import { AGE_BANDS, AGED_55_PLUS_FROM_BAND } from '../../../../shared/model/types';
import { call, errorMessage } from '../../api';
import { useAppState } from '../../app/AppState';
import { FilterBar, NO_FILTER } from '../../components/FilterBar';
import { ImpactStrip } from '../../components/ImpactStrip';
import { numberColumn, rangeColumn, sumBy } from '../../grid/columns';
import { EditableGrid } from '../../grid/EditableGrid';
import { numberCell, type CellParser, type EditInput } from '../../grid/edits';
import { MARKER_HINT, useFiltered, useNames, useScenarioData, ViewHeader } from './common';
import { OrganisationSharesButton } from './OrganisationShares';

type Row = WorkforceRow & { key: string; orgName: string; roleName: string; orgShort: string; roleShort: string; staffGroup: string };
type Band = 'ageProfile' | 'retirementByBand';

const rowKey = (r: { orgId: number; roleId: number }) => `${r.orgId}-${r.roleId}`;
const pct1 = (v: number) => formatPercent(v);

/** How many of a row's three ranges are set (a range is set when its low or high is). */
function rangesSet(r: WorkforceRow): number {
  const set = (low: number | null, high: number | null) => (low !== null || high !== null ? 1 : 0);
  return set(r.leaverRateLow, r.leaverRateHigh) + set(r.retirementLow, r.retirementHigh) + set(r.agencyShareLow, r.agencyShareHigh);
}

export function BaselineView() {
  const { scenarioId, reference, mutate, notify } = useAppState();
  const names = useNames(reference);
  const [filter, setFilter] = useState(NO_FILTER);
  const [selected, setSelected] = useState<Row | null>(null);
  const [current, setCurrent] = useState<Row | null>(null);
  const [adding, setAdding] = useState<{ orgId: string; roleId: string }>({ orgId: '', roleId: '' });
  const [rangesOpen, setRangesOpen] = useState(false);
  const apiRef = useRef<GridApi<Row> | null>(null);
  const load = useCallback((s: number) => call('workforce/list', { scenarioId: s }), []);
  const data = useScenarioData(load);
  const rows = useMemo<Row[] | null>(
    () =>
      data?.map((r) => ({
        ...r,
        key: rowKey(r),
        orgName: names.org(r.orgId),
        roleName: names.role(r.roleId),
        orgShort: names.orgShort(r.orgId),
        roleShort: names.roleShort(r.roleId),
        staffGroup: names.group(r.roleId),
      })) ?? null,
    [data, names],
  );
  const shown = useFiltered(rows, filter, reference);

  const parsers = useMemo(() => {
    if (scenarioId === null) return {};
    const edit = (d: Row, changes: WorkforceChanges): EditInput => ({
      channel: 'workforce/update',
      input: { scenarioId, orgId: d.orgId, roleId: d.roleId, changes },
    });
    const field = <K extends 'fte' | 'headcount' | 'establishment' | 'leaverRate' | 'agencyShare' | 'agencyCostPerFte'>(
      key: K,
      schema: (typeof baselineFields.shape & typeof rateFields.shape)[K],
      label: string,
      percent = false,
    ): CellParser<Row> => numberCell<Row>(schema, (d, v) => ({ draft: { ...d, [key]: v ?? 0 }, edit: edit(d, { [key]: v ?? 0 }) }), { percent, label });
    const band = (which: Band, i: number, label: string): CellParser<Row> =>
      numberCell<Row>(
        rateFields.shape.agencyShare,
        (d, v) => {
          const bands = d[which].map((x, j) => (j === i ? (v ?? 0) : x));
          return { draft: { ...d, [which]: bands }, edit: edit(d, { [which]: bands }) };
        },
        { percent: true, label },
      );
    const out: Record<string, CellParser<Row>> = {
      fte: field('fte', baselineFields.shape.fte, 'FTE'),
      headcount: field('headcount', baselineFields.shape.headcount, 'Headcount'),
      establishment: field('establishment', baselineFields.shape.establishment, 'Establishment'),
      leaverRate: field('leaverRate', rateFields.shape.leaverRate, 'Leaver rate', true),
      agencyShare: field('agencyShare', rateFields.shape.agencyShare, 'Agency share', true),
      agencyCostPerFte: field('agencyCostPerFte', rateFields.shape.agencyCostPerFte, 'Agency cost per FTE'),
    };
    const range = (key: keyof typeof rateRangeFields.shape, label: string): CellParser<Row> =>
      numberCell<Row>(rateRangeFields.shape[key], (d, v) => ({ draft: { ...d, [key]: v }, edit: edit(d, { [key]: v }) }), {
        percent: true,
        blank: 'clear',
        label,
      });
    out.leaverRateLow = range('leaverRateLow', 'Low leaver rate');
    out.leaverRateHigh = range('leaverRateHigh', 'High leaver rate');
    out.retirementLow = range('retirementLow', 'Low retirement');
    out.retirementHigh = range('retirementHigh', 'High retirement');
    out.agencyShareLow = range('agencyShareLow', 'Low agency share');
    out.agencyShareHigh = range('agencyShareHigh', 'High agency share');
    AGE_BANDS.forEach((b, i) => {
      out[`age${i}`] = band('ageProfile', i, `Aged ${b}`);
      out[`ret${i}`] = band('retirementByBand', i, `Retirement ${b}`);
    });
    return out;
  }, [scenarioId]);

  const columnDefs = useMemo<(ColDef<Row> | ColGroupDef<Row>)[]>(() => {
    const bandCols = (which: Band, prefix: string, note: string): ColDef<Row>[] =>
      AGE_BANDS.map((b, i) =>
        numberColumn<Row>({
          colId: `${prefix}${i}`,
          headerName: b,
          width: 92,
          noteField: note,
          valueGetter: (p) => (p.node?.rowPinned ? null : (p.data?.[which][i] ?? null)),
          format: pct1,
        }),
      );
    return [
      {
        headerName: 'Workforce',
        children: [
          {
            colId: 'orgName',
            field: 'orgShort',
            headerName: 'Organisation',
            pinned: 'left',
            width: 172,
            tooltipField: 'orgName',
            getQuickFilterText: (p) => `${p.data.orgName} ${p.data.orgShort}`,
          },
          {
            colId: 'roleName',
            field: 'roleShort',
            headerName: 'Role',
            pinned: 'left',
            width: 188,
            tooltipField: 'roleName',
            getQuickFilterText: (p) => `${p.data.roleName} ${p.data.roleShort}`,
          },
          { field: 'staffGroup', headerName: 'Staff group', width: 200, tooltipField: 'staffGroup' },
        ],
      },
      {
        headerName: 'Baseline (plan)',
        children: [
          numberColumn<Row>({ field: 'fte', headerName: 'FTE', format: formatFte }),
          numberColumn<Row>({ field: 'headcount', headerName: 'Headcount', format: formatHeads }),
          numberColumn<Row>({ field: 'establishment', headerName: 'Establishment', format: formatFte, width: 130 }),
          numberColumn<Row>({
            colId: 'vacancy',
            headerName: 'Vacancy rate',
            headerTooltip: 'Derived: (establishment − FTE) ÷ establishment',
            editable: false,
            width: 110,
            valueGetter: (p) => {
              const d = p.data;
              return d && d.establishment > 0 ? (d.establishment - d.fte) / d.establishment : null;
            },
            format: pct1,
          }),
          numberColumn<Row>({
            colId: 'aged55',
            headerName: 'Aged 55+',
            headerTooltip: 'Derived from the age profile',
            editable: false,
            width: 100,
            valueGetter: (p) => (p.data && !p.node?.rowPinned ? p.data.ageProfile.slice(AGED_55_PLUS_FROM_BAND).reduce((s, v) => s + v, 0) : null),
            format: pct1,
          }),
        ],
      },
      {
        headerName: 'Rates (this scenario)',
        children: [
          numberColumn<Row>({ field: 'leaverRate', headerName: 'Leaver rate', format: pct1 }),
          numberColumn<Row>({ field: 'agencyShare', headerName: 'Agency share', format: pct1 }),
          numberColumn<Row>({ field: 'agencyCostPerFte', headerName: 'Agency cost per FTE', format: formatMoney, width: 130 }),
        ],
      },
      {
        // Closed by default (Show ranges opens it): a grid with every range column open is too wide to scroll smoothly.
        groupId: 'ranges',
        headerName: 'Ranges (this scenario; blank = the central value)',
        headerTooltip: 'Low and high values for the simulation: open the group, or use Show ranges',
        openByDefault: false,
        children: [
          {
            colId: 'rangesSet',
            headerName: 'Ranges set',
            headerTooltip: 'How many of this row’s three ranges (leaver rate, retirement, agency share) are set: Show ranges to edit them',
            columnGroupShow: 'closed',
            width: 110,
            editable: false,
            valueGetter: (p) => (p.data && !p.node?.rowPinned ? rangesSet(p.data) : null),
            valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : p.value === 0 ? '–' : `${String(p.value)} of 3`),
          },
          ...[
            rangeColumn<Row>('leaverRateLow', 'Leaver rate low', 'leaverRateRange', 'The lowest leaver rate you think likely: at most the central rate'),
            rangeColumn<Row>('leaverRateHigh', 'Leaver rate high', 'leaverRateRange', 'The highest leaver rate you think likely: at least the central rate'),
            rangeColumn<Row>(
              'retirementLow',
              'Retirement low',
              'retirementRange',
              'Every age band’s retirement probability × this share at the low end (at most 100 %)',
              110,
            ),
            rangeColumn<Row>(
              'retirementHigh',
              'Retirement high',
              'retirementRange',
              'Every age band’s retirement probability × this share at the high end (at least 100 %)',
              110,
            ),
            rangeColumn<Row>(
              'agencyShareLow',
              'Agency share low',
              'agencyShareRange',
              'The lowest agency share you think likely: at most the central share',
              110,
            ),
            rangeColumn<Row>(
              'agencyShareHigh',
              'Agency share high',
              'agencyShareRange',
              'The highest agency share you think likely: at least the central share',
              110,
            ),
          ].map((c): ColDef<Row> => ({ ...c, columnGroupShow: 'open' })),
        ],
      },
      { headerName: 'Age profile (share of FTE by age band; must add up to 100%)', children: bandCols('ageProfile', 'age', 'ageProfile') },
      { headerName: 'Retirement probability by age band (a year)', children: bandCols('retirementByBand', 'ret', 'retirementByBand') },
    ];
  }, []);

  const totals = useCallback((shown: readonly Row[]): Row[] => {
    const base = shown[0];
    if (!base) return [];
    const label = `Total (${shown.length} ${shown.length === 1 ? 'row' : 'rows'})`;
    return [
      {
        ...base,
        key: 'total',
        orgName: label,
        orgShort: label,
        roleName: '',
        roleShort: '',
        staffGroup: '',
        fte: sumBy(shown, (x) => x.fte),
        headcount: sumBy(shown, (x) => x.headcount),
        establishment: sumBy(shown, (x) => x.establishment),
        leaverRate: null as unknown as number,
        agencyShare: null as unknown as number,
        agencyCostPerFte: null as unknown as number,
        leaverRateLow: null,
        leaverRateHigh: null,
        retirementLow: null,
        retirementHigh: null,
        agencyShareLow: null,
        agencyShareHigh: null,
        assumptions: {},
      },
    ];
  }, []);
  const impactScope = useMemo(() => (current ? { orgId: current.orgId, roleId: current.roleId } : null), [current]);

  const add = async () => {
    if (scenarioId === null || adding.orgId === '' || adding.roleId === '') return;
    try {
      await mutate(() => call('workforce/create', { scenarioId, orgId: Number(adding.orgId), roleId: Number(adding.roleId) }));
      notify('info', `Added ${names.role(Number(adding.roleId))} at ${names.org(Number(adding.orgId))} to the baseline with zero FTE: fill in its numbers.`);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };
  const remove = async () => {
    if (!selected) return;
    if (!window.confirm(`Remove ${selected.roleName} at ${selected.orgName} from the baseline and from every scenario's rates?`)) return;
    try {
      await mutate(() => call('workforce/delete', { orgId: selected.orgId, roleId: selected.roleId }));
      notify('info', `Removed ${selected.roleName} at ${selected.orgName}. Undo (Ctrl+Z) brings it back.`);
      setSelected(null);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  const toggleRanges = () => {
    const next = !rangesOpen;
    setRangesOpen(next);
    apiRef.current?.setColumnGroupOpened('ranges', next);
  };

  return (
    <section className="view" aria-labelledby="baseline-heading">
      <ViewHeader
        id="baseline-heading"
        title="Baseline"
        lede={
          <>
            The workforce you start from, by organisation and role, and how fast it leaves. FTE, headcount, establishment and age profile belong to the plan;
            rates belong to the selected scenario. Paste a block from Excel with Ctrl+V. {MARKER_HINT}
          </>
        }
        actions={
          <>
            <label className="inline-field">
              <span>Organisation</span>
              <select value={adding.orgId} onChange={(e) => setAdding({ ...adding, orgId: e.target.value })}>
                <option value="">Choose…</option>
                {reference.organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline-field">
              <span>Role</span>
              <select value={adding.roleId} onChange={(e) => setAdding({ ...adding, roleId: e.target.value })}>
                <option value="">Choose…</option>
                {reference.roles.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="button" disabled={adding.orgId === '' || adding.roleId === ''} onClick={() => void add()}>
              Add row
            </button>
            <button type="button" className="button button-secondary" disabled={!selected} onClick={() => void remove()}>
              Remove row
            </button>
            <OrganisationSharesButton />
            <button type="button" className="button button-secondary" aria-pressed={rangesOpen} onClick={toggleRanges}>
              {rangesOpen ? 'Hide ranges' : 'Show ranges'}
            </button>
          </>
        }
      />
      <EditableGrid<Row>
        view="Baseline"
        label="Baseline workforce"
        rows={shown}
        columnDefs={columnDefs}
        parsers={parsers}
        getRowId={(r) => r.key}
        rowName={(r) => `${r.roleName} at ${r.orgName}`}
        totals={totals}
        count={rows ? { all: rows.length, one: 'row', many: 'rows' } : undefined}
        toolbar={<FilterBar reference={reference} value={filter} onChange={setFilter} />}
        primary
        quickFilterText={filter.find}
        noRowsText="No baseline rows match: clear the filters, or add a row."
        onSelect={setSelected}
        onCurrentRow={setCurrent}
        onReady={(api) => {
          apiRef.current = api;
        }}
        onColumnGroupOpened={(open) => setRangesOpen(open)}
        virtualColumns
      />
      <ImpactStrip scope={impactScope} what={current ? `${current.roleName} at ${current.orgName}` : ''} />
    </section>
  );
}
