/**
 * The plan's content as whole tables: the tables the change log tracks, their shapes, and making
 * one database's content equal to an attached one's. Used by snapshot restore and comparison and
 * the backup round-trip check (services/history).
 */
import type { Db } from '../connection';

const q = (ident: string): string => `"${ident.replace(/"/g, '""')}"`;

/** Tables with change-tracking triggers on this connection: the plan's content. */
export function contentTables(db: Db): string[] {
  const rows = db
    .prepare("SELECT DISTINCT tbl_name AS name FROM sqlite_temp_schema WHERE type = 'trigger' AND name LIKE 'track\\_%\\_insert' ESCAPE '\\' ORDER BY tbl_name")
    .all() as { name: string }[];
  return rows.map((r) => r.name);
}

export interface TableShape {
  columns: string[];
  pk: string[];
}

export function tableShape(db: Db, table: string, schema = 'main'): TableShape {
  const cols = db.prepare(`SELECT name, pk FROM ${q(schema)}.pragma_table_info(?) ORDER BY cid`).all(table) as { name: string; pk: number }[];
  return {
    columns: cols.map((c) => c.name),
    pk: cols
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name),
  };
}

export function tableExists(db: Db, table: string, schema = 'main'): boolean {
  return !!db.prepare(`SELECT 1 FROM ${q(schema)}.sqlite_schema WHERE type = 'table' AND name = ?`).get(table);
}

/**
 * Makes the main database's content equal to the attached database `from`, table by table, with
 * the fewest row writes (so the change log holds only what really differs). Must run inside a
 * transaction — the caller's recordChange — with the other plan ATTACHed as `from`.
 */
export function replaceContentFrom(db: Db, tables: string[], from: string): void {
  db.pragma('defer_foreign_keys = ON');
  for (const table of tables) {
    const { columns, pk } = tableShape(db, table);
    if (!tableExists(db, table, from)) {
      db.prepare(`DELETE FROM main.${q(table)}`).run();
      continue;
    }
    const src = `${q(from)}.${q(table)}`;
    const dst = `main.${q(table)}`;
    const key = `(${pk.map(q).join(', ')})`;
    const match = pk.map((c) => `s.${q(c)} = ${dst}.${q(c)}`).join(' AND ');
    db.prepare(`DELETE FROM ${dst} WHERE ${key} NOT IN (SELECT ${pk.map(q).join(', ')} FROM ${src})`).run();
    const rest = columns.filter((c) => !pk.includes(c));
    if (rest.length > 0) {
      const differs = rest.map((c) => `s.${q(c)} IS NOT ${dst}.${q(c)}`).join(' OR ');
      db.prepare(
        `UPDATE ${dst} SET (${rest.map(q).join(', ')}) = (SELECT ${rest.map((c) => `s.${q(c)}`).join(', ')} FROM ${src} s WHERE ${match})
         WHERE EXISTS (SELECT 1 FROM ${src} s WHERE ${match} AND (${differs}))`,
      ).run();
    }
    db.prepare(
      `INSERT INTO ${dst} (${columns.map(q).join(', ')}) SELECT ${columns.map(q).join(', ')} FROM ${src} s
       WHERE NOT EXISTS (SELECT 1 FROM ${dst} WHERE ${pk.map((c) => `${dst}.${q(c)} = s.${q(c)}`).join(' AND ')})`,
    ).run();
  }
}

export type Row = Record<string, unknown>;

export function rowsByKey(db: Db, table: string, pk: string[]): Map<string, Row> {
  const out = new Map<string, Row>();
  for (const row of db.prepare(`SELECT * FROM ${q(table)}`).all() as Row[]) out.set(JSON.stringify(pk.map((c) => row[c])), row);
  return out;
}

/** Every row's id and name in `table` (organisation, role, scenario, pipeline). */
export function idNames(db: Db, table: 'organisation' | 'role' | 'scenario' | 'pipeline'): { id: number; name: string }[] {
  return db.prepare(`SELECT id, name FROM ${table}`).all() as { id: number; name: string }[];
}
