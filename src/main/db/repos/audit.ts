/**
 * The change log read back for the audit trail. Filters run in SQL; organisation and role are found
 * inside the row images (org_id / role_id), or through the pipeline or joiner a row belongs to.
 */
import type { AuditEntry, AuditFilter, AuditRowChange } from '../../../shared/api/channels/audit';
import type { Db } from '../connection';
import { statement } from '../statements';

const ROWS_PER_ENTRY = 50;

export interface AuditSetRow {
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

export interface AuditImageRow {
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

/** The change sets the filter selects, latest first, each with how many rows it touched. */
export function auditSets(db: Db, filter: AuditFilter): AuditSetRow[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.scenarioId !== undefined) {
    where.push(
      `(cs.scenario_id = @scenario OR EXISTS (SELECT 1 FROM change_row r WHERE r.change_id = ${ROWS_OF} AND json_extract(${IMAGE}, '$.scenario_id') = @scenario))`,
    );
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
  return db
    .prepare(
      `SELECT cs.id, cs.at, cs.user, cs.source, cs.summary, cs.kind, cs.state, cs.scenario_id, cs.target_change_id,
              (SELECT count(*) FROM change_row r WHERE r.change_id = ${ROWS_OF}) AS row_count
       FROM change_set cs ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY cs.id DESC LIMIT @limit`,
    )
    .all(params) as AuditSetRow[];
}

/** The first rows a change set touched, as the change log holds them. */
export function auditImages(db: Db, changeId: number): AuditImageRow[] {
  return statement(db, `SELECT tbl, op, before, after FROM change_row WHERE change_id = ? ORDER BY id LIMIT ${ROWS_PER_ENTRY}`).all(
    changeId,
  ) as AuditImageRow[];
}

/** The id of the latest change set of any kind (0 when there is none): whether the plan changed since. */
export function latestChangeId(db: Db): number {
  return (statement(db, 'SELECT coalesce(max(id), 0) AS id FROM change_set').get() as { id: number }).id;
}
