/**
 * Other joiners: people who join without a modelled pipeline (international recruits, return
 * to practice, the labour market), FTE per financial year, by organisation and role.
 */
import { useCallback, useMemo, useState } from 'react';
import type { ColDef, ColGroupDef } from 'ag-grid-community';
import type { OtherJoinerRow } from '../../../../shared/api/dto';
import { joinerFte, joinerRangeFields } from '../../../../shared/api/schemas';
import { formatFte, yearLabel } from '../../../../shared/format';
import { AGE_BANDS, OTHER_JOINER_KINDS, type OtherJoinerKind } from '../../../../shared/model/types';
import { call, errorMessage } from '../../api';
import { useAppState } from '../../app/AppState';
import { FilterBar, NO_FILTER } from '../../components/FilterBar';
import { ImpactStrip } from '../../components/ImpactStrip';
import { choiceColumn, numberColumn, planYears, rangeColumn, sumBy, yearColId } from '../../grid/columns';
import { EditableGrid } from '../../grid/EditableGrid';
import { choiceCell, numberCell, type CellParser } from '../../grid/edits';
import { MARKER_HINT, useFiltered, useNames, useScenarioData, ViewHeader } from './common';

export const JOINER_KIND_LABELS: Record<OtherJoinerKind, string> = {
  international: 'International recruitment',
  'return-to-practice': 'Return to practice',
  'labour-market': 'Labour market',
};
const KIND_CHOICES = OTHER_JOINER_KINDS.map((k) => ({ key: k, label: JOINER_KIND_LABELS[k] }));
const BAND_CHOICES = AGE_BANDS.map((b, i) => ({ key: i, label: b }));

type Row = OtherJoinerRow & { orgName: string; roleName: string; kindLabel: string; bandLabel: string };

export function JoinersView() {
  const { plan, scenarioId, reference, mutate, notify } = useAppState();
  const names = useNames(reference);
  const [filter, setFilter] = useState(NO_FILTER);
  const [selected, setSelected] = useState<Row | null>(null);
  const [current, setCurrent] = useState<Row | null>(null);
  const load = useCallback((s: number) => call('joiners/list', { scenarioId: s }), []);
  const data = useScenarioData(load);
  const rows = useMemo<Row[] | null>(
    () =>
      data?.map((r) => ({
        ...r,
        orgName: names.org(r.orgId),
        roleName: names.role(r.roleId),
        kindLabel: JOINER_KIND_LABELS[r.kind],
        bandLabel: AGE_BANDS[r.entrantAgeBand] ?? '',
      })) ?? null,
    [data, names],
  );
  const shown = useFiltered(rows, filter, reference);
  const years = useMemo(() => planYears(plan), [plan]);

  const parsers = useMemo(() => {
    const update =
      <K extends 'kind' | 'orgId' | 'roleId' | 'entrantAgeBand'>(key: K) =>
      (d: Row, v: Row[K]) => ({
        draft: { ...d, [key]: v },
        edit: { channel: 'joiners/update' as const, input: { joinerId: d.id, changes: { [key]: v } } },
      });
    const out: Record<string, CellParser<Row>> = {
      kindLabel: choiceCell<Row, OtherJoinerKind>(KIND_CHOICES, update('kind'), 'kind of joiner'),
      orgName: choiceCell<Row, number>(names.orgChoices, update('orgId'), 'organisation'),
      roleName: choiceCell<Row, number>(names.roleChoices, update('roleId'), 'role'),
      bandLabel: choiceCell<Row, number>(BAND_CHOICES, update('entrantAgeBand'), 'age band'),
    };
    for (const [key, label] of [
      ['fteLow', 'Low joiners'],
      ['fteHigh', 'High joiners'],
    ] as const) {
      out[key] = numberCell<Row>(
        joinerRangeFields.shape[key],
        (d, v) => ({ draft: { ...d, [key]: v }, edit: { channel: 'joiners/update', input: { joinerId: d.id, changes: { [key]: v } } } }),
        { percent: true, blank: 'clear', label },
      );
    }
    for (const y of years) {
      out[yearColId(y)] = numberCell<Row>(
        joinerFte,
        (d, v) => {
          const fteByYear = { ...d.fteByYear };
          if (v === null) delete fteByYear[y];
          else fteByYear[y] = v;
          return { draft: { ...d, fteByYear }, edit: { channel: 'joiners/set-fte', input: { joinerId: d.id, year: y, fte: v } } };
        },
        { blank: 'clear', label: yearLabel(y) },
      );
    }
    return out;
  }, [names, years]);

  const columnDefs = useMemo<(ColDef<Row> | ColGroupDef<Row>)[]>(() => {
    const select = (field: 'kindLabel' | 'orgName' | 'roleName' | 'bandLabel', headerName: string, values: string[], width: number, pinned = false) =>
      choiceColumn<Row>(field, headerName, values, width, pinned ? { pinned: 'left' } : {});
    return [
      {
        headerName: 'Joiners',
        children: [
          select(
            'kindLabel',
            'Kind',
            KIND_CHOICES.map((c) => c.label),
            200,
            true,
          ),
          select(
            'orgName',
            'Organisation',
            names.orgChoices.map((c) => c.label),
            230,
          ),
          select(
            'roleName',
            'Role',
            names.roleChoices.map((c) => c.label),
            200,
          ),
          select(
            'bandLabel',
            'Joining aged',
            BAND_CHOICES.map((c) => c.label),
            120,
          ),
        ],
      },
      {
        headerName: 'Range (share of the FTE entered)',
        children: [
          rangeColumn<Row>('fteLow', 'Low', 'fteRange', 'Every year’s FTE × this share at the low end (at most 100 %); blank = as entered', 90),
          rangeColumn<Row>('fteHigh', 'High', 'fteRange', 'Every year’s FTE × this share at the high end (at least 100 %); blank = as entered', 90),
        ],
      },
      {
        headerName: 'Joiners (FTE) by financial year',
        children: years.map((y) =>
          numberColumn<Row>({
            colId: yearColId(y),
            headerName: yearLabel(y),
            width: 92,
            noteField: 'fteByYear',
            valueGetter: (p) => p.data?.fteByYear[y] ?? null,
            format: formatFte,
            empty: '–',
          }),
        ),
      },
    ];
  }, [names, years]);

  const totals = useCallback(
    (shown: readonly Row[]): Row[] => {
      const base = shown[0];
      if (!base) return [];
      const fteByYear: Record<number, number> = {};
      for (const y of years) fteByYear[y] = sumBy(shown, (x) => x.fteByYear[y]);
      return [
        {
          ...base,
          id: -1,
          kindLabel: `Total (${shown.length} ${shown.length === 1 ? 'row' : 'rows'})`,
          orgName: '',
          roleName: '',
          bandLabel: '',
          fteByYear,
          fteLow: null,
          fteHigh: null,
          assumptions: {},
        },
      ];
    },
    [years],
  );
  const impactScope = useMemo(() => (current ? { orgId: current.orgId, roleId: current.roleId } : null), [current]);

  const add = async () => {
    const org = filter.orgId ?? reference.organisations[0]?.id;
    const role = filter.roleId ?? reference.roles[0]?.id;
    if (scenarioId === null || org === undefined || role === undefined) return;
    try {
      await mutate(() => call('joiners/create', { scenarioId, fields: { kind: 'international', orgId: org, roleId: role, entrantAgeBand: 2 } }));
      notify('info', `Added an international recruitment row for ${names.role(role)} at ${names.org(org)}: set its kind and FTE by year.`);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };
  const remove = async () => {
    if (!selected) return;
    try {
      await mutate(() => call('joiners/delete', { joinerId: selected.id }));
      notify('info', `Deleted the ${selected.kindLabel.toLowerCase()} row for ${selected.roleName} at ${selected.orgName}. Undo (Ctrl+Z) brings it back.`);
      setSelected(null);
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  return (
    <section className="view" aria-labelledby="joiners-heading">
      <ViewHeader
        id="joiners-heading"
        title="Other joiners"
        lede={<>People who join without a modelled pipeline, in FTE per financial year (this scenario). A blank year means none. {MARKER_HINT}</>}
        actions={
          <>
            <button type="button" className="button" onClick={() => void add()}>
              Add joiners
            </button>
            <button type="button" className="button button-secondary" disabled={!selected} onClick={() => void remove()}>
              Delete joiners
            </button>
          </>
        }
      />
      <EditableGrid<Row>
        view="Other joiners"
        label="Other joiners"
        rows={shown}
        columnDefs={columnDefs}
        parsers={parsers}
        getRowId={(r) => String(r.id)}
        rowName={(r) => `${r.kindLabel}, ${r.roleName} at ${r.orgName}`}
        totals={totals}
        count={rows ? { all: rows.length, one: 'row', many: 'rows' } : undefined}
        toolbar={<FilterBar reference={reference} value={filter} onChange={setFilter} />}
        primary
        quickFilterText={filter.find}
        noRowsText="No other joiners match: clear the filters, or add joiners."
        onSelect={setSelected}
        onCurrentRow={setCurrent}
      />
      <ImpactStrip scope={impactScope} what={current ? `${current.roleName} at ${current.orgName}` : ''} />
    </section>
  );
}
