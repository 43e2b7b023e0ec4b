/**
 * The audit trail: the change log (change_set + change_row, written by recordChange, undo and
 * redo) read back with old → new values. Filters run in SQL; organisation and role are found
 * inside the row images (org_id / role_id), or through the pipeline or joiner a row belongs to.
 */
import type { AuditEntry, AuditFilter, AuditRowChange } from '../../../shared/api/channels/audit';
import type { Db } from '../../db/connection';
import { fieldDiff, loadNames, rowLabel } from './content';

const ROWS_PER_ENTRY = 50;

interface SetRow {
  id: number;
  at: string;
  user: string;
  source: string;
  summary: string;
  kind: AuditEntry['kind'];
  state: AuditEntry['state'];
  scenario_id: number | null;
  target_change_id: number | null;
  row_count: number;
}

interface ImageRow {
  tbl: string;
  op: AuditRowChange['op'];
  before: string | null;
  after: string | null;
}

/** Rows of a change set belong to it, or (undo/redo entries) to the change they undo/redo. */
const ROWS_OF = 'coalesce(cs.target_change_id, cs.id)';
const IMAGE = 'coalesce(r.after, r.before)';

/** True when a row image is about the given column value, directly or through its parent. */
function touches(column: 'org_id' | 'role_id', param: string): string {
  return `EXISTS (SELECT 1 FROM change_row r WHERE r.change_id = ${ROWS_OF} AND (
      json_extract(${IMAGE}, '$.${column}') = ${param}
      OR (r.tbl = 'pipeline_intake' AND EXISTS (SELECT 1 FROM pipeline p WHERE p.id = json_extract(${IMAGE}, '$.pipeline_id') AND p.${column} = ${param}))
      OR (r.tbl = 'other_joiner_fte' AND EXISTS (SELECT 1 FROM other_joiner o WHERE o.id = json_extract(${IMAGE}, '$.other_joiner_id') AND o.${column} = ${param}))
    ))`;
}

export function listAudit(db: Db, filter: AuditFilter = {}): AuditEntry[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.scenarioId !== undefined) {
    where.push(`(cs.scenario_id = @scenario OR EXISTS (SELECT 1 FROM change_row r WHERE r.change_id = ${ROWS_OF} AND json_extract(${IMAGE}, '$.scenario_id') = @scenario))`);
    params['scenario'] = filter.scenarioId;
  }
  if (filter.orgId !== undefined) {
    where.push(touches('org_id', '@org'));
    params['org'] = filter.orgId;
  }
  if (filter.roleId !== undefined) {
    where.push(touches('role_id', '@role'));
    params['role'] = filter.roleId;
  }
  if (filter.from !== undefined) {
    where.push('substr(cs.at, 1, 10) >= @from');
    params['from'] = filter.from;
  }
  if (filter.to !== undefined) {
    where.push('substr(cs.at, 1, 10) <= @to');
    params['to'] = filter.to;
  }
  params['limit'] = filter.limit ?? 500;
  const sets = db
    .prepare(
      `SELECT cs.id, cs.at, cs.user, cs.source, cs.summary, cs.kind, cs.state, cs.scenario_id, cs.target_change_id,
              (SELECT count(*) FROM change_row r WHERE r.change_id = ${ROWS_OF}) AS row_count
       FROM change_set cs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY cs.id DESC LIMIT @limit`,
    )
    .all(params) as SetRow[];
  const names = loadNames(db);
  const rowsOf = db.prepare(`SELECT tbl, op, before, after FROM change_row WHERE change_id = ? ORDER BY id LIMIT ${ROWS_PER_ENTRY}`);
  return sets.map((s) => {
    const images = rowsOf.all(s.target_change_id ?? s.id) as ImageRow[];
    const undoing = s.kind === 'undo';
    const rows = images.map((r): AuditRowChange => {
      const before = r.before ? (JSON.parse(r.before) as Record<string, unknown>) : null;
      const after = r.after ? (JSON.parse(r.after) as Record<string, unknown>) : null;
      // An undo runs the change backwards: its old value is the change's new value.
      const [o, n] = undoing ? [after, before] : [before, after];
      const op: AuditRowChange['op'] = undoing ? (r.op === 'insert' ? 'delete' : r.op === 'delete' ? 'insert' : 'update') : r.op;
      const image = (n ?? o) as Record<string, unknown>;
      return {
        table: r.tbl,
        op,
        label: rowLabel(r.tbl, image, names),
        orgId: typeof image['org_id'] === 'number' ? image['org_id'] : null,
        roleId: typeof image['role_id'] === 'number' ? image['role_id'] : null,
        fields: fieldDiff(o, n),
      };
    });
    return {
      id: s.id,
      at: s.at,
      user: s.user,
      source: s.source,
      summary: s.summary,
      kind: s.kind,
      state: s.state,
      scenarioId: s.scenario_id,
      scenarioName: s.scenario_id === null ? null : (names.scenario.get(s.scenario_id) ?? null),
      rowCount: s.row_count,
      rows,
    };
  });
}
