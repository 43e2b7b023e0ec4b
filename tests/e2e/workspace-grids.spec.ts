/**
 * Every grid's totals row and "N of M" count describe the rows shown — after Find, the filters
 * and sorting — and nothing sits under a scrollbar at 1280 or 1366 pixels wide.
 */
import type Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { axe, expectNothingUnderScrollbars, gridIn, openView, scrolledToTheEnd } from './pages/workspace';
import { compareScenarios, runProjection } from '../../src/main/services/projection';
import { formatFte, formatHeads } from '../../src/shared/format';
import { formatDelta, formatGap } from '../../src/renderer/src/views/projection/numbers';

test.use({ viewport: { width: 1366, height: 768 } });

type Db = Database.Database;
const scenarioId = (db: Db, name: string) => (db.prepare('SELECT id FROM scenario WHERE name = ?').get(name) as { id: number }).id;
const names = (db: Db) => ({
  org: new Map((db.prepare('SELECT id, name FROM organisation').all() as { id: number; name: string }[]).map((o) => [o.id, o.name])),
  role: new Map((db.prepare('SELECT id, name FROM role').all() as { id: number; name: string }[]).map((r) => [r.id, r.name])),
});
const has = (text: string | undefined, find: string) => (text ?? '').toLowerCase().includes(find.toLowerCase());

/** The count line and the totals row's label and one total. */
async function expectShown(page: Page, count: string, label: string, totalCol: string, total: string): Promise<void> {
  const grid = gridIn(page.locator('.data-grid').first());
  await expect(page.locator('.grid-count').first()).toHaveText(count);
  const pinned = grid.locator('.ag-grid-pinned-bottom-rows-container .ag-row');
  await expect(pinned.first()).toContainText(label);
  await expect(pinned.locator(`[col-id="${totalCol}"]`).first()).toHaveText(total);
}

test('totals and "N of M" follow Find, the filters and sorting in every grid', async ({ app }) => {
  test.setTimeout(240_000);
  const { page, ctx } = app;
  const db = ctx.db;
  const plan = scenarioId(db, 'Our Dorset plan');
  const n = names(db);

  // Projection: Find "Poole" matches Poole Hospital and Bournemouth, Christchurch and Poole Council (shown as "BCP Council").
  await openView(page, 'Projection');
  const cells = runProjection(db, plan).cells.filter((c) => has(n.org.get(c.orgId), 'poole') || has(n.role.get(c.roleId), 'poole'));
  expect(cells.length).toBeGreaterThan(20);
  await page.getByRole('searchbox', { name: 'Find' }).fill('Poole');
  const gap2019 = cells.reduce((s, c) => s + c.gap[0]!, 0);
  await expectShown(page, `${cells.length} of 122 rows`, `Total (${cells.length} rows)`, 'g2019', formatGap(gap2019));
  await expect(gridIn(page).locator('.ag-row:not(.ag-row-pinned) [col-id="org"]', { hasText: 'BCP Council' }).first()).toBeVisible();
  // Sorting by a year moves rows, never the totals.
  await gridIn(page).locator('.ag-header-cell[col-id="g2028"] .ag-header-cell-label').click();
  await expectShown(page, `${cells.length} of 122 rows`, `Total (${cells.length} rows)`, 'g2019', formatGap(gap2019));
  // A filter on top of Find.
  await page.getByRole('combobox', { name: 'Staff group' }).selectOption('Nursing and Midwifery Registered');
  const groupOf = (roleId: number) => (db.prepare('SELECT staff_group AS g FROM role WHERE id = ?').get(roleId) as { g: string }).g;
  const nursing = cells.filter((c) => groupOf(c.roleId) === 'Nursing and Midwifery Registered');
  await expectShown(
    page,
    `${nursing.length} of 122 rows`,
    `Total (${nursing.length} ${nursing.length === 1 ? 'row' : 'rows'})`,
    'g2019',
    formatGap(nursing.reduce((s, c) => s + c.gap[0]!, 0)),
  );
  await app.screenshot('grids-projection-find-poole');
  await axe(page);

  // Pipelines: Find "RBD" (Dorset County Hospital's code is in the names).
  await openView(page, 'Pipelines');
  const pipes = db.prepare("SELECT p.id, p.name FROM pipeline p WHERE p.scenario_id = ? AND p.name LIKE '%RBD%'").all(plan) as { id: number; name: string }[];
  const intake2021 = pipes.reduce(
    (s, p) =>
      s + ((db.prepare('SELECT heads FROM pipeline_intake WHERE pipeline_id = ? AND year = 2021').get(p.id) as { heads: number } | undefined)?.heads ?? 0),
    0,
  );
  const all = (db.prepare('SELECT count(*) AS c FROM pipeline WHERE scenario_id = ?').get(plan) as { c: number }).c;
  await page.getByRole('searchbox', { name: 'Find' }).fill('RBD');
  await expectShown(page, `${pipes.length} of ${all} pipelines`, `Total (${pipes.length} pipelines)`, 'y2021', formatHeads(intake2021));
  await app.screenshot('grids-pipelines-find');

  // Baseline: an organisation chosen and Find "nurse".
  await openView(page, 'Baseline');
  await page.getByRole('group', { name: 'Filter rows' }).getByLabel('Organisation').selectOption({ label: 'Poole Hospital NHS Foundation Trust' });
  await page.getByRole('searchbox', { name: 'Find' }).fill('nurse');
  const base = db
    .prepare(
      "SELECT b.fte FROM workforce_baseline b JOIN organisation o ON o.id = b.org_id JOIN role r ON r.id = b.role_id WHERE o.code = 'RD3' AND lower(r.name) LIKE '%nurse%'",
    )
    .all() as { fte: number }[];
  const baseAll = (db.prepare('SELECT count(*) AS c FROM workforce_baseline').get() as { c: number }).c;
  await expectShown(
    page,
    `${base.length} of ${baseAll} rows`,
    `Total (${base.length} ${base.length === 1 ? 'row' : 'rows'})`,
    'fte',
    formatFte(base.reduce((s, b) => s + b.fte, 0)),
  );

  // Other joiners: Find "Paramedic".
  await openView(page, 'Other joiners');
  await page.getByRole('searchbox', { name: 'Find' }).fill('Paramedic');
  const joiners = db
    .prepare(
      "SELECT f.fte FROM other_joiner j JOIN role r ON r.id = j.role_id LEFT JOIN other_joiner_fte f ON f.other_joiner_id = j.id AND f.year = 2024 WHERE j.scenario_id = ? AND r.name = 'Paramedic'",
    )
    .all(plan) as { fte: number | null }[];
  const joinersAll = (db.prepare('SELECT count(*) AS c FROM other_joiner WHERE scenario_id = ?').get(plan) as { c: number }).c;
  await expectShown(
    page,
    `${joiners.length} of ${joinersAll} rows`,
    `Total (${joiners.length} rows)`,
    'y2024',
    formatFte(joiners.reduce((s, j) => s + (j.fte ?? 0), 0)),
  );

  // Demand: the explicit changes found by "ambulances" (65 staff, 40 paramedics and 25 technicians).
  await openView(page, 'Demand');
  await page.getByRole('searchbox', { name: 'Find' }).fill('ambulances');
  const changes = page.locator('.split-grid').nth(1);
  const changeCount = (db.prepare('SELECT count(*) AS c FROM demand_change WHERE scenario_id = ?').get(plan) as { c: number }).c;
  await expect(changes.locator('.grid-count')).toHaveText(`2 of ${changeCount} changes`);
  await expect(changes.locator('.ag-grid-pinned-bottom-rows-container .ag-row')).toContainText('Total (2 changes)');
  await expect(changes.locator('.ag-grid-pinned-bottom-rows-container [col-id="deltaFte"]')).toHaveText('+65.0');

  // Compare: every row, then Find.
  await openView(page, 'Compare', 'Compare scenarios');
  const diff = compareScenarios(db, scenarioId(db, 'Do nothing'), plan);
  await page.getByRole('checkbox', { name: 'Only rows that differ' }).uncheck();
  await page.getByRole('searchbox', { name: 'Find' }).fill('Poole');
  const poole = diff.cells.filter((c) => has(n.org.get(c.orgId), 'poole') || has(n.role.get(c.roleId), 'poole'));
  const supply2028 = poole.reduce((s, c) => s + c.closing[9]!, 0);
  await expect(page.locator('.compare-grid .grid-count')).toHaveText(`${poole.length} of ${diff.cells.length} rows`);
  await expect(page.locator('.compare-grid .ag-grid-pinned-bottom-rows-container [col-id="s2028"]')).toHaveText(`● ${formatDelta(supply2028)}`);
  await expect(page.locator('.compare-grid .ag-grid-pinned-bottom-rows-container [col-id="org"]')).toHaveText(`Total (${poole.length} rows)`);
  await app.screenshot('grids-compare-find');
});

test('nothing sits under a scrollbar at 1280 or 1366 pixels wide', async ({ app }) => {
  test.setTimeout(240_000);
  const { page } = app;
  for (const width of [1280, 1366]) {
    await page.setViewportSize({ width, height: 768 });
    await openView(page, 'Projection');
    await expect(gridIn(page).locator('.ag-row').first()).toBeVisible();
    expectNothingUnderScrollbars(await scrolledToTheEnd(gridIn(page)), `Projection, years across, ${width}`);
    await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Supply, demand and gap by year' });
    await expect(gridIn(page).locator('.ag-header-cell[col-id="s2028"]')).toHaveCount(1);
    expectNothingUnderScrollbars(await scrolledToTheEnd(gridIn(page)), `Projection, every measure, ${width}`);
    await app.screenshot(`grids-projection-scrolled-${width}`);
    await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'One measure, years across' });

    await openView(page, 'Pipelines');
    await page.getByRole('button', { name: 'Show details' }).click();
    await expect(gridIn(page).locator('.ag-header-cell[col-id="entrantAgeBand"]')).toHaveCount(1);
    expectNothingUnderScrollbars(await scrolledToTheEnd(gridIn(page)), `Pipelines with details, ${width}`);
    await app.screenshot(`grids-pipelines-scrolled-${width}`);

    await openView(page, 'Baseline');
    await expect(gridIn(page).locator('.ag-row').first()).toBeVisible();
    expectNothingUnderScrollbars(await scrolledToTheEnd(gridIn(page)), `Baseline, ${width}`);
    await app.screenshot(`grids-baseline-scrolled-${width}`);
  }
});
