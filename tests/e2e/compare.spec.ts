import type Database from 'better-sqlite3';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { GridPage } from './pages/grid';
import { compareScenarios } from '../../src/main/services/projection';
import { formatFte } from '../../src/shared/format';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function openCompare(page: Page) {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Compare scenarios' })).toBeVisible();
}

type Db = Database.Database;
const scenarioId = (db: Db, name: string) => (db.prepare('SELECT id FROM scenario WHERE name = ?').get(name) as { id: number }).id;

test('"Do nothing" against "Our Dorset plan": totals and targets side by side, changed cells highlighted and marked', async ({ app }) => {
  test.setTimeout(120_000);
  const { page, ctx } = app;
  const a = scenarioId(ctx.db, 'Do nothing');
  const b = scenarioId(ctx.db, 'Our Dorset plan');
  const expected = compareScenarios(ctx.db, a, b);
  const changed = expected.cells.filter((c) => c.changed);
  expect(changed.length).toBeGreaterThan(0);
  await openCompare(page);
  await expect(page.getByRole('combobox', { name: 'against' }).locator('option:checked')).toHaveText('Do nothing');
  await expect(page.getByRole('combobox', { name: 'Compare' }).locator('option:checked')).toHaveText('Our Dorset plan');
  await expect(page.getByRole('status').filter({ hasText: `${changed.length} of ${expected.cells.length} organisation and role rows differ` })).toBeVisible();

  // Totals: both scenarios' supply at the horizon, and the difference, marked as changed.
  const supply = page.locator('.compare-totals tbody').first();
  await expect(supply.locator('tr').nth(0).locator('td').last()).toHaveText(formatFte(expected.totalsA.closing[9]!));
  await expect(supply.locator('tr').nth(1).locator('td').last()).toHaveText(formatFte(expected.totalsB.closing[9]!));
  const diff = expected.totalsB.closing[9]! - expected.totalsA.closing[9]!;
  await expect(supply.locator('tr').nth(2).locator('td').last()).toHaveText(`${diff > 0 ? '+' : '−'}${formatFte(Math.abs(diff))}`);
  await expect(supply.locator('tr').nth(2).locator('td').last()).toHaveClass(/diff-changed/);

  // Targets: one row each, both statuses in words.
  await expect(page.locator('.compare-targets tbody tr')).toHaveCount(expected.targetsA.length);

  // The grid: only changed rows by default, each changed number marked with ● as well as the highlight.
  const grid = new GridPage(page, page.locator('.compare-grid'));
  await expect(grid.root.locator('.ag-row:not(.ag-row-pinned) [col-id="changed"]').first()).toHaveText('Yes');
  const first = changed[0]!;
  const org = (ctx.db.prepare('SELECT name FROM organisation WHERE id = ?').get(first.orgId) as { name: string }).name;
  await page.locator('.compare-grid').getByRole('combobox', { name: 'Organisation' }).selectOption({ label: org });
  const inOrg = changed.filter((c) => c.orgId === first.orgId);
  const roleName = (ctx.db.prepare('SELECT name FROM role WHERE id = ?').get(first.roleId) as { name: string }).name;
  const row = await grid.rowIndexOf(roleName, 'role');
  await expect(grid.cell(row, 'changed')).toHaveText('Yes');
  const y = first.closing.findIndex((v) => Math.abs(v) > 1e-9);
  const cell = grid.cell(row, `s${2019 + y}`);
  await expect(cell).toHaveClass(/diff-changed/);
  await expect(cell).toContainText('●');
  await expect(grid.root.locator('.ag-row:not(.ag-row-pinned) [col-id="changed"]')).toHaveCount(inOrg.length);
  await page.locator('.compare-grid').getByRole('button', { name: 'Clear filters' }).click();
  await app.screenshot('compare');
  await axe(page);

  // All rows, unchanged ones included: those say "No" and show "–".
  const same = expected.cells.find((c) => !c.changed)!;
  const sameOrg = (ctx.db.prepare('SELECT name FROM organisation WHERE id = ?').get(same.orgId) as { name: string }).name;
  const sameRole = (ctx.db.prepare('SELECT name FROM role WHERE id = ?').get(same.roleId) as { name: string }).name;
  await page.locator('.compare-grid').getByRole('combobox', { name: 'Organisation' }).selectOption({ label: sameOrg });
  await page.locator('.compare-grid').getByRole('combobox', { name: 'Role' }).selectOption({ label: sameRole });
  await expect(grid.root.locator('.ag-row:not(.ag-row-pinned) [col-id="changed"]')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Only rows that differ' }).uncheck();
  await expect(grid.root.locator('.ag-row:not(.ag-row-pinned) [col-id="changed"]')).toHaveText(['No']);
  await expect(grid.cell('0', 's2028')).toHaveText('–');
  await expect(grid.cell('0', 's2028')).not.toHaveClass(/diff-changed/);
});

test('a copy compares equal until it is edited, and the comparison follows the edit without a reload', async ({ app }) => {
  const { page, ctx } = app;
  await openCompare(page);
  // Reach scenario management from the Compare view.
  await page.locator('.view-actions').getByRole('button', { name: 'Manage scenarios…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Manage scenarios' });
  await dialog.getByRole('button', { name: 'Copy Our Dorset plan' }).click();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Stretch');
  await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(dialog.getByRole('rowheader', { name: /Stretch/ })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('combobox', { name: 'against' }).selectOption({ label: 'Our Dorset plan' });
  await page.getByRole('combobox', { name: 'Compare' }).selectOption({ label: 'Stretch' });
  await expect(page.getByRole('status').filter({ hasText: /: 0 of \d+ organisation and role rows differ/ })).toBeVisible();

  // An edit to the copy through the real handlers; the view re-reads on the plan's data version.
  const stretch = scenarioId(ctx.db, 'Stretch');
  const pipelineId = (
    ctx.db.prepare("SELECT id FROM pipeline WHERE scenario_id = ? AND name = 'Registered nurse degree apprenticeship (RBD)'").get(stretch) as { id: number }
  ).id;
  await page.locator('#main').focus();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Pipelines' }).click();
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'Stretch' });
  const grid = new GridPage(page);
  const row = await grid.rowIndexOf('Registered nurse degree apprenticeship (RBD)');
  await grid.editCell(row, 'y2021', '60');
  await expect
    .poll(() =>
      app.readDb((db) => (db.prepare('SELECT heads FROM pipeline_intake WHERE pipeline_id = ? AND year = 2021').get(pipelineId) as { heads: number }).heads),
    )
    .toBe(60);
  await openCompare(page);
  await page.getByRole('combobox', { name: 'against' }).selectOption({ label: 'Our Dorset plan' });
  await page.getByRole('combobox', { name: 'Compare' }).selectOption({ label: 'Stretch' });
  const expected = compareScenarios(ctx.db, scenarioId(ctx.db, 'Our Dorset plan'), stretch);
  const n = expected.cells.filter((c) => c.changed).length;
  expect(n).toBeGreaterThan(0);
  await expect(page.getByRole('status').filter({ hasText: `${n} of ${expected.cells.length} organisation and role rows differ` })).toBeVisible();
  // Undo while on Compare: the difference goes away in place.
  await page.locator('#main').focus();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('status').filter({ hasText: /: 0 of \d+ organisation and role rows differ/ })).toBeVisible();
  await app.screenshot('compare-equal');
});

test('keyboard only: choose the scenarios and reach the differences grid', async ({ app }) => {
  const { page } = app;
  await openCompare(page);
  await page.getByRole('combobox', { name: 'Compare' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('combobox', { name: 'against' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('.view-actions').getByRole('button', { name: 'Manage scenarios…' })).toBeFocused();
  const cell = page.locator('.compare-grid .ag-row[row-index="0"] [col-id="org"]');
  await cell.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.compare-grid .ag-row[row-index="0"] [col-id="role"]')).toBeFocused();
});
