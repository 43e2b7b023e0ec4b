import type { AssumptionNote } from '../../../shared/api/dto';
import type { AssumptionStatus } from '../../../shared/model/types';
import type { Db } from '../connection';
import { statement } from '../statements';

export function setAssumption(db: Db, entity: string, entityId: number, field: string, status: AssumptionStatus, source: string): void {
  statement(db, 
    `INSERT INTO assumption (entity, entity_id, field, status, source) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (entity, entity_id, field) DO UPDATE SET status = excluded.status, source = excluded.source`,
  ).run(entity, entityId, field, status, source);
}

/** Notes for every row of an entity: entityId → field → note. */
export function assumptionsFor(db: Db, entity: string): Map<number, Record<string, AssumptionNote>> {
  const rows = statement(db, 'SELECT entity_id, field, status, source FROM assumption WHERE entity = ?').all(entity) as {
    entity_id: number;
    field: string;
    status: AssumptionStatus;
    source: string;
  }[];
  const out = new Map<number, Record<string, AssumptionNote>>();
  for (const r of rows) {
    let notes = out.get(r.entity_id);
    if (!notes) {
      notes = Object.create(null) as Record<string, AssumptionNote>;
      out.set(r.entity_id, notes);
    }
    notes[r.field] = { status: r.status, source: r.source };
  }
  return out;
}

/** The notes of one row. */
export function assumptionsOf(db: Db, entity: string, entityId: number): Record<string, AssumptionNote> {
  const notes = Object.create(null) as Record<string, AssumptionNote>;
  const rows = statement(db, 'SELECT field, status, source FROM assumption WHERE entity = ? AND entity_id = ?').all(entity, entityId) as { field: string; status: AssumptionStatus; source: string }[];
  for (const r of rows) notes[r.field] = { status: r.status, source: r.source };
  return notes;
}

export function copyAssumptions(db: Db, entity: string, fromId: number, toId: number): void {
  statement(db, 
    `INSERT INTO assumption (entity, entity_id, field, status, source)
     SELECT entity, ?, field, status, source FROM assumption WHERE entity = ? AND entity_id = ?`,
  ).run(toId, entity, fromId);
}

export function deleteAssumptions(db: Db, entity: string, entityId: number): void {
  statement(db, 'DELETE FROM assumption WHERE entity = ? AND entity_id = ?').run(entity, entityId);
}
