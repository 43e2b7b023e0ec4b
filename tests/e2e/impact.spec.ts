/**
 * The effect of an edit where it is made: in Pipelines, Baseline, Other joiners and Demand the
 * strip under the grid shows supply − demand for the row's organisation and role in every year,
 * and after an edit "was → now" for the years it changed, until the next edit; the dashboard's
 * cards show the change since the last edit.
 */
import type Database from 'better-sqlite3';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './harness';
import { GridPage } from './pages/grid';
import { axe, gridIn, openView } from './pages/workspace';
import { runProjection } from '../../src/main/services/projection';
import type { ProjectionResult } from '../../src/shared/api/dto';
import { formatFte } from '../../src/shared/format';
import { formatDelta, formatGap } from '../../src/renderer/src/views/projection/numbers';

test.use({ viewport: { width: 1366, height: 768 } });

type Db = Database.Database;
const idOf = (db: Db, table: 'organisation' | 'role' | 'scenario', name: string) =>
  (db.prepare(`SELECT id FROM ${table} WHERE name = ?`).get(name) as { id: number }).id;
const DCH = 'Dorset County Hospital NHS Foundation Trust';
const POOLE = 'Poole Hospital NHS Foundation Trust';

const gapOf = (r: ProjectionResult, orgId: number, roleId: number) => r.cells.find((c) => c.orgId === orgId && c.roleId === roleId)!.gap;

/** The strip shows `now`, and "was → now" wherever the shown figure moved from `was`. */
async function expectStrip(page: Page, what: string, now: number[], was: number[] | null): Promise<number> {
  const strip = page.locator('.impact-strip');
  await expect(strip.locator('caption')).toContainText(`Supply − demand (FTE), ${what}`);
  const cells = strip.locator('tbody td');
  await expect(cells).toHaveCount(now.length);
  let moved = 0;
  for (let t = 0; t < now.length; t++) {
    const before = was?.[t];
    if (before !== undefined && formatGap(before) !== formatGap(now[t]!)) {
      moved++;
      await expect(cells.nth(t)).toHaveText(`● was ${formatGap(before)}now ${formatGap(now[t]!)}`);
      await expect(cells.nth(t)).toHaveClass(/impact-changed/);
    } else await expect(cells.nth(t)).toHaveText(formatGap(now[t]!));
  }
  return moved;
}

async function focusCell(grid: Locator, row: number | string, colId: string): Promise<void> {
  await grid.locator(`.ag-grid-scrolling-container .ag-row[row-index="${row}"] [col-id="${colId}"]`).first().click();
}

test('Pipelines: the row’s gap every year, was → now after an edit until the next one; the dashboard shows the change', async ({ app }) => {
  test.setTimeout(180_000);
  const { page, ctx } = app;
  const db = ctx.db;
  const plan = idOf(db, 'scenario', 'Our Dorset plan');
  const nurse = idOf(db, 'role', 'Registered nurse');
  const dch = idOf(db, 'organisation', DCH);
  const poole = idOf(db, 'organisation', POOLE);
  await openView(page, 'Pipelines');
  const grid = new GridPage(page);
  await expect(page.locator('.impact-strip')).toContainText('Select a row to see supply − demand');

  const rbd = await grid.rowIndexOf('Registered nurse degree apprenticeship (RBD)');
  await grid.cell(rbd, 'y2021').click();
  const start = runProjection(db, plan);
  expect(await expectStrip(page, `Registered nurse at ${DCH}`, gapOf(start, dch, nurse), null)).toBe(0);

  // An edit: 2021/22's cohort qualifies in 2025/26, so the gap moves from then on.
  await grid.editCell(rbd, 'y2021', '40');
  await expect
    .poll(() =>
      app.readDb(
        (d) =>
          (
            d
              .prepare(
                "SELECT heads FROM pipeline_intake i JOIN pipeline p ON p.id = i.pipeline_id WHERE p.name = 'Registered nurse degree apprenticeship (RBD)' AND p.scenario_id = ? AND year = 2021",
              )
              .get(plan) as { heads: number }
          ).heads,
      ),
    )
    .toBe(40);
  const first = runProjection(db, plan);
  await expect(page.locator('.impact-strip caption')).toContainText('your last edit changed the years marked ●');
  expect(await expectStrip(page, `Registered nurse at ${DCH}`, gapOf(first, dch, nurse), gapOf(start, dch, nurse))).toBeGreaterThanOrEqual(4);
  await app.screenshot('impact-pipelines-after-edit');
  await axe(page);

  // The next edit, to Poole's apprenticeship: its row shows that edit; Dorset County's row no longer shows the first.
  const rd3 = await grid.rowIndexOf('Registered nurse degree apprenticeship (RD3)');
  await grid.editCell(rd3, 'y2021', '30');
  await expect.poll(() => runProjection(db, plan).cells.find((c) => c.orgId === poole && c.roleId === nurse)!.gap[9]).not.toBe(gapOf(first, poole, nurse)[9]);
  const second = runProjection(db, plan);
  await grid.cell(rd3, 'y2020').click();
  await expect(page.locator('.impact-strip caption')).toContainText(`Registered nurse at ${POOLE}`);
  expect(await expectStrip(page, `Registered nurse at ${POOLE}`, gapOf(second, poole, nurse), gapOf(first, poole, nurse))).toBeGreaterThan(0);
  await grid.cell(rbd, 'y2020').click();
  await expect(page.locator('.impact-strip caption')).toContainText('your last edit did not change these');
  await expectStrip(page, `Registered nurse at ${DCH}`, gapOf(second, dch, nurse), gapOf(first, dch, nurse));

  // The dashboard: each card says how the last edit moved it.
  await openView(page, 'Dashboard');
  const d = second.totals.closing[9]! - first.totals.closing[9]!;
  expect(d).toBeGreaterThan(0);
  await expect(page.locator('.card', { hasText: 'Supply in 2028/29' }).locator('.card-change')).toHaveText(
    `▲ ${formatDelta(d)} FTE since your last edit (better)`,
  );
  const gapCard = page.locator('.card', { hasText: 'Supply − demand, 2028/29' }).locator('.card-change');
  await expect(gapCard).toHaveText(`▲ ${formatDelta(-(second.totals.gap[9]! - first.totals.gap[9]!))} FTE since your last edit (better)`);
  await expect(page.locator('.card', { hasText: 'Demand in 2028/29' }).locator('.card-change')).toHaveText('No change from your last edit');
  await app.screenshot('impact-dashboard-change');
  await axe(page);
});

test('Baseline, Other joiners and Demand show the same strip for the row in hand', async ({ app }) => {
  test.setTimeout(180_000);
  const { page, ctx } = app;
  const db = ctx.db;
  const plan = idOf(db, 'scenario', 'Our Dorset plan');
  const nurse = idOf(db, 'role', 'Registered nurse');
  const dch = idOf(db, 'organisation', DCH);

  // Baseline: a leaver rate.
  await openView(page, 'Baseline');
  const base = gridIn(page);
  await focusCell(base, 0, 'leaverRate');
  const before = runProjection(db, plan);
  await expectStrip(page, `Registered nurse at ${DCH}`, gapOf(before, dch, nurse), null);
  await new GridPage(page).editCell('0', 'leaverRate', '12%');
  await expect(page.locator('.impact-strip caption')).toContainText('your last edit changed the years marked ●');
  const after = runProjection(db, plan);
  expect(await expectStrip(page, `Registered nurse at ${DCH}`, gapOf(after, dch, nurse), gapOf(before, dch, nurse))).toBe(10);
  await app.screenshot('impact-baseline');
  await axe(page);

  // Other joiners: paramedics at the ambulance trust, 2024/25.
  await openView(page, 'Other joiners');
  await page.getByRole('searchbox', { name: 'Find' }).fill('South Western');
  await page.getByRole('group', { name: 'Filter rows' }).getByLabel('Role', { exact: true }).selectOption({ label: 'Paramedic' });
  const joiners = gridIn(page);
  await focusCell(joiners, 0, 'y2024');
  const swast = idOf(db, 'organisation', 'South Western Ambulance Service NHS Foundation Trust (Dorset)');
  const para = idOf(db, 'role', 'Paramedic');
  const j0 = runProjection(db, plan);
  await expectStrip(page, 'Paramedic at South Western Ambulance Service NHS Foundation Trust (Dorset)', gapOf(j0, swast, para), gapOf(before, swast, para));
  await new GridPage(page).editCell('0', 'y2024', '30');
  await expect(page.locator('.impact-strip caption')).toContainText('your last edit changed the years marked ●');
  const j1 = runProjection(db, plan);
  // 2024/25 on: each year's gap moves.
  expect(
    await expectStrip(page, 'Paramedic at South Western Ambulance Service NHS Foundation Trust (Dorset)', gapOf(j1, swast, para), gapOf(j0, swast, para)),
  ).toBe(5);
  await app.screenshot('impact-joiners');

  // Demand: an explicit change, then a growth driver that covers every organisation and role.
  await openView(page, 'Demand');
  await page.getByRole('searchbox', { name: 'Find' }).fill('Care home pharmacists');
  const changes = gridIn(page.locator('.split-grid').nth(1));
  await focusCell(changes, 0, 'deltaFte');
  const ccg = idOf(db, 'organisation', 'Dorset Clinical Commissioning Group');
  const pharm = idOf(db, 'role', 'Pharmacist');
  await new GridPage(page, page.locator('.split-grid').nth(1)).editCell('0', 'deltaFte', '8');
  await expect(page.locator('.impact-strip caption')).toContainText('your last edit changed the years marked ●');
  const d1 = runProjection(db, plan);
  expect(await expectStrip(page, 'Pharmacist at Dorset Clinical Commissioning Group', gapOf(d1, ccg, pharm), gapOf(j1, ccg, pharm))).toBe(10);
  await expect(page.locator('.impact-strip tbody td').first()).toContainText(`now ${formatGap(gapOf(d1, ccg, pharm)[0]!)}`);
  await app.screenshot('impact-demand');
  await axe(page);
  await page.getByRole('searchbox', { name: 'Find' }).fill('');
  const drivers = gridIn(page.locator('.split-grid').nth(0));
  await focusCell(drivers, 0, 'growth');
  const system = d1.cells.reduce((s, c) => s + c.gap[9]!, 0);
  await expect(page.locator('.impact-strip caption')).toContainText('all roles, all organisations (what “GP registered population (+5.5 % by 2028)” covers)');
  // The last edit (the pharmacists) moved the system's gap too: shown as was → now.
  await expect(page.locator('.impact-strip tbody td').last()).toContainText(`now ${formatGap(system)}`);
  expect(formatFte(Math.abs(system))).not.toBe('0.0');
});
