/**
 * What fits on a 1366×768 laptop: the projection's rows and years, pinned short names with the
 * full name on hover, filters on one line, a collapsible navigation, a bridge panel docked below
 * or beside and resizable, Pipelines' intakes beside the name, and a compact density — the
 * layout choices remembered across a reload.
 */
import type { Locator } from '@playwright/test';
import { test, expect } from './harness';
import { axe, columnsFullyVisible, gridIn, openView, rowsFullyVisible } from './pages/workspace';

test.use({ viewport: { width: 1366, height: 768 } });

const YEARS = Array.from({ length: 10 }, (_, i) => 2019 + i);
const box = async (l: Locator) => (await l.boundingBox())!;

test('Projection at 1366×768: 20 rows and all ten years at once, pinned short names with the full name on hover, filters on one line', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await openView(page, 'Projection');
  const grid = gridIn(page);
  await expect(grid.locator('.ag-row').first()).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Show' })).toHaveValue('years-across');
  await expect(page.getByRole('combobox', { name: 'Measure' })).toHaveValue('gap');
  expect(await rowsFullyVisible(grid)).toBeGreaterThanOrEqual(20);
  expect(await columnsFullyVisible(grid)).toEqual(YEARS.map((y) => `g${y}`));

  // The filters, Find and the count share one line.
  const bar = page.getByRole('group', { name: 'Filter rows' });
  const tops = await Promise.all(
    [
      bar.getByLabel('Organisation'),
      bar.getByLabel('Staff group'),
      bar.getByLabel('Role', { exact: true }),
      bar.getByRole('searchbox', { name: 'Find' }),
      page.locator('.grid-count'),
    ].map(async (l) => (await box(l)).y + (await box(l)).height / 2),
  );
  expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(4);

  // Short names in the pinned columns; the full name on hover.
  const org = grid.locator('.ag-row[row-index="0"] [col-id="org"]').first();
  await expect(org).toHaveText('Dorset County Hospital');
  await org.hover();
  await expect(page.locator('.ag-tooltip:not(.ag-tooltip-hiding)')).toHaveText('Dorset County Hospital NHS Foundation Trust');
  await page.getByRole('searchbox', { name: 'Find' }).fill('Royal Bournemouth');
  const rbch = grid.locator('.ag-row:not(.ag-row-pinned) [col-id="org"]').first();
  await expect(rbch).toHaveText('RBCH');
  await rbch.hover();
  await expect(page.locator('.ag-tooltip:not(.ag-tooltip-hiding)')).toHaveText('The Royal Bournemouth and Christchurch Hospitals NHS Foundation Trust');
  await page.getByRole('searchbox', { name: 'Find' }).fill('');
  await app.screenshot('layout-projection-1366');
  await axe(page);

  // Every measure by year: wider than the screen, so the organisation and role stay pinned while the years scroll.
  await page.getByRole('combobox', { name: 'Show' }).selectOption('all-measures');
  await expect(grid.locator('.ag-header-cell[col-id="s2019"]')).toHaveCount(1);
  await grid.locator('.ag-grid-viewport').evaluate((vp) => (vp.scrollLeft = vp.scrollWidth));
  await expect(grid.locator('.ag-header-cell[col-id="g2028"]')).toBeInViewport({ ratio: 1 });
  const gridLeft = (await box(grid)).x;
  expect((await box(grid.locator('.ag-header-cell[col-id="org"]'))).x).toBeLessThan(gridLeft + 2);
  await expect(grid.locator('.ag-header-cell[col-id="role"]')).toBeInViewport({ ratio: 1 });
  await app.screenshot('layout-projection-all-measures');
  await page.getByRole('combobox', { name: 'Show' }).selectOption('years-across');

  // Another measure, the same ten years.
  await page.getByRole('combobox', { name: 'Measure' }).selectOption('vacancy');
  expect(await columnsFullyVisible(grid)).toEqual(YEARS.map((y) => `v${y}`));
});

test('the navigation collapses, the bridge docks below or beside and resizes, and the layout is remembered', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const nav = page.getByRole('navigation', { name: 'Views' });
  await expect(nav.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'Projection', exact: true }) })).toContainText('Alt+7');
  await nav.getByRole('button', { name: 'Collapse navigation' }).click();
  expect((await box(nav)).width).toBeLessThan(60);
  await expect(nav.getByRole('button', { name: 'Expand navigation' })).toHaveAttribute('aria-expanded', 'false');
  await app.screenshot('layout-nav-collapsed');

  await openView(page, 'Projection');
  const grid = gridIn(page);
  await grid.locator('.ag-row[row-index="0"] [col-id="role"]').first().click();
  const panel = page.getByRole('complementary', { name: 'Registered nurse, Dorset County Hospital NHS Foundation Trust' });
  await expect(panel).toBeVisible();
  // Docked below: the grid keeps all ten years across the full width.
  expect((await box(panel)).y).toBeGreaterThan((await box(grid)).y + (await box(grid)).height - 1);
  expect(await columnsFullyVisible(grid)).toHaveLength(10);
  const splitter = page.getByRole('separator', { name: 'Resize the bridge panel' });
  const before = (await box(panel)).height;
  await splitter.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(300 + 60));
  expect((await box(panel)).height).toBeCloseTo(before + 60, 0);
  await app.screenshot('layout-bridge-below');
  await axe(page);

  // Beside the grid, and wider.
  await panel.getByRole('button', { name: 'Dock right' }).click();
  expect((await box(panel)).x).toBeGreaterThan((await box(grid)).x + (await box(grid)).width - 1);
  await splitter.focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(440 + 80));
  expect((await box(panel)).width).toBeCloseTo(520, 0);
  await app.screenshot('layout-bridge-right');
  await axe(page);

  // Remembered on this computer.
  await app.reload();
  expect((await box(nav)).width).toBeLessThan(60);
  await nav.getByRole('button', { name: 'Projection' }).click();
  await gridIn(page).locator('.ag-row[row-index="0"] [col-id="role"]').first().click();
  await expect(page.getByRole('separator', { name: 'Resize the bridge panel' })).toHaveAttribute('aria-valuenow', '520');
  await expect(page.getByRole('complementary').getByRole('button', { name: 'Dock below' })).toBeVisible();
  await nav.getByRole('button', { name: 'Expand navigation' }).click();
  await expect(nav.getByRole('button', { name: 'Collapse navigation' })).toBeVisible();
});

test('Pipelines: intakes beside the name, details in a group that opens; compact rows for every grid, remembered', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await openView(page, 'Pipelines');
  const grid = gridIn(page);
  await expect(grid.locator('.ag-row').first()).toBeVisible();
  const name = await box(grid.locator('.ag-header-cell[col-id="name"]'));
  const first = await box(grid.locator('.ag-header-cell[col-id="y2019"]'));
  expect(Math.abs(first.x - (name.x + name.width))).toBeLessThan(2);
  expect(await columnsFullyVisible(grid)).toEqual(expect.arrayContaining(YEARS.map((y) => `y${y}`)));
  // Organisation and role always; the course details only when the group is open.
  await expect(grid.locator('.ag-header-cell[col-id="orgId"]')).toHaveCount(1);
  await expect(grid.locator('.ag-header-cell[col-id="attrition"]')).toHaveCount(0);
  const details = page.getByRole('button', { name: 'Show details' });
  await details.click();
  await expect(grid.locator('.ag-header-cell[col-id="attrition"]')).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Hide details' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Hide details' }).click();
  await expect(grid.locator('.ag-header-cell[col-id="attrition"]')).toHaveCount(0);
  await app.screenshot('layout-pipelines');
  await axe(page);

  // Compact: every grid's rows shrink, and more fit.
  const rowHeight = async () => (await box(gridIn(page).locator('.ag-row').first())).height;
  expect(await rowHeight()).toBe(26);
  await page.getByRole('combobox', { name: 'Grid rows' }).selectOption('compact');
  await expect.poll(rowHeight).toBe(22);
  await openView(page, 'Projection');
  await expect(gridIn(page).locator('.ag-row').first()).toBeVisible();
  await expect.poll(rowHeight).toBe(22);
  expect(await rowsFullyVisible(gridIn(page))).toBeGreaterThanOrEqual(24);
  await app.screenshot('layout-projection-compact');
  await axe(page);
  await app.reload();
  await openView(page, 'Baseline');
  await expect(gridIn(page).locator('.ag-row').first()).toBeVisible();
  await expect.poll(rowHeight).toBe(22);
  await expect(page.getByRole('combobox', { name: 'Grid rows' })).toHaveValue('compact');
});
