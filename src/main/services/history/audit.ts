/**
 * The audit trail: the change log (change_set + change_row, written by recordChange, undo and
 * redo) read back with old → new values. Filters run in SQL; organisation and role are found
 * inside the row images (org_id / role_id), or through the pipeline or joiner a row belongs to.
 */
import type { AuditEntry, AuditFilter, AuditRowChange } from '../../../shared/api/channels/audit';
import type { Db } from '../../db/connection';
import { auditImages, auditSets } from '../../db/repos/audit';
import { fieldDiff, loadNames, rowLabel } from './content';

export function listAudit(db: Db, filter: AuditFilter = {}): AuditEntry[] {
  const sets = auditSets(db, filter);
  const names = loadNames(db);
  return sets.map((s) => {
    const images = auditImages(db, s.target_change_id ?? s.id);
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
