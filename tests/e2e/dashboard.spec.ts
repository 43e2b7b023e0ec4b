import type Database from 'better-sqlite3';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { runProjection } from '../../src/main/services/projection';
import { formatFte, formatMoney, yearLabel } from '../../src/shared/format';
import { GridPage } from './pages/grid';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const RAG_WORDS = { green: 'Met', amber: 'Close', red: 'Missed', unknown: 'Not set' } as const;

async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

function planScenarioId(db: Database.Database, name: string): number {
  return (db.prepare('SELECT id FROM scenario WHERE name = ?').get(name) as { id: number }).id;
}

test('the app opens on the dashboard: targets with RAG in words, the chart, shortage roles, gaps and costs', async ({ app }) => {
  const { page, ctx } = app;
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Views' }).locator('.nav-item').first()).toHaveText('Dashboard');
  const expected = runProjection(ctx.db, planScenarioId(ctx.db, 'Our Dorset plan'));
  const names = new Map((ctx.db.prepare('SELECT id, name FROM target').all() as { id: number; name: string }[]).map((t) => [t.id, t.name]));

  // Every target of the demo, with its status in words and the engine's explanation.
  const targets = page.locator('.targets-table tbody tr');
  await expect(targets).toHaveCount(expected.targets.length);
  expect(expected.targets.length).toBeGreaterThan(3);
  for (const t of expected.targets) {
    const row = targets.filter({ has: page.getByRole('rowheader', { name: names.get(t.targetId)!, exact: true }) });
    await expect(row).toContainText(RAG_WORDS[t.status]);
    await expect(row).toContainText(t.explanation);
  }
  // A target whose value is unknown says "not set", never 0.
  const unknown = expected.targets.find((t) => t.status === 'unknown');
  if (unknown) await expect(targets.filter({ hasText: names.get(unknown.targetId)! })).toContainText('not set');

  // The chart is drawn, with the horizon's supply and demand in its text and its table.
  const last = expected.years.length - 1;
  await expect(page.getByRole('img', { name: /Supply and demand \(FTE\), 2019\/20 to 2028\/29/ })).toBeVisible();
  await expect(page.locator('.chart-svg polyline')).toHaveCount(2);
  await expect(page.locator('.card', { hasText: `Supply in ${yearLabel(expected.years[last]!)}` })).toContainText(formatFte(expected.totals.closing[last]!));
  await expect(page.locator('.card', { hasText: `Demand in ${yearLabel(expected.years[last]!)}` })).toContainText(formatFte(expected.totals.demand[last]!));

  // Agency cost: £1.2m style, the exact value in the tooltip.
  const agency = expected.totals.agencyCost.reduce((a, b) => a + b, 0);
  await expect(page.locator('.card', { hasText: 'Agency cost of every shortfall' }).locator('dd [aria-label]')).toHaveAttribute(
    'aria-label',
    formatMoney(agency),
  );

  // Shortage roles, worst first: the ten worst of those the engine flags, then all of them on
  // request. Biggest gaps: a shortfall is supply − demand, negative and red.
  const flagged = expected.shortage.filter((s) => s.isShortage).sort((a, b) => b.peakVacancyRate - a.peakVacancyRate);
  expect(flagged.length).toBeGreaterThan(10);
  const roleName = (id: number) => (ctx.db.prepare('SELECT name FROM role WHERE id = ?').get(id) as { name: string }).name;
  const shortageRows = page.locator('.shortage-table tbody tr');
  await expect(shortageRows).toHaveCount(10);
  await expect(shortageRows.first().locator('th')).toHaveText(roleName(flagged[0]!.roleId));
  await expect(page.getByText(`The worst 10 of ${flagged.length} roles.`)).toBeVisible();
  await expect(page.locator('.gaps-table tbody tr').first().locator('.shortfall')).toHaveText(/^−[\d,]+\.\d$/);
  await app.screenshot('dashboard');
  await axe(page);
  await page.getByRole('button', { name: `Show all ${flagged.length}` }).click();
  await expect(shortageRows).toHaveCount(flagged.length);
  await expect(shortageRows.last().locator('th')).toHaveText(roleName(flagged.at(-1)!.roleId));
  await page.getByRole('button', { name: 'Show the worst 10' }).click();
  await expect(shortageRows).toHaveCount(10);
});

test('an intake edit in Pipelines changes the dashboard; undo on the dashboard changes it back without a reload', async ({ app }) => {
  const { page, ctx } = app;
  const id = planScenarioId(ctx.db, 'Our Dorset plan');
  const horizon = '2028/29';
  const supplyCard = page.locator('.card', { hasText: `Supply in ${horizon}` }).locator('dd:not(.card-change)');
  const before = formatFte(runProjection(ctx.db, id).totals.closing.at(-1)!);
  await expect(supplyCard).toContainText(before);

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Pipelines' }).click();
  const grid = new GridPage(page);
  const row = await grid.rowIndexOf('Registered nurse degree apprenticeship (RBD)');
  await grid.editCell(row, 'y2021', '400');
  await expect(grid.cell(row, 'y2021')).toContainText('400');
  const after = formatFte(runProjection(ctx.db, id).totals.closing.at(-1)!);
  expect(after).not.toBe(before);

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Dashboard' }).click();
  await expect(supplyCard).toContainText(after);
  await page.locator('#main').focus();
  await page.keyboard.press('Control+z');
  await expect(supplyCard).toContainText(before);
});

test('keyboard only: skip link, navigation and the dashboard’s tables are reachable with Tab', async ({ app }) => {
  const { page } = app;
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  // Tab through the top bar to the navigation, then Enter on Projection and back to Dashboard.
  const nav = page.getByRole('navigation', { name: 'Views' });
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    if (await nav.getByRole('button', { name: 'Dashboard' }).evaluate((el) => el === document.activeElement)) break;
  }
  await expect(nav.getByRole('button', { name: 'Dashboard' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Dashboard');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
});
