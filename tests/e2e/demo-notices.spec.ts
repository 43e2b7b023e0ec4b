/**
 * The demo and the words around it: every role the demo trains into has a demand; Compare says
 * what it compares against and lets the planner choose; the assumptions register names each
 * number's field; notices stack in one place that can be cleared; the agency-cost card says what
 * it covers, carries the illustrative marker and reconciles the base year with the £24m stated.
 */
import type Database from 'better-sqlite3';
import { test, expect } from './harness';
import { axe, gridIn, openView } from './pages/workspace';
import { runProjection } from '../../src/main/services/projection';
import { formatFte, formatMoney } from '../../src/shared/format';

test.use({ viewport: { width: 1366, height: 768 } });

type Db = Database.Database;
const planId = (db: Db) => (db.prepare("SELECT id FROM scenario WHERE name = 'Our Dorset plan'").get() as { id: number }).id;

test('nursing associates, and every other role the plan trains, have a demand: no row is a surplus for want of one', async ({ app }) => {
  const { page, ctx } = app;
  const db = ctx.db;
  const na = (db.prepare("SELECT id FROM role WHERE name = 'Nursing associate'").get() as { id: number }).id;
  const cells = runProjection(db, planId(db)).cells.filter((c) => c.roleId === na);
  expect(cells.length).toBe(4);
  await openView(page, 'Projection');
  await page.getByRole('combobox', { name: 'Measure' }).selectOption('demand');
  await page.getByRole('group', { name: 'Filter rows' }).getByLabel('Role', { exact: true }).selectOption({ label: 'Nursing associate' });
  const grid = gridIn(page);
  await expect(page.locator('.grid-count')).toHaveText('4 of 122 rows');
  for (let r = 0; r < 4; r++)
    await expect(grid.locator(`.ag-grid-scrolling-container .ag-row[row-index="${r}"] [col-id="d2025"]`).first()).toHaveText(formatFte(cells[r]!.demand[6]!));
  expect(cells.every((c) => c.demand[9]! > 0)).toBe(true);
  await app.screenshot('demo-nursing-associate-demand');

  // Marked illustrative, with the reasoning, in the register.
  await openView(page, 'Assumptions');
  await page.getByRole('searchbox', { name: 'Find' }).fill('Nursing associate posts for qualifying trainees');
  await expect(page.locator('.grid-count')).toHaveText(/^20 of \d+ numbers$/);
  await expect(gridIn(page).locator('.ag-row[row-index="0"] [col-id="statusLabel"]').first()).toHaveText('Illustrative');
  await expect(gridIn(page).locator('.ag-row[row-index="0"] [col-id="source"]').first()).toContainText(
    'train an additional 452 nursing associates by 2025 (stated)',
  );
});

test('Compare says which scenario it compares against, and the planner can choose', async ({ app }) => {
  const { page } = app;
  await openView(page, 'Compare', 'Compare scenarios');
  await expect(page.getByRole('combobox', { name: 'Compare' })).toHaveValue(/\d+/);
  await expect(page.getByRole('combobox', { name: 'Compare' }).locator('option:checked')).toHaveText('Our Dorset plan');
  await expect(page.getByRole('combobox', { name: 'against' }).locator('option:checked')).toHaveText('Do nothing');
  await expect(page.getByRole('status').filter({ hasText: /^Comparing/ })).toContainText(
    'Comparing "Our Dorset plan" against "Do nothing" (differences are Our Dorset plan − Do nothing; choose either scenario above)',
  );
  await page.getByRole('combobox', { name: 'Compare' }).selectOption({ label: 'Do nothing' });
  await page.getByRole('combobox', { name: 'against' }).selectOption({ label: 'Our Dorset plan' });
  await expect(page.getByRole('status').filter({ hasText: /^Comparing/ })).toContainText('Comparing "Do nothing" against "Our Dorset plan"');
  await expect(page.getByRole('heading', { name: 'Differences by organisation and role (Do nothing − Our Dorset plan)' })).toBeVisible();
  await app.screenshot('demo-compare-against');
  await axe(page);
});

test('the assumptions register shows each number’s field, in full', async ({ app }) => {
  const { page } = app;
  await openView(page, 'Assumptions');
  await page.getByRole('searchbox', { name: 'Find' }).fill('Registered nurse, Dorset County Hospital');
  const grid = gridIn(page);
  // The rows of one subject differ by their field, so none reads the same as another.
  const rows = await grid
    .locator('.ag-grid-scrolling-container .ag-row')
    .evaluateAll((els) =>
      els.map((r) => [
        r.querySelector('[col-id="subject"]')?.textContent ?? '',
        r.querySelector('[col-id="fieldLabel"]')?.textContent ?? '',
        r.querySelector('[col-id="scope"]')?.textContent ?? '',
      ]),
    );
  const fields = rows.filter(([subject]) => subject === 'Registered nurse, Dorset County Hospital NHS Foundation Trust').map(([, field]) => field);
  expect(fields.length).toBeGreaterThan(4);
  expect(new Set(rows.map((r) => r.join('|'))).size).toBe(rows.length);
  expect(fields).toEqual(expect.arrayContaining(['FTE in post', 'establishment (FTE)', 'leaver rate', 'agency cost per FTE']));
  // Nothing cut: every field name fits its column.
  const cut = await grid
    .locator('.ag-grid-scrolling-container .ag-row [col-id="fieldLabel"]')
    .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
  expect(cut).toBe(0);
  await app.screenshot('demo-assumptions-fields');
  await axe(page);
});

test('notices stack in one place: the newest shown, earlier ones on request, all dismissed at once', async ({ app }) => {
  const { page } = app;
  await openView(page, 'Pipelines');
  await page.getByRole('button', { name: 'Add pipeline' }).click();
  await expect(page.locator('.notice')).toHaveCount(1);
  await page.getByRole('button', { name: 'Add pipeline' }).click();
  await page.getByRole('searchbox', { name: 'Find' }).fill('New pipeline');
  await gridIn(page).locator('.ag-grid-scrolling-container .ag-row[row-index="0"] [col-id="name"]').first().click();
  await page.getByRole('button', { name: 'Delete pipeline' }).click();
  const notices = page.getByRole('region', { name: 'Notices' });
  await expect(notices).toHaveCount(1);
  await expect(notices.locator('.notice')).toHaveCount(1);
  await expect(notices.locator('.notice')).toContainText('Deleted "New pipeline"');
  const earlier = notices.getByRole('button', { name: '2 earlier notices' });
  await expect(earlier).toHaveAttribute('aria-expanded', 'false');
  await app.screenshot('demo-notices-one');
  await earlier.click();
  await expect(notices.locator('.notice')).toHaveCount(3);
  await expect(notices.locator('.notice').last()).toContainText('Added "New pipeline"');
  await app.screenshot('demo-notices-all');
  await axe(page);
  await notices.getByRole('button', { name: 'Dismiss all' }).click();
  await expect(page.locator('.notice')).toHaveCount(0);
});

test('the agency-cost card says what it covers, is marked illustrative, and reconciles the base year with the £24m stated', async ({ app }) => {
  const { page, ctx } = app;
  const r = runProjection(ctx.db, planId(ctx.db));
  const total = r.totals.agencyCost.reduce((a, b) => a + b, 0);
  const card = page.locator('.card', { hasText: 'Agency cost of every shortfall' });
  await expect(card.locator('dt')).toContainText('Agency cost of every shortfall: every role and partner, 2019/20 to 2028/29 (10 years)');
  await expect(card.getByRole('img', { name: /^Illustrative:/ })).toBeVisible();
  const amount = card.locator('dd [title]');
  await expect(amount).toHaveAttribute('aria-label', formatMoney(total));
  const title = (await amount.getAttribute('title')) ?? '';
  expect(title).toContain(
    `${formatMoney(total)}: what filling every shortfall with agency or bank staff would cost, for every role at every partner, added up over the 10 years 2019/20 to 2028/29.`,
  );
  // The registered nurse shortfall at the NHS trusts at the start of 2019/20 costs the strategy's £24m a year.
  expect(title).toMatch(
    /Registered nurse, the largest part: at the NHS trusts, the shortfall at the start of 2019\/20 \(establishment less staff in post\) is [\d,.]+ FTE, which at the agency share and cost per FTE comes to £24\.0m a year/,
  );
  expect(title).toContain('costs the £24m a year of NHS nursing agency spend the strategy states');
  await card.locator('dd [title]').hover();
  await app.screenshot('demo-agency-card');
  await axe(page);
});
