/**
 * Mapping a file's values onto the plan: each organisation, role, staff group and pipeline the
 * file names is proposed a plan entity (by code, by name, by the staff-group vocabulary), unless
 * the mapping already says; and the columns each target cannot do without.
 */
import type { ColumnMap, FieldKey, ImportTarget, ValueChoice, ValueMappings } from '../../../shared/api/channels/import';
import { STAFF_GROUP_TO_ROLES } from '../../../shared/model/staff-groups';
import { norm, ownRecord, type PlanRef } from './plan-ref';
import type { RowsOutput } from './rows';

export const JOINER_KINDS: [RegExp, 'international' | 'return-to-practice' | 'labour-market'][] = [
  [/international|overseas|\bir\b/i, 'international'],
  [/return|rtp/i, 'return-to-practice'],
  [/labour|domestic|market|local|other/i, 'labour-market'],
];

export function proposeValues(ref: PlanRef, out: RowsOutput, values: ValueMappings, hasRoleColumn: boolean): { values: ValueMappings; choices: ValueChoice[] } {
  const v: ValueMappings = {
    org: ownRecord(values.org),
    role: ownRecord(values.role),
    staffGroup: ownRecord(values.staffGroup),
    pipeline: ownRecord(values.pipeline),
  };
  const choices: ValueChoice[] = [];
  const roleByCode = new Map(ref.roles.map((r) => [r.code.toLowerCase(), r.id]));
  for (const s of out.distinct.org) {
    let by = 'saved';
    if (!(s.value in v.org)) {
      const o = ref.orgs.find((x) => x.code.toLowerCase() === s.value.toLowerCase()) ?? ref.orgs.find((x) => norm(x.name) === norm(s.value));
      by = o ? (o.code.toLowerCase() === s.value.toLowerCase() ? 'code' : 'name') : 'not in the plan';
      v.org[s.value] = o ? o.id : null;
    }
    choices.push({ kind: 'org', value: s.value, rows: s.rows, firstRow: s.firstRow, proposedBy: by });
  }
  for (const s of out.distinct.role) {
    let by = 'saved';
    if (!(s.value in v.role)) {
      const r = ref.roles.find((x) => x.code.toLowerCase() === s.value.toLowerCase()) ?? ref.roles.find((x) => norm(x.name) === norm(s.value));
      by = r ? (r.code.toLowerCase() === s.value.toLowerCase() ? 'code' : 'name') : '';
      if (r) v.role[s.value] = r.id;
    }
    choices.push({ kind: 'role', value: s.value, rows: s.rows, firstRow: s.firstRow, proposedBy: by });
  }
  if (!hasRoleColumn) {
    for (const s of out.distinct.staffGroup) {
      let by = 'saved';
      if (!(s.value in v.staffGroup)) {
        by = '';
        const demo = Object.entries(STAFF_GROUP_TO_ROLES).find(([g]) => norm(g) === norm(s.value));
        const inGroup = ref.roles.filter((r) => norm(r.staff_group) === norm(s.value));
        if (demo) {
          const mapped = demo[1].map(([code, share]) => ({ roleId: roleByCode.get(code.toLowerCase()) ?? 0, share })).filter((x) => x.roleId > 0);
          if (mapped.length > 0) {
            v.staffGroup[s.value] = mapped;
            by = 'demo mapping';
          }
        } else if (inGroup.length === 1) {
          v.staffGroup[s.value] = [{ roleId: inGroup[0]!.id, share: 1 }];
          by = 'staff group';
        } else if (/^(unknown|not known|not stated|other)$/i.test(s.value.trim())) {
          v.staffGroup[s.value] = null;
          by = 'skipped';
        }
      }
      choices.push({ kind: 'staffGroup', value: s.value, rows: s.rows, firstRow: s.firstRow, proposedBy: by });
    }
  }
  for (const s of out.distinct.pipeline) {
    let by = 'saved';
    if (!(s.value in v.pipeline)) {
      const pl = ref.pipelines.find((x) => norm(x.name) === norm(s.value));
      by = pl ? 'name' : '';
      if (pl) v.pipeline[s.value] = pl.id;
    }
    choices.push({ kind: 'pipeline', value: s.value, rows: s.rows, firstRow: s.firstRow, proposedBy: by });
  }
  return { values: v, choices };
}

/** The columns a target cannot do without: what is missing, and the field that would supply it. */
export function requiredFields(target: ImportTarget, columns: ColumnMap[]): { what: string; field: FieldKey }[] {
  const has = (f: ColumnMap['field']) => columns.some((c) => c.field === f);
  const missing: { what: string; field: FieldKey }[] = [];
  const wide = columns.some((c) => c.field === 'value' && (c.year !== undefined || c.staffGroup !== undefined));
  if (target !== 'intakes' && !has('org_code') && !has('org_name')) missing.push({ what: 'an organisation code or name', field: 'org_code' });
  if (target !== 'intakes' && !has('job_role') && !has('staff_group') && !columns.some((c) => c.staffGroup !== undefined))
    missing.push({ what: 'a role or staff group', field: 'job_role' });
  if (target === 'intakes' && !has('pipeline')) missing.push({ what: 'a pipeline', field: 'pipeline' });
  if (target === 'baseline' && !wide && !has('fte') && !has('value') && !has('hours') && !has('headcount') && !has('establishment'))
    missing.push({ what: 'FTE, headcount or contracted hours', field: 'fte' });
  if (target !== 'baseline' && !wide && !has('value') && !has('fte'))
    missing.push({ what: 'the figures (a value column, or a column per year)', field: 'value' });
  if (target !== 'baseline' && !has('year') && !columns.some((c) => c.year !== undefined))
    missing.push({ what: 'the year (a year column, or a column per year)', field: 'year' });
  return missing;
}
