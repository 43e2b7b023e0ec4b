import type { AssumptionNote } from '../../../shared/api/dto';
import type { AssumptionStatus } from '../../../shared/model/types';
import type { Db } from '../connection';
import { statement } from '../statements';

export function setAssumption(db: Db, entity: string, entityId: number, field: string, status: AssumptionStatus, source: string): void {
  statement(
    db,
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
  const rows = statement(db, 'SELECT field, status, source FROM assumption WHERE entity = ? AND entity_id = ?').all(entity, entityId) as {
    field: string;
    status: AssumptionStatus;
    source: string;
  }[];
  for (const r of rows) notes[r.field] = { status: r.status, source: r.source };
  return notes;
}

export function copyAssumptions(db: Db, entity: string, fromId: number, toId: number): void {
  statement(
    db,
    `INSERT INTO assumption (entity, entity_id, field, status, source)
     SELECT entity, ?, field, status, source FROM assumption WHERE entity = ? AND entity_id = ?`,
  ).run(toId, entity, fromId);
}

export function deleteAssumptions(db: Db, entity: string, entityId: number): void {
  statement(db, 'DELETE FROM assumption WHERE entity = ? AND entity_id = ?').run(entity, entityId);
}

export interface NoteRow {
  entity: string;
  entity_id: number;
  field: string;
  status: AssumptionStatus;
  source: string;
}

export function allNotes(db: Db): NoteRow[] {
  return statement(db, 'SELECT entity, entity_id, field, status, source FROM assumption').all() as NoteRow[];
}

export function noteOf(db: Db, entity: string, entityId: number, field: string): NoteRow | undefined {
  return statement(db, 'SELECT entity, entity_id, field, status, source FROM assumption WHERE entity = ? AND entity_id = ? AND field = ?').get(
    entity,
    entityId,
    field,
  ) as NoteRow | undefined;
}

/** The row a note is about, with the names of its organisation and role where it has them. */
const SUBJECT_SQL: Record<string, string> = {
  pipeline: 'SELECT * FROM pipeline WHERE id = ?',
  workforce_baseline:
    'SELECT t.*, o.name AS org, ro.name AS role FROM workforce_baseline t JOIN organisation o ON o.id = t.org_id JOIN role ro ON ro.id = t.role_id WHERE t.id = ?',
  workforce_rate:
    'SELECT t.*, o.name AS org, ro.name AS role FROM workforce_rate t JOIN organisation o ON o.id = t.org_id JOIN role ro ON ro.id = t.role_id WHERE t.id = ?',
  other_joiner:
    'SELECT j.*, o.name AS org, ro.name AS role FROM other_joiner j JOIN organisation o ON o.id = j.org_id JOIN role ro ON ro.id = j.role_id WHERE j.id = ?',
  growth_driver: 'SELECT * FROM growth_driver WHERE id = ?',
  demand_change:
    'SELECT d.*, o.name AS org, ro.name AS role FROM demand_change d JOIN organisation o ON o.id = d.org_id JOIN role ro ON ro.id = d.role_id WHERE d.id = ?',
  target: 'SELECT * FROM target WHERE id = ?',
};

/** The row a note of `entity` is about, or undefined when the entity is not one that takes notes or the row is gone. */
export function noteSubject(db: Db, entity: string, entityId: number): Record<string, unknown> | undefined {
  const sql = Object.hasOwn(SUBJECT_SQL, entity) ? SUBJECT_SQL[entity] : undefined;
  return sql === undefined ? undefined : (statement(db, sql).get(entityId) as Record<string, unknown> | undefined);
}

export function pipelineIntakeList(db: Db, pipelineId: number): { year: number; heads: number }[] {
  return statement(db, 'SELECT year, heads FROM pipeline_intake WHERE pipeline_id = ? ORDER BY year').all(pipelineId) as { year: number; heads: number }[];
}

export function joinerYearList(db: Db, joinerId: number): { year: number; fte: number }[] {
  return statement(db, 'SELECT year, fte FROM other_joiner_fte WHERE other_joiner_id = ? ORDER BY year').all(joinerId) as { year: number; fte: number }[];
}

/** Adds a note unless the number has one already. */
export function addNoteIfNone(db: Db, entity: string, entityId: number, field: string, status: AssumptionStatus, source: string): void {
  statement(db, 'INSERT INTO assumption (entity, entity_id, field, status, source) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING').run(
    entity,
    entityId,
    field,
    status,
    source,
  );
}

export function deleteNote(db: Db, entity: string, entityId: number, field: string): void {
  statement(db, 'DELETE FROM assumption WHERE entity = ? AND entity_id = ? AND field = ?').run(entity, entityId, field);
}
