/**
 * Crash safety, proven (docs/ARCHITECTURE.md, "Crash safety"): 50 times, a child process writing to a
 * plan — bulk edits, a migration, backups, snapshots, an atomic export — is killed with SIGKILL
 * at a random moment. Then: integrity_check ok, every acknowledged change present, no change
 * half applied, no half-written backup, snapshot or export shown as valid.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { openPlanFile, PLAN_APPLICATION_ID } from '../../src/main/db/connection';
import { LATEST_VERSION, MIGRATIONS } from '../../src/main/db/migrations';
import { backupIsGood, listBackups } from '../../src/main/services/history/backups';
import { closeSession, createDemoPlan } from '../../src/main/services/plan-session';
import { tempDir } from '../support/temp';

const RUNS = 50;
const PARALLEL = 2;
const MODES = ['edits', 'migration', 'backup', 'snapshot', 'export'] as const;
type Mode = (typeof MODES)[number];
const YEARS = 10;
const NODE = path.resolve('node_modules/.bin/node');
const CHILD_SOURCE = path.resolve('tests/reliability/child.ts');
/**
 * The child is bundled once to plain JavaScript (esbuild, which tsx itself runs on): starting
 * `node --import tsx child.ts` transpiles the whole import graph on every start, about 2.8 s on a
 * busy 2-core machine against 0.3 s for the bundle, and 50 starts must fit in a minute. Kept
 * inside node_modules/.cache so that better-sqlite3 resolves from the project.
 */
const CHILD = path.resolve('node_modules/.cache/wfp-crash-test/child.cjs');

let template = '';
let oldTemplate = '';

beforeAll(() => {
  buildSync({
    entryPoints: [CHILD_SOURCE],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['better-sqlite3', 'exceljs'],
    outfile: CHILD,
    logLevel: 'warning',
  });
  const dir = tempDir('wfp-crash-');
  template = path.join(dir, 'template.wfplan');
  closeSession(createDemoPlan(template));
  // A plan at format 2 with a little content, for the migration runs.
  oldTemplate = path.join(dir, 'old.wfplan');
  const db = new Database(oldTemplate);
  db.pragma(`application_id = ${PLAN_APPLICATION_ID}`);
  db.pragma('journal_mode = WAL');
  for (const m of MIGRATIONS.filter((x) => x.version <= 2)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  db.prepare("INSERT INTO organisation (id, code, name, kind) VALUES (1, 'RBD', 'Dorset County Hospital', 'trust')").run();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
});

interface RunResult {
  mode: Mode;
  lines: string[];
  stderr: string;
  work: string;
  plan: string;
  killedAfterMs: number;
}

function runOnce(mode: Mode, seed: number): Promise<RunResult> {
  const work = tempDir('wfp-crash-run-');
  const plan = path.join(work, 'plan.wfplan');
  fs.copyFileSync(mode === 'migration' ? oldTemplate : template, plan);
  const killAfter = 5 + ((seed * 7919) % 250);
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [CHILD, mode, plan, work], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (timer === null && out.includes('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), killAfter);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', () => {
      if (timer) clearTimeout(timer);
      resolve({ mode, lines: out.split('\n').filter(Boolean), stderr, work, plan, killedAfterMs: killAfter });
    });
  });
}

function check(r: RunResult): { acked: number } {
  const where = `${r.mode} run killed after ${r.killedAfterMs} ms`;
  expect(r.stderr, `${where}: the child failed by itself`).toBe('');
  expect(r.lines[0], where).toBe('ready');
  let acked = 0;

  if (r.mode === 'export') {
    const target = path.join(r.work, 'export.csv');
    const acks = r.lines.filter((l) => l.startsWith('ack export ')).map((l) => Number(l.split(' ')[2]));
    acked = acks.length;
    if (acks.length === 0 && !fs.existsSync(target)) return { acked };
    // The export file is always a whole one, never a torn write, and at least the last acknowledged.
    const text = fs.readFileSync(target, 'utf8');
    const m = /^export (\d+)\n(\d+)\nend (\d+)\n$/.exec(text);
    expect(m, `${where}: half-written export`).not.toBeNull();
    expect(m![1]).toBe(m![3]);
    expect(Number(m![1])).toBeGreaterThanOrEqual(acks.at(-1) ?? 0);
    return { acked };
  }

  // The plan opens (quick_check on open) and passes a full integrity check.
  const before = new Database(r.plan, { readonly: true, fileMustExist: true });
  const versionBefore = before.pragma('user_version', { simple: true }) as number;
  before.close();
  const conn = openPlanFile(r.plan, { backupDir: path.join(r.work, 'reopen-backups') });
  const db = conn.db;
  try {
    expect(db.pragma('integrity_check', { simple: true }), where).toBe('ok');
    expect(db.pragma('foreign_key_check'), where).toEqual([]);

    if (r.mode === 'migration') {
      // Each migration is one transaction: the version is one of the steps, never in between.
      // (It starts at format 2: any version from there to the latest.)
      expect(
        Array.from({ length: LATEST_VERSION - 1 }, (_v, i) => i + 2),
        where,
      ).toContain(versionBefore);
      if (r.lines.some((l) => l.startsWith('migrated'))) expect(versionBefore, where).toBe(LATEST_VERSION);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(db.prepare('SELECT name FROM organisation WHERE id = 1').get()).toEqual({ name: 'Dorset County Hospital' });
      return { acked: r.lines.some((l) => l.startsWith('migrated')) ? 1 : 0 };
    }

    // Every acknowledged change is present.
    const changes = r.lines.filter((l) => l.startsWith('ack change ')).map((l) => l.split(' ').map(Number));
    acked += changes.length;
    for (const [, , id, v] of changes) {
      expect(db.prepare('SELECT summary FROM change_set WHERE id = ?').get(id), `${where}: acknowledged change ${id} lost`).toEqual({ summary: `bulk ${v}` });
    }
    // No change is half applied: every bulk change has all its rows, and each pipeline's years agree.
    const counts = db
      .prepare("SELECT cs.id, count(r.id) AS n FROM change_set cs LEFT JOIN change_row r ON r.change_id = cs.id WHERE cs.source = 'crash test' GROUP BY cs.id")
      .all() as { id: number; n: number }[];
    for (const c of counts) expect(c.n, `${where}: change ${c.id} half applied`).toBe(YEARS);
    const spread = db
      .prepare(
        'SELECT pipeline_id, count(DISTINCT heads) AS k FROM pipeline_intake WHERE pipeline_id IN (SELECT id FROM pipeline ORDER BY id LIMIT 3) AND year BETWEEN 2020 AND 2029 GROUP BY pipeline_id',
      )
      .all() as { pipeline_id: number; k: number }[];
    if (counts.length > 0) for (const s of spread) expect(s.k, `${where}: pipeline ${s.pipeline_id} has a half-applied change`).toBe(1);

    if (r.mode === 'backup') {
      const folder = path.join(r.work, 'backups');
      const listed = listBackups(folder).map((b) => b.file);
      for (const l of r.lines.filter((x) => x.startsWith('ack backup '))) {
        acked += 1;
        expect(listed, `${where}: acknowledged backup missing`).toContain(l.split(' ')[2]);
      }
      // Everything the app would list as a backup is a complete, checked database.
      for (const f of listed) expect(backupIsGood(path.join(folder, f)), `${where}: ${f} listed but damaged`).toBe(true);
    }
    if (r.mode === 'snapshot') {
      const ids = r.lines.filter((x) => x.startsWith('ack snapshot ')).map((x) => Number(x.split(' ')[2]));
      acked += ids.length;
      const rows = db.prepare('SELECT id, sha256, data FROM snapshot').all() as { id: number; sha256: string; data: Buffer }[];
      for (const id of ids)
        expect(
          rows.map((x) => x.id),
          `${where}: acknowledged snapshot lost`,
        ).toContain(id);
      for (const s of rows) expect(crypto.createHash('sha256').update(s.data).digest('hex'), `${where}: snapshot ${s.id} torn`).toBe(s.sha256);
    }
    return { acked };
  } finally {
    db.close();
  }
}

describe('crash safety', () => {
  it(`survives ${RUNS} SIGKILLs at random moments while writing`, async () => {
    const started = Date.now();
    let acked = 0;
    const results: RunResult[] = [];
    for (let i = 0; i < RUNS; i += PARALLEL) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(PARALLEL, RUNS - i) }, (_, k) => runOnce(MODES[(i + k) % MODES.length] as Mode, i + k + 1)),
      );
      for (const r of batch) {
        acked += check(r).acked;
        results.push(r);
      }
    }
    const elapsed = Date.now() - started;
    console.log(`crash test: ${results.length} kills, ${acked} acknowledged writes checked, ${elapsed} ms`);
    expect(results).toHaveLength(RUNS);
    // The kills landed mid-work, not only before the first write.
    expect(acked).toBeGreaterThan(RUNS);
  }, 120_000);
});
