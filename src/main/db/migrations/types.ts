import type Database from 'better-sqlite3';

/** A numbered, forward-only schema step. Never edit one that has shipped: add the next. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
