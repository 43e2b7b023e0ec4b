/**
 * The Export dialog through the real handlers: choose scenarios, sheets and options, answer the
 * save dialog, and read the written workbook back with SheetJS. Also the CSV button, errors
 * that keep the old file, and the native menu's Export command.
 */
import AxeBuilder from '@axe-core/playwright';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import XLSX from 'xlsx';
import { parse } from 'csv-parse/sync';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { test, expect, SCREENS_DIR } from './harness';
import { runScenario } from '../../src/main/services/projection';
import { listScenarios } from '../../src/main/db/repos/scenarios';
import { updatePipelineFields } from '../../src/main/services/pipelines';
import { listAssumptions } from '../../src/main/services/inputs';
import { systemTotals } from '../../src/shared/model';
import { fillTypicalRanges } from '../../src/main/services/ranges';
import { simulateHere } from '../../src/main/services/uncertainty/service';
import { DEFAULT_RUNS, DEFAULT_SEED } from '../../src/shared/model/uncertainty';
import { formatPercent } from '../../src/shared/format';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const rowsOf = (ws: XLSX.WorkSheet) => XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });

test('exports the board workbook comparing two scenarios, with suppression, and it reads back equal to the engine', async ({ app }, testInfo) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export board workbook' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: /Our Dorset plan/ })).toBeChecked();
  await app.screenshot('export-dialog');
  await expectAccessible(page);

  await dialog.getByRole('checkbox', { name: 'Do nothing' }).check();
  await dialog.getByRole('checkbox', { name: 'Assumptions register' }).uncheck();
  await dialog.getByRole('checkbox', { name: 'Suppress small numbers for publication' }).check();
  await dialog.getByRole('spinbutton').fill('5');
  await app.screenshot('export-dialog-options');

  const target = testInfo.outputPath('board.xlsx');
  app.dialogs.answer(target);
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByText(`Saved the board workbook to ${target}`)).toBeVisible({ timeout: 30_000 });
  await expect(dialog).toBeHidden();
  await app.screenshot('export-done');

  const wb = XLSX.read(fs.readFileSync(target), { cellFormula: true, sheetStubs: true });
  expect(wb.SheetNames).toEqual([
    'Cover',
    'Summary',
    'Bridge Our Dorset plan',
    'Projection Our Dorset plan',
    'Pipelines Our Dorset plan',
    'Bridge Do nothing',
    'Projection Do nothing',
    'Pipelines Do nothing',
  ]);
  for (const name of wb.SheetNames)
    for (const [addr, cell] of Object.entries(wb.Sheets[name]!))
      if (!addr.startsWith('!')) expect((cell as XLSX.CellObject).f, `${name}!${addr}`).toBeUndefined();
  const cover: Record<string, unknown> = Object.fromEntries(rowsOf(wb.Sheets['Cover']!).map((r) => [String(r[0]), r[1]]));
  expect(cover['Scenarios compared']).toBe('Our Dorset plan; Do nothing');
  expect(String(cover['Small numbers'])).toContain('Headcounts under 5 are suppressed');
  expect(cover['Plan file SHA-256']).toBe(sha256(app.planPath));

  // Values against the engine: the Do nothing projection, every visible (unsuppressed) supply figure.
  const nothing = listScenarios(app.ctx.db).find((s) => s.name === 'Do nothing')!;
  const run = runScenario(app.ctx.db, nothing.id);
  const rows = rowsOf(wb.Sheets['Projection Do nothing']!);
  const section = (label: string) => {
    const from = rows.findIndex((r) => r[0] === label);
    return rows
      .slice(from + 1, from + 1 + run.result.cells.length + 100)
      .filter((r) => r[1] !== 'All roles' && r[0] !== 'All organisations')
      .slice(0, run.result.cells.length);
  };
  const supply = section('Supply: FTE in post at the year end');
  const demand = section('Demand: FTE needed');
  let compared = 0;
  run.result.cells.forEach((c, i) =>
    run.result.years.forEach((_, t) => {
      expect(demand[i]![2 + t]).toBe(c.demand[t]);
      if (supply[i]![2 + t] !== 'suppressed') {
        expect(supply[i]![2 + t]).toBe(c.closing[t]);
        compared++;
      }
    }),
  );
  expect(compared).toBeGreaterThan(100);
});

test('a locked target keeps the old file and the dialog says what to do; cancelling the save dialog writes nothing', async ({ app }, testInfo) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export board workbook' });

  // Cancelled save dialog: nothing happens, the dialog stays.
  app.dialogs.answer(null);
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('button', { name: 'Export…' })).toBeEnabled();
  await expect(dialog).toBeVisible();

  const target = testInfo.outputPath('board-locked.xlsx');
  fs.writeFileSync(target, 'last month’s board papers');
  fs.chmodSync(target, 0o444);
  app.dialogs.answer(target);
  await dialog.getByRole('button', { name: 'Export…' }).click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('Could not write "board-locked.xlsx"');
  await expect(alert).toContainText('the existing file is read-only. Nothing was replaced');
  expect(fs.readFileSync(target, 'utf8')).toBe('last month’s board papers');
  await app.screenshot('export-locked');
  await expectAccessible(page);

  // The same dialog can then export elsewhere.
  const other = testInfo.outputPath('board-other.xlsx');
  app.dialogs.answer(other);
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByText(`Saved the board workbook to ${other}`)).toBeVisible({ timeout: 30_000 });
  expect(fs.existsSync(other)).toBe(true);
  expect(fs.readdirSync(path.dirname(other)).filter((f) => f.endsWith('.partial'))).toEqual([]);
});

test('live formulas from the native menu: the projection is formulas over Inputs', async ({ app }, testInfo) => {
  // The live model's every formula is worked out before it is written: seconds, more on a busy machine.
  test.setTimeout(240_000);
  const { page } = app;
  app.ctx.emit('menu/command', { command: 'export' });
  const dialog = page.getByRole('dialog', { name: 'Export board workbook' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('checkbox', { name: 'Live formulas' }).check();
  await expect(dialog.getByRole('checkbox', { name: 'Suppress small numbers for publication' })).toBeDisabled();
  await expect(dialog.getByText('Not available with live formulas')).toBeVisible();
  const target = testInfo.outputPath('live.xlsx');
  app.dialogs.answer(target);
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByText(`Saved the board workbook to ${target}`)).toBeVisible({ timeout: 200_000 });
  const wb = XLSX.read(fs.readFileSync(target), { cellFormula: true, sheetStubs: true });
  expect(wb.SheetNames).toContain('Inputs');
  expect((wb.Sheets['Projection']!['C6'] as XLSX.CellObject).f).toMatch(/^'Calc cells'!/);
  // Every formula carries its value, and the Summary is formulas too.
  expect((wb.Sheets['Projection']!['C6'] as XLSX.CellObject).v).toEqual(expect.any(Number));
  expect(Object.values(wb.Sheets['Summary']!).some((c) => typeof c === 'object' && c !== null && 'f' in c)).toBe(true);
  // Text stays text even in formula mode: the organisation column has no formulas.
  expect((wb.Sheets['Projection']!['A5'] as XLSX.CellObject).f).toBeUndefined();
});

test('Export CSV on the pipelines grid writes neutralised text and plain numbers', async ({ app }, testInfo) => {
  const { page } = app;
  const plan = listScenarios(app.ctx.db).find((s) => s.name === 'Our Dorset plan')!;
  const first = app.ctx.db.prepare('SELECT id FROM pipeline WHERE scenario_id = ? ORDER BY sort, id LIMIT 1').get(plan.id) as { id: number };
  updatePipelineFields(app.ctx.db, first.id, { name: '=HYPERLINK("http://x","y")' });
  await app.reload();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Pipelines' }).click();
  await expect(page.getByRole('heading', { name: 'Pipelines' })).toBeVisible();
  const target = testInfo.outputPath('pipelines.csv');
  app.dialogs.answer(target);
  await page.getByRole('button', { name: 'Export CSV' }).click();
  await expect(page.getByText(`to ${target}`)).toBeVisible();
  await app.screenshot('export-csv-done');
  const rows: string[][] = parse(fs.readFileSync(target, 'utf8'), { bom: true });
  expect(rows[0]!.slice(0, 4)).toEqual(['Pipeline', 'Type', 'Organisation', 'Role']);
  expect(rows[0]).toContain('Intake 2024/25');
  expect(rows.some((r) => r[0] === `'=HYPERLINK("http://x","y")`)).toBe(true);
  for (const r of rows) expect(r[0]).not.toMatch(/^[=+\-@\t\r]/);
  // Numbers are plain numbers: the renamed pipeline's 2019/20 intake as stored.
  const heads = (app.ctx.db.prepare('SELECT heads FROM pipeline_intake WHERE pipeline_id = ? AND year = 2019').get(first.id) as { heads: number } | undefined)
    ?.heads;
  const renamed = rows.find((r) => r[0] === `'=HYPERLINK("http://x","y")`)!;
  expect(renamed[rows[0]!.indexOf('Intake 2019/20')]).toBe(heads === undefined ? '' : String(heads));
  expect(rows.length - 1).toBe((app.ctx.db.prepare('SELECT count(*) AS n FROM pipeline WHERE scenario_id = ?').get(plan.id) as { n: number }).n);
});

/** The headline gap of a scenario's last year as the app writes it: supply − demand, a shortfall with a minus sign. */
function headlineGap(db: Parameters<typeof runScenario>[0], scenarioId: number): string {
  const totals = systemTotals(runScenario(db, scenarioId).projection);
  const gap = totals.closing.at(-1)! - totals.demand.at(-1)!;
  return `${gap < 0 ? '−' : '+'}${Math.abs(gap).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} FTE`;
}

test('the board summary: a print view at 1366×768, saved as a PDF of two to four A4 pages through the real handlers', async ({ app }, testInfo) => {
  const { page } = app;
  const ours = listScenarios(app.ctx.db).find((s) => s.name === 'Our Dorset plan')!;
  const headline = headlineGap(app.ctx.db, ours.id);
  expect(headline.startsWith('−')).toBe(true);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export board workbook' });
  await dialog.getByRole('button', { name: 'Board summary (PDF)…' }).click();
  const toolbar = page.getByRole('toolbar', { name: 'Board summary' });
  await expect(toolbar).toBeVisible();
  const paper = page.getByRole('article', { name: 'Workforce plan: board summary' });
  await expect(paper).toBeVisible();
  await expect(paper.getByRole('heading', { name: 'Targets' })).toBeVisible();
  // The shortfall is written as the app writes it everywhere: negative, with a minus sign.
  await expect(paper.getByText(headline, { exact: true })).toBeVisible();
  await app.screenshot('board-summary-preview');
  await expectAccessible(page);

  // Cancelling the save dialog keeps the preview.
  app.dialogs.answer(null);
  await toolbar.getByRole('button', { name: 'Save PDF…' }).click();
  await expect(toolbar.getByRole('button', { name: 'Save PDF…' })).toBeEnabled();
  await expect(paper).toBeVisible();

  const target = testInfo.outputPath('board-summary.pdf');
  app.dialogs.answer(target);
  await toolbar.getByRole('button', { name: 'Save PDF…' }).click();
  await expect(page.getByText(`Saved the board summary to ${target}.`)).toBeVisible({ timeout: 30_000 });
  await expect(toolbar).toBeHidden();
  expect(app.dialogs.asked.at(-1)).toEqual({ kind: 'save', title: 'Save board summary (PDF)' });
  expect(fs.readdirSync(path.dirname(target)).filter((f) => f.endsWith('.partial'))).toEqual([]);

  const run = promisify(execFile);
  const info = (await run('pdfinfo', [target])).stdout;
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  expect(pages).toBeGreaterThanOrEqual(2);
  expect(pages).toBeLessThanOrEqual(4);
  expect(info).toMatch(/Page size:\s+84\d\.\d+ x 59\d\.\d+ pts \(A4\)/);
  const text = (await run('pdftotext', ['-layout', target, '-'])).stdout;
  // The targets table, as the engine evaluates it.
  const plan = listScenarios(app.ctx.db).find((s) => s.name === 'Our Dorset plan')!;
  const result = runScenario(app.ctx.db, plan.id).result;
  const targets = app.ctx.db.prepare('SELECT id, name FROM target').all() as { id: number; name: string }[];
  const words = { green: 'Met', amber: 'Close', red: 'Missed', unknown: 'Not set' } as const;
  for (const t of result.targets) {
    const name = targets.find((x) => x.id === t.targetId)!.name;
    const row = text.split('\n').find((l) => l.includes(name));
    expect(row, name).toBeDefined();
    expect(row).toContain(words[t.status]);
  }
  // Every section the board asked for, in order.
  const sections = ['At a glance', 'Targets', 'Shortage roles', 'Supply against demand, all organisations', 'Biggest gaps', 'Key assumptions'];
  const at = sections.map((h) => text.indexOf(h));
  at.forEach((i, k) => expect(i, sections[k]).toBeGreaterThanOrEqual(0));
  expect([...at].sort((a, b) => a - b)).toEqual(at);
  expect(text).toContain(headline);
  // The assumptions with their status, counted as the register holds them.
  const register = listAssumptions(app.ctx.db, plan.id);
  const count = (status: string) => register.filter((a) => a.status === status).length;
  expect(count('illustrative')).toBeGreaterThan(0);
  expect(text.replace(/\s+/g, ' ')).toContain(
    `${count('stated')} numbers are stated (from a document), ${count('derived')} derived (calculated from published data) and ${count('illustrative')} illustrative`,
  );
  for (const word of ['Stated', 'Derived', 'Illustrative']) expect(text).toContain(word);
  expect(text).toMatch(new RegExp(`SHA-256\\s+${sha256(app.planPath)}`));
  expect(text).toContain('Scenario: Our Dorset plan');
  expect(text).toContain(`Page 1 of ${pages}`);
  // The pages as pictures, to look at.
  await run('pdftoppm', ['-r', '60', '-png', target, path.join(SCREENS_DIR, 'board-summary-page')]);
  // The toolbar is not printed.
  expect(text).not.toContain('Save PDF');
  // Without the Uncertainty option, nothing about chances.
  expect(text).not.toContain('Chance of being met');
  expect(text).not.toContain('How sure are we');
});

test('the board summary with Uncertainty ticked: the fan chart and each target’s chance, simulated in the worker, within four A4 pages', async ({
  app,
}, testInfo) => {
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  const plan = listScenarios(app.ctx.db).find((s) => s.name === 'Our Dorset plan')!;
  fillTypicalRanges(app.ctx.db, plan.id);
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export board workbook' });
  await dialog.getByRole('checkbox', { name: 'Uncertainty' }).check();
  await dialog.getByRole('button', { name: 'Board summary (PDF)…' }).click();
  const paper = page.getByRole('article', { name: 'Workforce plan: board summary' });
  await expect(paper).toBeVisible({ timeout: 60_000 });
  const fan = paper.getByRole('figure').filter({ hasText: 'How sure are we: supply against demand over 1,000 simulated runs' });
  await expect(fan).toBeVisible();
  await expect(paper.getByRole('columnheader', { name: 'Chance of being met' })).toBeVisible();
  await app.screenshot('board-summary-preview-uncertainty');
  await fan.scrollIntoViewIfNeeded();
  await app.screenshot('board-summary-preview-fan');
  await expectAccessible(page);

  const target = testInfo.outputPath('board-summary-uncertainty.pdf');
  app.dialogs.answer(target);
  await page.getByRole('toolbar', { name: 'Board summary' }).getByRole('button', { name: 'Save PDF…' }).click();
  await expect(page.getByText(`Saved the board summary to ${target}.`)).toBeVisible({ timeout: 30_000 });
  const run = promisify(execFile);
  const pages = Number(/Pages:\s+(\d+)/.exec((await run('pdfinfo', [target])).stdout)?.[1]);
  expect(pages).toBeGreaterThanOrEqual(2);
  expect(pages).toBeLessThanOrEqual(4);
  const text = (await run('pdftotext', ['-layout', target, '-'])).stdout;
  expect(text.replace(/\s+/g, ' ')).toContain('How sure are we: supply against demand over 1,000 simulated runs');
  // Each target's chance as the simulation (the dashboard's runs and seed) gives it.
  const expected = simulateHere(app.ctx.db, plan.id, DEFAULT_RUNS, DEFAULT_SEED);
  const targets = app.ctx.db.prepare('SELECT id, name FROM target').all() as { id: number; name: string }[];
  for (const t of expected.targets) {
    if (t.probability === null) continue;
    const name = targets.find((x) => x.id === t.targetId)!.name;
    const row = text.split('\n').find((l) => l.includes(name.slice(0, 30)));
    expect(row, name).toContain(formatPercent(t.probability));
  }
  await run('pdftoppm', ['-r', '50', '-png', target, path.join(SCREENS_DIR, 'board-summary-uncertainty-page')]);
});
