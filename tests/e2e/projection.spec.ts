import type Database from 'better-sqlite3';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { GridPage } from './pages/grid';
import { runProjection } from '../../src/main/services/projection';
import { formatFte, formatHeads } from '../../src/shared/format';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const DCH = 'Dorset County Hospital NHS Foundation Trust';

async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function openProjection(page: Page) {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Projection' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Projection' })).toBeVisible();
}

/** "−1,234.5" / "+3.0" / "12.0" → number. */
const parseShown = (text: string): number => Number(text.replace(/[,\s]/g, '').replace('−', '-').replace('+', ''));

function ids(app: { ctx: { db: Database.Database } }) {
  const db = app.ctx.db;
  const get = (sql: string, name: string) => (db.prepare(sql).get(name) as { id: number }).id;
  return {
    scenario: get('SELECT id FROM scenario WHERE name = ?', 'Our Dorset plan'),
    dch: get('SELECT id FROM organisation WHERE name = ?', DCH),
    nurse: get('SELECT id FROM role WHERE name = ?', 'Registered nurse'),
  };
}

test('rows by organisation and role, filtered; columns by year; FTE or headcount; totals pinned', async ({ app }) => {
  test.setTimeout(120_000);
  const { page, ctx } = app;
  const id = ids(app);
  const expected = runProjection(ctx.db, id.scenario);
  await openProjection(page);
  await expect(page.getByRole('status').filter({ hasText: `${expected.cells.length} of ${expected.cells.length} rows` })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'FTE' })).toBeChecked();
  // Supply, demand and gap for each year, grouped by year.
  await page.getByRole('combobox', { name: 'Show' }).selectOption('all-measures');
  await expect(page.locator('.ag-header-group-cell', { hasText: '2019/20' })).toHaveCount(1);

  await page.getByRole('combobox', { name: 'Organisation' }).selectOption({ label: DCH });
  const inDch = expected.cells.filter((c) => c.orgId === id.dch);
  await expect(page.getByRole('status').filter({ hasText: `${inDch.length} of ${expected.cells.length} rows` })).toBeVisible();

  const grid = new GridPage(page);
  const row = await grid.rowIndexOf('Registered nurse', 'role');
  const cell = expected.cells.find((c) => c.orgId === id.dch && c.roleId === id.nurse)!;
  await expect(grid.cell(row, 's2028')).toHaveText(formatFte(cell.closing[9]!));
  await expect(grid.cell(row, 'd2028')).toHaveText(formatFte(cell.demand[9]!));
  // 2019/20: demand above supply, shown as a shortfall (minus sign, red text).
  expect(cell.gap[0]!).toBeGreaterThan(1);
  await expect(grid.cell(row, 'g2019')).toHaveText(`−${formatFte(cell.gap[0]!)}`);
  await expect(grid.cell(row, 'g2019')).toHaveClass(/shortfall/);

  // Totals of the filtered rows, pinned at the foot.
  const pinned = page.locator('.ag-row-pinned', { hasText: 'Total (' }).first();
  await expect(pinned).toContainText(`Total (${inDch.length} rows)`);
  const supplyTotal = inDch.reduce((a, c) => a + c.closing[0]!, 0);
  await expect(page.locator('.ag-row-pinned [col-id="s2019"]').first()).toHaveText(formatFte(supplyTotal));

  // Staff group narrows further.
  await page.getByRole('combobox', { name: 'Staff group' }).selectOption('Nursing and Midwifery Registered');
  const groupOf = (roleId: number) => (ctx.db.prepare('SELECT staff_group AS g FROM role WHERE id = ?').get(roleId) as { g: string }).g;
  const nmr = inDch.filter((c) => groupOf(c.roleId) === 'Nursing and Midwifery Registered');
  await expect(page.getByRole('status').filter({ hasText: `${nmr.length} of ${expected.cells.length} rows` })).toBeVisible();

  // Headcount: the engine's closing headcount, whole numbers.
  await page.getByRole('radio', { name: 'Headcount' }).check();
  await expect(page.getByText('Headcount is at each row’s baseline FTE per head.')).toBeVisible();
  const row2 = await grid.rowIndexOf('Registered nurse', 'role');
  await expect(grid.cell(row2, 's2028')).toHaveText(formatHeads(cell.closingHeadcount[9]!));
  await app.screenshot('projection-headcount');
  await page.getByRole('radio', { name: 'FTE' }).check();
  // Accessibility checked on the filtered grid: the same markup, a fraction of the cells to scan.
  await axe(page);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${expected.cells.length} of ${expected.cells.length} rows` })).toBeVisible();
  await app.screenshot('projection');
});

test('the bridge of one row adds up from opening to closing, pipeline by pipeline, for a chosen range', async ({ app }) => {
  test.setTimeout(120_000);
  const { page, ctx } = app;
  const id = ids(app);
  const expected = runProjection(ctx.db, id.scenario);
  const cell = expected.cells.find((c) => c.orgId === id.dch && c.roleId === id.nurse)!;
  await openProjection(page);
  await page.getByRole('combobox', { name: 'Organisation' }).selectOption({ label: DCH });
  const grid = new GridPage(page);
  await grid.cell(await grid.rowIndexOf('Registered nurse', 'role'), 'role').click();

  const panel = page.getByRole('complementary', { name: `Registered nurse, ${DCH}` });
  await expect(panel).toBeVisible();
  const table = panel.locator('.bridge-table');
  const value = (label: string) => table.locator('tr', { has: page.getByRole('rowheader', { name: label, exact: true }) }).locator('td');
  await expect(value('Opening')).toHaveText(formatFte(cell.opening[0]!));
  await expect(value('Closing')).toHaveText(formatFte(cell.closing[9]!));
  const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
  await expect(value('Leavers')).toHaveText(`−${formatFte(sum(cell.leavers))}`);
  await expect(value('Retirements')).toHaveText(`−${formatFte(sum(cell.retirements))}`);
  await expect(value('Other joiners')).toHaveText(`+${formatFte(sum(cell.otherJoiners))}`);

  // The engine's own flows telescope: opening + joiners − leavers − … = closing.
  const flows = sum(cell.qualified) + sum(cell.otherJoiners) - sum(cell.leavers) - sum(cell.retirements) - sum(cell.progressionOut);
  expect(cell.opening[0]! + flows).toBeCloseTo(cell.closing[9]!, 6);
  // And the rows shown add up too (to within the rounding of each shown figure).
  const shown = await table.locator('tbody td').allTextContents();
  const numbers = shown.map(parseShown);
  const total = numbers.slice(0, -1).reduce((a, b) => a + b, 0);
  expect(Math.abs(total - numbers.at(-1)!)).toBeLessThanOrEqual(0.05 * numbers.length);
  // Each pipeline into the cell shows its own qualified FTE; they add up to the engine's qualified.
  const qualifiedRows = table.locator('tr', { hasText: 'Qualified' });
  expect(await qualifiedRows.count()).toBeGreaterThan(1);
  const qualifiedShown = (await qualifiedRows.locator('td').allTextContents()).map(parseShown).reduce((a, b) => a + b, 0);
  expect(Math.abs(qualifiedShown - sum(cell.qualified))).toBeLessThanOrEqual(0.05 * (await qualifiedRows.count()));
  await expect(panel.getByRole('img', { name: /Bridge of Registered nurse/ })).toBeVisible();
  await app.screenshot('projection-bridge');

  // A shorter range: opening of 2021/22, closing of 2023/24.
  await panel.getByRole('combobox', { name: 'From the start of' }).selectOption({ label: '2021/22' });
  await panel.getByRole('combobox', { name: 'to the end of' }).selectOption({ label: '2023/24' });
  await expect(value('Opening')).toHaveText(formatFte(cell.opening[2]!));
  await expect(value('Closing')).toHaveText(formatFte(cell.closing[4]!));
  await expect(value('Leavers')).toHaveText(`−${formatFte(cell.leavers[2]! + cell.leavers[3]! + cell.leavers[4]!)}`);
  await axe(page);
  await panel.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toBeHidden();
});

test('keyboard only: arrows through the grid, Enter opens the bridge, Esc closes it', async ({ app }) => {
  const { page } = app;
  await openProjection(page);
  await page.getByRole('combobox', { name: 'Organisation' }).selectOption({ label: DCH });
  const grid = new GridPage(page);
  const first = grid.cell('0', 'org');
  await first.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(grid.cell('1', 'role')).toBeFocused();
  const role = (await grid.cell('1', 'role').textContent()) ?? '';
  await page.keyboard.press('Enter');
  const panel = page.getByRole('complementary', { name: `${role}, ${DCH}` });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { level: 2 })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: 'Dock right' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(grid.cell('1', 'role')).toBeFocused();
});
