/**
 * How sure are we, end to end at 1366 × 768: ranges edited beside their central values and
 * listed in the register; "Fill typical ranges"; the fan chart, the target chances and the
 * tornado, checked against the same simulation run in this process. (The window's
 * responsiveness while a run goes, and Cancel: uncertainty-responsive.spec.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type Database from 'better-sqlite3';
import type { Locator, Page } from '@playwright/test';
import { test, expect, SCREENS_DIR } from './harness';
import { cell, DCH, filterTo, openView, typeInto, WCAG } from './inputs-support';
import { simulateHere } from '../../src/main/services/uncertainty/service';
import { rankForGap } from '../../src/shared/model/sensitivity';
import { formatFte, formatPercent } from '../../src/shared/format';

async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function shot(target: Locator, name: string) {
  fs.mkdirSync(SCREENS_DIR, { recursive: true });
  await target.scrollIntoViewIfNeeded();
  await target.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`) });
}

const panel = (page: Page) => page.getByRole('region', { name: 'How sure are we' });
const planId = (db: Database.Database) => (db.prepare("SELECT id FROM scenario WHERE name = 'Our Dorset plan'").get() as { id: number }).id;

test.use({ viewport: { width: 1366, height: 768 } });

test('typical ranges, then the fan chart, each target’s chance and the tornado, as the same simulation gives them; undo takes them away', async ({ app }) => {
  // Two simulations of 1,000 runs (in the worker and here), two accessibility scans and the bridge panel.
  test.setTimeout(120_000);
  const { page, ctx } = app;
  const fan = panel(page);
  await expect(fan.getByText('No input of this scenario has a range')).toBeVisible({ timeout: 20_000 });
  await fan.getByRole('button', { name: 'Fill typical ranges' }).click();
  await expect(page.getByText(/^Filled \d+ typical ranges, marked illustrative/)).toBeVisible();
  await expect(fan.locator('svg.fan-chart')).toBeVisible({ timeout: 30_000 });
  await expect(fan).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });

  // The same simulation, run here from the plan file: the window must show exactly its numbers.
  const expected = simulateHere(ctx.db, planId(ctx.db), 1000, 42);
  const last = expected.years.length - 1;
  const table = fan.locator('.uncertainty-table');
  const row = (label: string) => table.locator('tr', { has: page.getByRole('rowheader', { name: label, exact: true }) });
  await expect(row('Supply P10').locator('td').last()).toHaveText(formatFte(expected.totals.supply.p10[last]!));
  await expect(row('Supply P50').locator('td').last()).toHaveText(formatFte(expected.totals.supply.p50[last]!));
  await expect(row('Supply P90').locator('td').last()).toHaveText(formatFte(expected.totals.supply.p90[last]!));
  expect(expected.totals.supply.p10[last]!).toBeLessThan(expected.totals.supply.p90[last]!);

  // Each target says its chance of being met, in words.
  const names = new Map((ctx.db.prepare('SELECT id, name FROM target').all() as { id: number; name: string }[]).map((t) => [t.id, t.name]));
  const targets = page.locator('.targets-table tbody tr');
  for (const t of expected.targets) {
    const tr = targets.filter({ has: page.getByRole('rowheader', { name: names.get(t.targetId)!, exact: true }) });
    await expect(tr.locator('.target-chance')).toHaveText(t.probability === null ? 'not set' : `${formatPercent(t.probability)} chance of being met`);
  }
  expect(expected.targets.some((t) => t.probability !== null)).toBe(true);

  // The tornado ranks the inputs that move the horizon's gap most, first the largest.
  const ranked = rankForGap(expected.tornado, last);
  const tornado = fan.getByRole('region', { name: 'Which assumption matters most' });
  await expect(tornado.locator('.tornado-table tbody th').first()).toHaveText(ranked[0]!.label);
  await expect(tornado.locator('.tornado-table tbody tr')).toHaveCount(Math.min(10, ranked.length));
  await expect(tornado.locator('svg.tornado-chart .tornado-row')).toHaveCount(Math.min(10, ranked.length));

  await shot(fan.locator('svg.fan-chart'), 'uncertainty-fan-chart');
  await shot(tornado.locator('svg.tornado-chart'), 'uncertainty-tornado');
  await shot(page.locator('.targets-table'), 'uncertainty-target-chances');
  await fan.locator('svg.fan-chart').scrollIntoViewIfNeeded();
  await app.screenshot('uncertainty-dashboard');
  await axe(page);

  // The same for one target: its tornado, in its own unit.
  const judged = expected.targets.find((t) => t.probability !== null)!;
  await tornado.getByLabel('Tornado of').selectOption({ label: `Target: ${names.get(judged.targetId)!}` });
  await expect(tornado.getByRole('img', { name: new RegExp(`Which assumption moves ${names.get(judged.targetId)!}`) })).toBeVisible();
  await shot(tornado.locator('svg.tornado-chart'), 'uncertainty-tornado-target');

  // The bridge panel of one organisation and role has its own fan chart.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Projection' }).click();
  await page.locator('.ag-row [col-id="role"]', { hasText: 'Registered nurse' }).first().click();
  const side = page.locator('.side-panel');
  await expect(side.locator('svg.fan-chart')).toBeVisible();
  await expect(side.getByText(/^At the end of 2028\/29: supply [\d,.]+ to [\d,.]+ FTE in 80 % of 1,000 runs/)).toBeVisible();
  await shot(side.locator('.cell-uncertainty'), 'uncertainty-bridge-fan');
  await axe(page);
  await page.keyboard.press('Escape');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Dashboard' }).click();

  // One Undo removes every filled range: the projection is one line again.
  await page.locator('#main').focus();
  await page.keyboard.press('Control+z');
  await expect(fan.getByText('No input of this scenario has a range')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.targets-table .target-chance').first()).toHaveText('no ranges');
});

test('ranges are edited beside the central value in the grid, refused when they do not hold it, and listed in the register', async ({ app }) => {
  const { page } = app;
  await openView(page, 'Baseline');
  await filterTo(page, DCH, 'Registered nurse');
  const grid = page.getByRole('region', { name: 'Baseline workforce' });
  // The ranges are one closed group ("Ranges set") until Show ranges opens it.
  await expect(cell(grid, 0, 'rangesSet')).toHaveText('–');
  await page.getByRole('button', { name: 'Show ranges' }).click();
  await expect(page.getByRole('button', { name: 'Hide ranges' })).toHaveAttribute('aria-pressed', 'true');
  await typeInto(cell(grid, 0, 'leaverRateLow'), '60%');
  await expect(page.getByRole('alert')).toContainText('Leaver rate: the low value (60.0%) is above the central value');
  await typeInto(cell(grid, 0, 'leaverRateLow'), '6%');
  await expect(cell(grid, 0, 'leaverRateLow')).toContainText('6.0%');
  await typeInto(cell(grid, 0, 'leaverRateHigh'), '12%');
  await expect(cell(grid, 0, 'leaverRateHigh')).toContainText('12.0%');
  // The marker says the range is illustrative until its source is recorded.
  await expect(cell(grid, 0, 'leaverRateLow').locator('.marker')).toBeVisible();
  await cell(grid, 0, 'leaverRateLow').scrollIntoViewIfNeeded();
  await app.screenshot('uncertainty-range-columns');
  const stored = app.readDb((db) =>
    db
      .prepare(
        "SELECT r.leaver_rate_low AS low, r.leaver_rate_high AS high FROM workforce_rate r JOIN scenario s ON s.id = r.scenario_id JOIN organisation o ON o.id = r.org_id JOIN role ro ON ro.id = r.role_id WHERE s.name = 'Our Dorset plan' AND o.name = ? AND ro.name = 'Registered nurse'",
      )
      .get(DCH),
  );
  expect(stored).toEqual({ low: 0.06, high: 0.12 });
  // Closed again, the row counts the range it has.
  await page.getByRole('button', { name: 'Hide ranges' }).click();
  await expect(cell(grid, 0, 'rangesSet')).toHaveText('1 of 3');

  await openView(page, 'Assumptions');
  await page.getByRole('searchbox').fill('leaver rate range');
  const register = page.getByRole('region', { name: 'Assumptions register' });
  // The register shows the field and what it is of in columns of their own.
  await expect(
    register
      .locator('.ag-row', { hasText: `Registered nurse, ${DCH}` })
      .filter({ hasText: 'leaver rate range' })
      .first(),
  ).toContainText('6.0% to 12.0%');
});
