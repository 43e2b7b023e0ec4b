import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index';
import { migration0005 } from './0005-organisation-shares';

function migratedTo(version: number): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((x) => x.version <= version)) db.transaction(() => m.up(db))();
  return db;
}

describe('migration 0005 (organisation shares)', () => {
  it('is listed as version 5', () => {
    expect(MIGRATIONS[4]).toBe(migration0005);
  });

  it('gives every existing organisation the whole of itself (share 1, no source), and checks new shares', () => {
    const db = migratedTo(4);
    db.prepare("INSERT INTO organisation (code, name, kind) VALUES ('RYF', 'Ambulance trust', 'nhs-trust')").run();
    db.transaction(() => migration0005.up(db))();
    expect(db.prepare('SELECT code, share, share_source FROM organisation').all()).toEqual([{ code: 'RYF', share: 1, share_source: '' }]);
    db.prepare("UPDATE organisation SET share = ?, share_source = '65/241' WHERE code = 'RYF'").run(65 / 241);
    expect(db.prepare('SELECT share FROM organisation').get()).toEqual({ share: 65 / 241 });
    const set = db.prepare("UPDATE organisation SET share = ? WHERE code = 'RYF'");
    expect(() => set.run(0)).toThrow(/CHECK/);
    expect(() => set.run(1.01)).toThrow(/CHECK/);
    expect(() => set.run(-0.5)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE organisation SET share = 'half' WHERE code = 'RYF'").run()).toThrow(/cannot store TEXT value in REAL column/i);
  });
});
