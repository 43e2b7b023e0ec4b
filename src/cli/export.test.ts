import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { createDemoPlan, closeSession } from '../main/services/plan-session';
import { runScenario } from '../main/services/projection';
import { listScenarios } from '../main/db/repos/scenarios';
import { systemTotals } from '../shared/model';
import { sha256, tempDir } from '../../tests/support/temp';
import { main } from './export';
import { NO_ENGINE, findEngines, printBoardSummary } from './print-browser';
import { pageTemplates, pdfSettings } from '../main/services/export/board-summary';
import { openSession } from '../main/services/plan-session';
import { simulateHere } from '../main/services/uncertainty/service';
import { formatFte, formatPercent } from '../shared/format';

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await main(args, (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

function demoFile(): string {
  const file = path.join(tempDir(), 'Dorset.wfplan');
  closeSession(createDemoPlan(file));
  return file;
}

describe('npm run export', { timeout: 120_000 }, () => {
  it('writes the board workbook of a plan file, comparing scenarios, without changing the plan', async () => {
    const plan = demoFile();
    const before = sha256(plan);
    const out = path.join(tempDir(), 'board.xlsx');
    const r = await cli([plan, '--scenario', 'Our Dorset plan', '--compare', 'Do nothing', '--out', out, '--suppress-below', '5']);
    expect(r.out).toContain(`Wrote ${out}`);
    expect(r.code).toBe(0);
    const wb = XLSX.read(fs.readFileSync(out));
    expect(wb.SheetNames).toContain('Projection Do nothing');
    expect(sha256(plan)).toBe(before);
    const cover = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Cover']!, { header: 1 });
    expect(cover.find((row) => row[0] === 'Plan file SHA-256')?.[1]).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes live formulas with --formulas', { timeout: 300_000 }, async () => {
    const out = path.join(tempDir(), 'live.xlsx');
    const r = await cli(['--demo', '--out', out, '--formulas', '--sheets', 'projection']);
    expect(r.code).toBe(0);
    const wb = XLSX.read(fs.readFileSync(out), { cellFormula: true, sheetStubs: true });
    expect(wb.SheetNames.slice(0, 2)).toEqual(['Cover', 'Inputs']);
    // Row 5 names the first section (supply); row 6 is the first organisation × role, years from column C.
    expect((wb.Sheets['Projection']!['A5'] as XLSX.CellObject).v).toBe('Supply: FTE in post at the year end');
    expect((wb.Sheets['Projection']!['C6'] as XLSX.CellObject).f).toMatch(/^'Calc cells'!/);
  });

  it('adds an Uncertainty sheet with --uncertainty and --seed; --typical-ranges fills empty ranges for that workbook only', async () => {
    const plan = demoFile();
    const before = sha256(plan);
    const out = path.join(tempDir(), 'sure.xlsx');
    const r = await cli([
      plan,
      '--scenario',
      'Our Dorset plan',
      '--out',
      out,
      '--sheets',
      'summary',
      '--uncertainty',
      '200',
      '--seed',
      '9',
      '--typical-ranges',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Uncertainty: 200 runs, seed 9, empty ranges filled with the typical ones for this export.');
    const wb = XLSX.read(fs.readFileSync(out));
    expect(wb.SheetNames).toEqual(['Cover', 'Summary', 'Uncertainty']);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['Uncertainty']!, { header: 1 });
    expect(String(rows[1]![0])).toMatch(/^200 simulated runs, seed 9; \d+ assumptions with a range\.$/);
    const p10 = rows.find((x) => x[0] === 'Supply (FTE)' && x[1] === 'P10')!;
    const p90 = rows.find((x) => x[0] === 'Supply (FTE)' && x[1] === 'P90')!;
    expect(Number(p10.at(-1))).toBeLessThan(Number(p90.at(-1)));
    // The plan file is untouched: the typical ranges were for this workbook only.
    expect(sha256(plan)).toBe(before);
  });

  it('refuses a bad --uncertainty or --seed, or --seed without --uncertainty, as a usage error', async () => {
    const out = path.join(tempDir(), 'x.xlsx');
    for (const args of [
      ['--uncertainty', 'many'],
      ['--uncertainty', '0'],
      ['--uncertainty', '200', '--seed', '-1'],
      ['--seed', '4'],
    ]) {
      const r = await cli(['--demo', '--out', out, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out).toContain('Usage:');
    }
    expect(fs.existsSync(out)).toBe(false);
  });

  it('says clearly what is wrong, with a non-zero exit: missing plan, unknown scenario, unwritable path, bad options', async () => {
    const plan = demoFile();
    const dir = tempDir();
    const missing = await cli([path.join(dir, 'nope.wfplan'), '--scenario', 'x', '--out', path.join(dir, 'b.xlsx')]);
    expect(missing.code).toBe(1);
    expect(missing.out).toBe(`Export failed: There is no plan file at ${path.join(dir, 'nope.wfplan')}. Check the path and try again.`);

    const unknown = await cli([plan, '--scenario', 'Stretch', '--out', path.join(dir, 'b.xlsx')]);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toBe('Export failed: There is no scenario called "Stretch" in Dorset.wfplan. It has: "Do nothing", "Our Dorset plan".');

    const unwritable = await cli([plan, '--scenario', 'Do nothing', '--out', path.join(dir, 'no-such-folder', 'b.xlsx')]);
    expect(unwritable.code).toBe(1);
    expect(unwritable.out).toContain(`the folder ${path.join(dir, 'no-such-folder')} does not exist`);

    fs.mkdirSync(path.join(dir, 'b.xlsx'));
    const folder = await cli([plan, '--scenario', 'Do nothing', '--out', path.join(dir, 'b.xlsx')]);
    expect(folder.code).toBe(1);
    expect(folder.out).toContain('already holds a folder with that name');

    expect((await cli([plan, '--scenario', 'Do nothing'])).code).toBe(2);
    expect((await cli([plan, '--out', path.join(dir, 'c.xlsx')])).out).toContain('This plan has: "Do nothing", "Our Dorset plan"');
    expect((await cli([plan, '--scenario', 'Do nothing', '--out', path.join(dir, 'c.xlsx'), '--suppress-below', 'five'])).code).toBe(2);
    expect((await cli([plan, '--scenario', 'Do nothing', '--out', path.join(dir, 'c.xlsx'), '--sheets', 'cover,gossip'])).out).toContain(
      '--sheets must be a comma-separated list',
    );
    expect((await cli([plan, '--scenario', 'Do nothing', '--out', path.join(dir, 'c.xlsx'), '--bogus'])).code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'c.xlsx'))).toBe(false);
  });

  it('exits non-zero as a process, with the message on stderr', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const run = promisify(execFile);
    const err = (await run(path.resolve('node_modules/.bin/tsx'), [
      'src/cli/export.ts',
      path.join(dir, 'missing.wfplan'),
      '--scenario',
      'x',
      '--out',
      path.join(dir, 'b.xlsx'),
    ]).catch((e: unknown) => e)) as {
      code: number;
      stderr: string;
    };
    expect(err.code).toBe(1);
    expect(err.stderr).toContain('There is no plan file at');
  });

  it(
    'prints the board summary through the npm script itself, as a planner runs it (its React is compiled as the script compiles it)',
    { timeout: 120_000 },
    async () => {
      const out = path.join(tempDir(), 'summary.pdf');
      const run = promisify(execFile);
      const r = await run('npm', ['run', '-s', 'export', '--', '--demo', '--pdf', out]);
      expect(r.stdout).toContain(`Wrote ${out} (the board summary`);
      expect(fs.readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    },
  );

  it('writes the board summary PDF with --pdf: two to four A4 landscape pages holding the targets table', { timeout: 120_000 }, async () => {
    const dir = tempDir();
    const out = path.join(dir, 'summary.pdf');
    const r = await cli(['--demo', '--pdf', out]);
    expect(r.out).toContain(`Wrote ${out} (the board summary`);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(['summary.pdf']);
    const run = promisify(execFile);
    const info = (await run('pdfinfo', [out])).stdout;
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    expect(info).toMatch(/Page size:\s+84\d\.\d+ x 59\d\.\d+ pts \(A4\)/);
    const text = (await run('pdftotext', ['-layout', out, '-'])).stdout;
    // The targets table: each target with its target value, projected value and status.
    for (const line of [
      /Additional registered nurses through degree apprenticeships\s+2027\/28\s+250\.0\s+190\.0\s+\S\s*Missed/,
      /Additional nursing associates trained\s+2025\/26\s+452\.0\s+420\.0\s+!\s*Close/,
      /Learners on clinical placement \(\+40 % on 2,000\)\s+2024\/25\s+2,800\.0\s+2,800\.0\s+\S\s*Met/,
      /Endoscopists trained\s+2024\/25\s+not set\s+0\.0\s+\?\s*Not set/,
    ])
      expect(text).toMatch(line);
    // The sign convention, the sections, the fingerprint, and page x of y.
    expect(text).toMatch(/Supply − demand in 2028\/29[^\n]*\n?[^\n]*/);
    // The demo's headline gap as the engine works it out, written negative with a minus sign.
    const demo = createDemoPlan(path.join(tempDir(), 'demo.wfplan'));
    const totals = systemTotals(runScenario(demo.db, listScenarios(demo.db).find((s) => s.name === 'Our Dorset plan')!.id).projection);
    const gap = totals.closing.at(-1)! - totals.demand.at(-1)!;
    closeSession(demo);
    expect(gap).toBeLessThan(0);
    expect(text).toContain(`−${Math.abs(gap).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} FTE`);
    for (const heading of ['At a glance', 'Targets', 'Shortage roles', 'Supply against demand, all organisations', 'Biggest gaps', 'Key assumptions'])
      expect(text).toContain(heading);
    expect(text).toMatch(/SHA-256 [0-9a-f]{64}/);
    expect(text).toContain(`Page 1 of ${pages}`);
    // Without a simulation, nothing about chances.
    expect(text).not.toContain('Chance of being met');
    expect(text).not.toContain('How sure are we');
  });

  it(
    'with --pdf and --uncertainty, the board summary shows the fan chart and each target’s chance; the workbook is written alongside',
    { timeout: 300_000 },
    async () => {
      const plan = demoFile();
      const before = sha256(plan);
      const dir = tempDir();
      const pdf = path.join(dir, 'x.pdf');
      const xlsx = path.join(dir, 'x.xlsx');
      const r = await cli([
        plan,
        '--scenario',
        'Our Dorset plan',
        '--out',
        xlsx,
        '--sheets',
        'summary',
        '--pdf',
        pdf,
        '--uncertainty',
        '1000',
        '--seed',
        '42',
        '--typical-ranges',
      ]);
      expect(r.out).toContain(`Wrote ${pdf} (the board summary`);
      expect(r.out).toContain('Uncertainty: 1,000 runs, seed 42, empty ranges filled with the typical ones for this export.');
      expect(r.code).toBe(0);
      expect(XLSX.read(fs.readFileSync(xlsx)).SheetNames).toEqual(['Cover', 'Summary', 'Uncertainty']);
      const run = promisify(execFile);
      const pages = Number(/Pages:\s+(\d+)/.exec((await run('pdfinfo', [pdf])).stdout)?.[1]);
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(pages).toBeLessThanOrEqual(4);
      const text = (await run('pdftotext', ['-layout', pdf, '-'])).stdout;
      expect(text.replace(/\s+/g, ' ')).toContain('How sure are we: supply against demand over 1,000 simulated runs');
      expect(text).toContain('Chance of being met');
      // Each target's chance is the simulation's (the same runs and seed give the same numbers).
      const session = openSession(plan, { readOnly: true });
      const id = listScenarios(session.db).find((s) => s.name === 'Our Dorset plan')!.id;
      const expected = simulateHere(session.db, id, 1000, 42, { typicalRanges: true });
      const names = new Map((session.db.prepare('SELECT id, name FROM target').all() as { id: number; name: string }[]).map((t) => [t.id, t.name]));
      closeSession(session);
      const judged = expected.targets.filter((t) => t.probability !== null);
      expect(judged.length).toBeGreaterThan(0);
      for (const t of judged) {
        const line = text.split('\n').find((l) => l.includes(names.get(t.targetId)!.slice(0, 30)))!;
        expect(line, names.get(t.targetId)).toContain(formatPercent(t.probability!));
      }
      expect(text).toContain(`median ${formatFte(expected.totals.supply.p50.at(-1)!)}`);
      expect(sha256(plan)).toBe(before);

      // A scenario without ranges: the summary says nothing about chances, and the command says why.
      const flat = path.join(dir, 'flat.pdf');
      const f = await cli([plan, '--scenario', 'Do nothing', '--pdf', flat, '--uncertainty', '200']);
      expect(f.code).toBe(0);
      expect(f.out).toContain('The scenario has no ranges: the board summary says nothing about chances.');
      const flatText = (await run('pdftotext', ['-layout', flat, '-'])).stdout;
      expect(flatText).not.toContain('Chance of being met');
      expect(flatText).not.toContain('How sure are we');
    },
  );

  it('says which browser to install when none can print the PDF, and finds Electron before a browser', async () => {
    const data = { planName: 'P', scenarioName: 'S', madeAt: new Date(0).toISOString(), planHash: '0'.repeat(64) };
    const e = await printBoardSummary({} as never, pdfSettings(pageTemplates(data)), []).catch((x: unknown) => x);
    expect((e as Error).message).toBe(NO_ENGINE);
    expect(NO_ENGINE).toContain('apt-get install chromium');
    const root = tempDir();
    fs.mkdirSync(path.join(root, 'node_modules', 'electron', 'dist'), { recursive: true });
    fs.writeFileSync(path.join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    fs.writeFileSync(path.join(root, 'node_modules', 'electron', 'dist', 'electron'), '');
    const engines = findEngines({ root, env: {}, platform: 'linux', exists: (p) => p === '/usr/bin/chromium' });
    expect(engines).toEqual([
      { kind: 'electron', path: path.join(root, 'node_modules', 'electron', 'dist', 'electron') },
      { kind: 'chromium', path: '/usr/bin/chromium' },
    ]);
    expect(findEngines({ root: tempDir(), env: { WFP_BROWSER: '/opt/edge' }, platform: 'linux', exists: (p) => p === '/opt/edge' })).toEqual([
      { kind: 'chromium', path: '/opt/edge' },
    ]);
    expect(findEngines({ root: tempDir(), env: {}, platform: 'win32', exists: () => false, playwrightChromium: () => null })).toEqual([]);
  });
});
