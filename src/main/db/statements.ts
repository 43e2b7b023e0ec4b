/**
 * Prepared statements kept per connection. Compiling a statement that writes to a tracked table
 * also compiles the change log's triggers, which costs far more than running it: code that runs
 * once per cell of an import prepares each of its statements once.
 */
import type Database from 'better-sqlite3';

const byDb = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** The prepared statement for `sql` on `db`, compiled on first use. */
export function statement(db: Database.Database, sql: string): Database.Statement {
  let cache = byDb.get(db);
  if (!cache) {
    cache = new Map();
    byDb.set(db, cache);
  }
  let s = cache.get(sql);
  if (!s) {
    s = db.prepare(sql);
    cache.set(sql, s);
  }
  return s;
}
