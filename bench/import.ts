/**
 * Import benchmarks: a generated 1,000,000-row person-level CSV imported end to end (parse,
 * validate, aggregate, commit) beside sqlite3's own `.import --csv` of the same file, and a
 * 100,000-row xlsx beside SheetJS's bare parse, each pair run in three interleaved rounds
 * (medians). Peak memory is the process's resident set (the worker runs inside it), sampled
 * every 20 ms.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as XLSX from 'xlsx';
import { analyseImport, commitImport, ImportSessions } from '../src/main/services/import/service';
import { closeSession, createDemoPlan } from '../src/main/services/plan-session';
import { machineLoad, medianInterleaved, prng, type BenchResult } from './result';

const ORGS = ['RBD', 'RDY', 'RD3', 'RDZ', 'RYF'];
const ROLES = ['RN', 'MW', 'HCA', 'DRC', 'DRT', 'PHYSIO', 'ADMIN', 'EST'];
const BANDS = ['Under 25', '25-29', '30-34', '35-39', '40-44', '45-49', '50-54', '55-59', '60-64', '65 and over'];
const GB = 1024 * 1024 * 1024;

function personCsv(file: string, rows: number): void {
  const rnd = prng(7);
  const fd = fs.openSync(file, 'w');
  let buf = 'Assignment Number,Org Code,Staff Group,Job Role,Age Band,Contracted WTE\n';
  for (let i = 1; i <= rows; i++) {
    buf += `${String(10_000_000 + i)},${ORGS[Math.floor(rnd() * ORGS.length)]},Nursing and Midwifery Registered,${ROLES[Math.floor(rnd() * ROLES.length)]},${BANDS[Math.floor(rnd() * BANDS.length)]},${(0.2 + Math.floor(rnd() * 9) / 10).toFixed(1)}\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

function peakRss<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  return fn().then(
    (value) => {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return { value, ms: performance.now() - t0, peak };
    },
    (err: unknown) => {
      clearInterval(timer);
      throw err;
    },
  );
}

/** One end-to-end import of `file` into a new demo plan: its time (set-up left out), the peak RSS and the rows used. */
async function importEndToEnd(dir: string, file: string, name: string): Promise<{ ms: number; peak: number; rows: number }> {
  const planFile = path.join(dir, `${name}.wfplan`);
  fs.rmSync(planFile, { force: true });
  const session = createDemoPlan(planFile);
  // The bundled worker, as the app runs it, when `npm run build` has made it; else the source through tsx.
  const bundled = path.resolve('out/main/import-worker.js');
  const sessions = new ImportSessions(fs.existsSync(bundled) ? { script: bundled } : {});
  try {
    const scenarioId = (session.db.prepare('SELECT id FROM scenario ORDER BY sort, id LIMIT 1').get() as { id: number }).id;
    const r = await peakRss(async () => {
      const loaded = await sessions.load(fs.readFileSync(file), path.basename(file));
      const a = await analyseImport(session.db, loaded, 'baseline');
      // A generated list replaces the demo's staff wholesale: every line is a large change, confirmed as a planner would.
      const { report } = await commitImport(session.db, loaded, scenarioId, { ...a.proposed, options: { ...a.proposed.options, acceptLargeChanges: true } });
      return report.rowsUsed;
    });
    return { ms: r.ms, peak: r.peak, rows: r.value };
  } finally {
    await sessions.closeAll();
    closeSession(session);
  }
}

/** Our import beside a baseline, three interleaved rounds each; medians, and the highest peak RSS of ours. */
async function versus(
  dir: string,
  file: string,
  name: string,
  baseline: () => number,
): Promise<{ ms: number; baselineMs: number; peak: number; rows: number }> {
  let peak = 0;
  let rows = 0;
  const [ms, baselineMs] = await medianInterleaved([
    async () => {
      const r = await importEndToEnd(dir, file, name);
      peak = Math.max(peak, r.peak);
      rows = r.rows;
      return r.ms;
    },
    () => Promise.resolve(baseline()),
  ]);
  return { ms: ms!, baselineMs: baselineMs!, peak, rows };
}

function staffXlsx(file: string): void {
  const rnd = prng(11);
  const aoa: (string | number)[][] = [['Org Code', 'Staff Group', 'Job Role', 'Age Band', 'Headcount', 'FTE']];
  for (let i = 0; i < 100_000; i++) {
    aoa.push([
      ORGS[Math.floor(rnd() * ORGS.length)]!,
      'Nursing and Midwifery Registered',
      ROLES[Math.floor(rnd() * ROLES.length)]!,
      BANDS[Math.floor(rnd() * BANDS.length)]!,
      1,
      0.2 + Math.floor(rnd() * 9) / 10,
    ]);
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'Staff');
  fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
}

export async function benchImport(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-bench-import-'));
  const results: BenchResult[] = [];
  try {
    // --- 1,000,000-row person-level CSV
    const csv = path.join(dir, 'esr-1m.csv');
    personCsv(csv, 1_000_000);
    const mb = fs.statSync(csv).size / 1024 / 1024;
    let baselineName = "sqlite3's .import --csv";
    let sqliteCli = true;
    try {
      execFileSync('sqlite3', ['-version'], { stdio: 'pipe' });
    } catch {
      sqliteCli = false;
      baselineName = 'better-sqlite3 prepared INSERT in one transaction (no sqlite3 CLI)';
    }
    let run = 0;
    const sqliteImport = (): number => {
      const db = path.join(dir, `sqlite-import-${run++}.db`);
      if (sqliteCli) {
        const t0 = performance.now();
        execFileSync('sqlite3', [db, '.import --csv ' + csv + ' staff'], { stdio: 'pipe' });
        return performance.now() - t0;
      }
      // No sqlite3 CLI: a prepared INSERT in one transaction, the fastest plain load in Node.
      const conn = new Database(db);
      try {
        conn.exec('CREATE TABLE staff (a, b, c, d, e, f)');
        const ins = conn.prepare('INSERT INTO staff VALUES (?, ?, ?, ?, ?, ?)');
        const t0 = performance.now();
        const lines = fs.readFileSync(csv, 'utf8').split('\n');
        conn.transaction(() => {
          for (let i = 1; i < lines.length; i++) if (lines[i]) ins.run(...(lines[i]!.split(',') as [string, string, string, string, string, string]));
        })();
        return performance.now() - t0;
      } finally {
        conn.close();
      }
    };
    const ours = await versus(dir, csv, 'csv', sqliteImport);
    const ratio = ours.ms / ours.baselineMs;
    results.push({
      name: `Import a 1,000,000-row person-level CSV (${mb.toFixed(0)} MB): parse, validate, aggregate, commit`,
      ms: ours.ms,
      baselineName,
      baselineMs: ours.baselineMs,
      ratio,
      target: '≤ 1.5× baseline, peak memory < 1.5 GB',
      pass: ratio <= 1.5 && ours.peak < 1.5 * GB,
      extra: `medians of 3 interleaved runs; ${ours.rows.toLocaleString('en-GB')} rows used; peak RSS ${(ours.peak / 1024 / 1024).toFixed(0)} MB; ${machineLoad()}`,
    });

    // --- 100,000-row xlsx
    const xlsx = path.join(dir, 'staff-100k.xlsx');
    staffXlsx(xlsx);
    const bytes = fs.readFileSync(xlsx);
    XLSX.read(bytes, { type: 'buffer', dense: true }); // warm-up: the baseline runs with SheetJS compiled, the worker starts cold
    const bare = (): number => {
      const t0 = performance.now();
      XLSX.read(bytes, { type: 'buffer', dense: true });
      return performance.now() - t0;
    };
    const oursX = await versus(dir, xlsx, 'xlsx', bare);
    const ratioX = oursX.ms / oursX.baselineMs;
    results.push({
      name: 'Import a 100,000-row xlsx: guard, parse in a worker, validate, aggregate, commit',
      ms: oursX.ms,
      baselineName: "SheetJS's bare XLSX.read (main thread)",
      baselineMs: oursX.baselineMs,
      ratio: ratioX,
      target: '≤ 1.3× baseline, peak memory < 1.5 GB',
      pass: ratioX <= 1.3 && oursX.peak < 1.5 * GB,
      extra: `medians of 3 interleaved runs; ${oursX.rows.toLocaleString('en-GB')} rows used; peak RSS ${(oursX.peak / 1024 / 1024).toFixed(0)} MB; ${machineLoad()}`,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (require.main === module) {
  benchImport().then(
    (rs) => {
      for (const r of rs)
        process.stdout.write(
          `${r.pass ? 'PASS' : 'MISS'} ${r.name}\n  ${r.ms.toFixed(0)} ms vs ${r.baselineName} ${r.baselineMs.toFixed(0)} ms → ${r.ratio.toFixed(2)}× (${r.target}) ${r.extra ?? ''}\n`,
        );
    },
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    },
  );
}
