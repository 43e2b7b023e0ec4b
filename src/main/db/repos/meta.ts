import type { Db } from '../connection';
import { statement } from '../statements';

export interface PlanSettings {
  name: string;
  baseYear: number;
  horizonYear: number;
}

export function getMeta(db: Db, key: string): string | null {
  const row = statement(db, 'SELECT value FROM plan_meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? row.value : null;
}

export function setMeta(db: Db, key: string, value: string): void {
  statement(db, 'INSERT INTO plan_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function getPlanSettings(db: Db): PlanSettings {
  return {
    name: getMeta(db, 'name') ?? 'Untitled plan',
    baseYear: Number(getMeta(db, 'base_year') ?? 2019),
    horizonYear: Number(getMeta(db, 'horizon_year') ?? 2028),
  };
}
