/**
 * Yearly-figure import benchmarks: other joiners and pipeline intakes of 10,000 cells (one
 * organisation × role × kind × year, or pipeline × year, per row), imported end to end (read in
 * the worker, analysed, validated, previewed and committed as one undoable change) into the demo
 * plan — beside a bare prepared INSERT of the same rows in one transaction. The same import of
 * 2,500 cells is timed too: a linear import takes about a quarter of the time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { insertPipeline } from '../src/main/db/repos/pipelines';
import { analyseImport, commitImport, ImportSessions, validateImport } from '../src/main/services/import/service';
import { closeSession, createDemoPlan, openSession } from '../src/main/services/plan-session';
import { machineLoad, medianInterleaved, type BenchResult } from './result';

type Target = 'joiners' | 'intakes';
const CELLS = 10_000;
const SMALL = 2_500;
const TARGET_MS = 2000;
const YEARS = Array.from({ length: 20 }, (_, i) => 2009 + i);
const KINDS = ['International recruitment', 'Return to practice', 'Labour market'];

interface Prepared {
  dir: string;
  plan: string;
  csv: string;
  rows: string[][];
}

/** A demo plan (with enough pipelines for the intakes) and a CSV of `cells` yearly figures for it. */
function prepare(target: Target, cells: number, dir: string, name: string): Prepared {
  const plan = path.join(dir, `${name}.wfplan`);
  fs.rmSync(plan, { force: true });
  const s = createDemoPlan(plan);
  const rows: string[][] = [];
  try {
    const scenarioId = (s.db.prepare('SELECT id FROM scenario ORDER BY sort, id LIMIT 1').get() as { id: number }).id;
    const orgs = s.db.prepare('SELECT id, code FROM organisation ORDER BY id').all() as { id: number; code: string }[];
    const roles = s.db.prepare('SELECT id, code FROM role ORDER BY id').all() as { id: number; code: string }[];
    if (target === 'joiners') {
      outer: for (const o of orgs)
        for (const r of roles)
          for (const k of KINDS)
            for (const y of YEARS) {
              rows.push([o.code, r.code, k, String(y), String((rows.length % 7) + 1)]);
              if (rows.length >= cells) break outer;
            }
    } else {
      const pipelines = Math.ceil(cells / YEARS.length);
      s.db.transaction(() => {
        for (let i = 0; i < pipelines; i++) {
          insertPipeline(s.db, {
            scenarioId,
            name: `Bench pipeline ${i + 1}`,
            type: 'university',
            orgId: orgs[i % orgs.length]!.id,
            roleId: roles[i % roles.length]!.id,
            sourceRoleId: null,
            traineesLeaveSourceRole: false,
            durationYears: 3,
            attrition: 0.1,
            conversion: 0.9,
            ftePerHead: 1,
            costPerLearnerYear: 0,
            entrantAgeBand: 0,
          });
        }
      })();
      outer: for (let i = 0; i < pipelines; i++)
        for (const y of YEARS) {
          rows.push([`Bench pipeline ${i + 1}`, String(y), String((rows.length % 9) + 1)]);
          if (rows.length >= cells) break outer;
        }
    }
  } finally {
    closeSession(s);
  }
  const header = target === 'joiners' ? 'Org Code,Role,Route,Year,FTE' : 'Pipeline,Year,Starters';
  const csv = path.join(dir, `${name}.csv`);
  fs.writeFileSync(csv, `${header}\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  return { dir, plan, csv, rows };
}

/** The whole import, timed from reading the file to the committed change. */
async function importOnce(target: Target, p: Prepared): Promise<{ ms: number; added: number }> {
  const bundled = path.resolve('out/main/import-worker.js');
  const sessions = new ImportSessions(fs.existsSync(bundled) ? { script: bundled } : {});
  const session = openSession(p.plan);
  try {
    const scenarioId = (session.db.prepare('SELECT id FROM scenario ORDER BY sort, id LIMIT 1').get() as { id: number }).id;
    const t0 = performance.now();
    const loaded = await sessions.load(fs.readFileSync(p.csv), path.basename(p.csv));
    const a = await analyseImport(session.db, loaded, target);
    const v = await validateImport(session.db, loaded, scenarioId, a.proposed);
    if (v.report.errors > 0) throw new Error(`the bench file did not validate: ${v.report.problems[0]?.message ?? ''}`);
    // The generated figures replace the demo's wholesale: every large change is accepted, as
    // `--accept-large-changes` does on the command line (the questions are the importer's tests' concern).
    const { report } = await commitImport(session.db, loaded, scenarioId, {
      ...v.report.mapping,
      options: { ...v.report.mapping.options, acceptLargeChanges: true },
    });
    return { ms: performance.now() - t0, added: report.counts.added + report.counts.replaced };
  } finally {
    await sessions.closeAll();
    closeSession(session);
  }
}

/** The same rows with a bare prepared INSERT in one transaction, into a plain table. */
function bareInsert(p: Prepared, run: number): number {
  const file = path.join(p.dir, `bare-${run}.db`);
  const db = new Database(file);
  try {
    db.exec(`CREATE TABLE cells (${p.rows[0]!.map((_c, i) => `c${i}`).join(', ')})`);
    const ins = db.prepare(`INSERT INTO cells VALUES (${p.rows[0]!.map(() => '?').join(', ')})`);
    const t0 = performance.now();
    const lines = fs.readFileSync(p.csv, 'utf8').split('\n');
    db.transaction(() => {
      for (let i = 1; i < lines.length; i++) if (lines[i]) ins.run(...lines[i]!.split(','));
    })();
    return performance.now() - t0;
  } finally {
    db.close();
    fs.rmSync(file, { force: true });
  }
}

export async function benchYearlyImport(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-bench-yearly-'));
  const results: BenchResult[] = [];
  try {
    for (const target of ['joiners', 'intakes'] as const) {
      const big = prepare(target, CELLS, dir, `${target}-big`);
      let added = 0;
      let run = 0;
      const [ms, smallMs, baselineMs] = await medianInterleaved([
        async () => {
          // Each run imports into a fresh copy of the prepared plan.
          const copy = prepare(target, CELLS, dir, `${target}-run`);
          const r = await importOnce(target, copy);
          added = r.added;
          return r.ms;
        },
        async () => (await importOnce(target, prepare(target, SMALL, dir, `${target}-small-run`))).ms,
        () => Promise.resolve(bareInsert(big, run++)),
      ]);
      const growth = ms! / smallMs!;
      results.push({
        name: `Import ${CELLS.toLocaleString('en-GB')} ${target === 'joiners' ? 'other-joiner' : 'pipeline-intake'} cells (CSV, end to end: read, analyse, validate, commit)`,
        ms: ms!,
        baselineName: 'a bare prepared INSERT of the same rows in one transaction',
        baselineMs: baselineMs!,
        ratio: ms! / baselineMs!,
        target: `< 2 s, and linear (${CELLS.toLocaleString('en-GB')} cells ≤ 5× the time of ${SMALL.toLocaleString('en-GB')})`,
        pass: ms! < TARGET_MS && growth <= 5,
        extra: `medians of 3 interleaved runs; ${added.toLocaleString('en-GB')} cells written; ${SMALL.toLocaleString('en-GB')} cells took ${smallMs!.toFixed(0)} ms (×${growth.toFixed(2)} for 4× the cells); ${machineLoad()}`,
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (require.main === module) {
  benchYearlyImport().then(
    (rs) => {
      for (const r of rs)
        process.stdout.write(
          `${r.pass ? 'PASS' : 'MISS'} ${r.name}\n  ${r.ms.toFixed(0)} ms vs ${r.baselineName} ${r.baselineMs.toFixed(1)} ms → ${r.ratio.toFixed(1)}× (${r.target}) ${r.extra ?? ''}\n`,
        );
    },
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
