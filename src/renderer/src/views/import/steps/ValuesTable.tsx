/** The check step's values: each organisation, role, staff group and pipeline named in the file, and what it is in the plan. */
import { useMemo, useState } from 'react';
import { own } from '../../../../../shared/own';
import type { ImportMapping, ImportReport, ValueChoice } from '../../../../../shared/api/channels/import';
import type { PipelineRow } from '../../../../../shared/api/dto';
import { DataTable } from '../../../components/DataTable';
import { KEEP, SKIP, UNSET } from '../use-import';

interface ValuesProps {
  report: ImportReport;
  mapping: ImportMapping;
  organisations: { id: number; code: string; name: string }[];
  roles: { id: number; code: string; name: string }[];
  pipelines: PipelineRow[];
  onChange: (choice: ValueChoice, v: string) => void;
}

const KIND_LABEL: Record<ValueChoice['kind'], string> = { org: 'Organisation', role: 'Role', staffGroup: 'Staff group', pipeline: 'Pipeline' };

export function ValuesTable({ report, mapping, organisations, roles, pipelines, onChange }: ValuesProps) {
  const [showAll, setShowAll] = useState(false);
  const rows = useMemo(() => {
    const sorted = [...report.values].sort((a, b) => {
      const mapped = (c: ValueChoice) => (c.kind === 'org' ? own(mapping.values.org, c.value) !== null : true);
      return Number(mapped(b)) - Number(mapped(a)) || a.kind.localeCompare(b.kind) || a.value.localeCompare(b.value);
    });
    return showAll ? sorted : sorted.slice(0, 60);
  }, [report.values, mapping.values, showAll]);
  if (report.values.length === 0) return null;
  const roleName = new Map(roles.map((r) => [r.id, `${r.code} ${r.name}`]));

  /** The value's current choice in the select, and the plan's choices for its kind. */
  const choices = (c: ValueChoice): { current: string; options: { value: string; label: string }[] } => {
    const chosen = (v: number | null | undefined) => (v === undefined ? UNSET : v === null ? SKIP : String(v));
    const roleOptions = () => roles.map((r) => ({ value: String(r.id), label: `${r.code} ${r.name}` }));
    if (c.kind === 'org')
      return { current: chosen(own(mapping.values.org, c.value)), options: organisations.map((o) => ({ value: String(o.id), label: `${o.code} ${o.name}` })) };
    if (c.kind === 'role') return { current: chosen(own(mapping.values.role, c.value)), options: roleOptions() };
    if (c.kind === 'pipeline')
      return { current: chosen(own(mapping.values.pipeline, c.value)), options: pipelines.map((p) => ({ value: String(p.id), label: p.name })) };
    const v = own(mapping.values.staffGroup, c.value);
    const current = v === undefined ? UNSET : v === null ? SKIP : v.length === 1 && v[0]!.share === 1 ? String(v[0]!.roleId) : KEEP;
    const options = roleOptions();
    if (current === KEEP && v)
      options.unshift({ value: KEEP, label: v.map((x) => `${roleName.get(x.roleId) ?? x.roleId} ${Math.round(x.share * 100)} %`).join(', ') });
    return { current, options };
  };

  return (
    <div className="import-scroll" tabIndex={0} role="region" aria-label="Values in the file, scrollable">
      <DataTable
        className="import-table"
        caption="Values in the file and what they are in the plan"
        rows={rows}
        rowKey={(c) => `${c.kind}:${c.value}`}
        columns={[
          { header: 'Kind', cell: (c) => KIND_LABEL[c.kind] },
          { header: 'In the file', rowHeader: true, cell: (c) => c.value },
          { header: 'Rows', cell: (c) => c.rows.toLocaleString('en-GB') },
          {
            header: 'In the plan',
            cell: (c) => {
              const { current, options } = choices(c);
              return (
                <select
                  aria-label={`${KIND_LABEL[c.kind]} '${c.value}' in the plan`}
                  value={current}
                  className={current === UNSET ? 'import-unmapped' : undefined}
                  onChange={(e) => onChange(c, e.target.value)}
                >
                  <option value={UNSET}>Not mapped</option>
                  <option value={SKIP}>Skip these rows</option>
                  {options.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              );
            },
          },
        ]}
      />
      {!showAll && report.values.length > rows.length && (
        <button type="button" className="button button-secondary" onClick={() => setShowAll(true)}>
          Show all {report.values.length.toLocaleString('en-GB')} values
        </button>
      )}
    </div>
  );
}
