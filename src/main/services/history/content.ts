/**
 * The plan's content compared and named: which inputs differ between two states of the plan, and
 * labels for tables, rows and fields. The content is every table the change log tracks (so
 * bookkeeping — the change log itself, import history, snapshots — is never compared, copied over
 * or restored; see db/repos/content.ts).
 */
import type { AuditField, InputChange } from '../../../shared/api/channels/audit';
import type { Db } from '../../db/connection';
import { yearLabel } from '../../../shared/format';
import { idNames, rowsByKey, tableExists, tableShape, type Row } from '../../db/repos/content';

export function shown(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6);
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) return `${v.length} bytes`;
  return JSON.stringify(v);
}

/** Names for ids, so a diff can say "Dorset County Hospital · Registered nurse" not "org 3 · role 7". */
export interface Names {
  org: Map<number, string>;
  role: Map<number, string>;
  scenario: Map<number, string>;
  pipeline: Map<number, string>;
}

export function loadNames(...dbs: Db[]): Names {
  const names: Names = { org: new Map(), role: new Map(), scenario: new Map(), pipeline: new Map() };
  for (const db of dbs) {
    const load = (table: 'organisation' | 'role' | 'scenario' | 'pipeline', into: Map<number, string>) => {
      try {
        for (const r of idNames(db, table)) if (!into.has(r.id)) into.set(r.id, r.name);
      } catch {
        // A table missing from an old plan: no names from it.
      }
    };
    load('organisation', names.org);
    load('role', names.role);
    load('scenario', names.scenario);
    load('pipeline', names.pipeline);
  }
  return names;
}

const TABLE_LABELS: Record<string, string> = {
  plan_meta: 'Plan setting',
  organisation: 'Organisation',
  role: 'Role',
  scenario: 'Scenario',
  pipeline: 'Pipeline',
  pipeline_intake: 'Pipeline intake',
  assumption: 'Assumption note',
  workforce_baseline: 'Baseline workforce',
  workforce_rate: 'Workforce rates',
  other_joiner: 'Other joiners',
  other_joiner_fte: 'Other joiners (FTE)',
  growth_driver: 'Growth driver',
  demand_change: 'Demand change',
  target: 'Target',
  target_pipeline: 'Target pipeline',
  shortage_criteria: 'Shortage criteria',
};

export function tableLabel(table: string): string {
  return TABLE_LABELS[table] ?? table.replace(/_/g, ' ');
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** A row in words: table, then the names of what it belongs to, then its year or key. */
export function rowLabel(table: string, row: Row, names: Names): string {
  const parts = [tableLabel(table)];
  if (typeof row['name'] === 'string' && table !== 'organisation' && table !== 'role') parts.push(row['name']);
  if (table === 'organisation' || table === 'role') parts.push(String(row['name'] ?? row['id']));
  if (table === 'plan_meta') parts.push(String(row['key']));
  const sc = num(row['scenario_id']);
  if (sc !== null) parts.push(names.scenario.get(sc) ?? `scenario ${sc}`);
  const pl = num(row['pipeline_id']);
  if (pl !== null) parts.push(names.pipeline.get(pl) ?? `pipeline ${pl}`);
  const org = num(row['org_id']);
  if (org !== null) parts.push(names.org.get(org) ?? `organisation ${org}`);
  const role = num(row['role_id']);
  if (role !== null) parts.push(names.role.get(role) ?? `role ${role}`);
  const year = num(row['year']);
  if (year !== null) parts.push(yearLabel(year));
  if (table === 'assumption') parts.push(`${String(row['entity'])} ${String(row['entity_id'])} ${String(row['field'])}`);
  return parts.join(' · ');
}

export function fieldDiff(before: Row | null, after: Row | null): AuditField[] {
  const cols = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const out: AuditField[] = [];
  for (const c of cols) {
    const o = before ? shown(before[c]) : null;
    const n = after ? shown(after[c]) : null;
    if (before && after && o === n) continue;
    out.push({ field: c, old: o, new: n });
  }
  return out;
}

/** Every content row that differs between two plans: added, removed or changed, field by field. */
export function diffContent(a: Db, b: Db, tables: string[]): InputChange[] {
  const names = loadNames(b, a);
  const out: InputChange[] = [];
  for (const table of tables) {
    const inA = tableExists(a, table);
    const inB = tableExists(b, table);
    if (!inA && !inB) continue;
    const { pk } = tableShape(inB ? b : a, table);
    const rowsA = inA ? rowsByKey(a, table, pk) : new Map<string, Row>();
    const rowsB = inB ? rowsByKey(b, table, pk) : new Map<string, Row>();
    for (const [k, rb] of rowsB) {
      const ra = rowsA.get(k);
      if (!ra) out.push({ table, op: 'added', label: rowLabel(table, rb, names), fields: fieldDiff(null, rb) });
      else {
        const fields = fieldDiff(ra, rb);
        if (fields.length > 0) out.push({ table, op: 'changed', label: rowLabel(table, rb, names), fields });
      }
    }
    for (const [k, ra] of rowsA) if (!rowsB.has(k)) out.push({ table, op: 'removed', label: rowLabel(table, ra, names), fields: fieldDiff(ra, null) });
  }
  return out;
}
