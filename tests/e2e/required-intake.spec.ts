import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './harness';
import { GridPage } from './pages/grid';
import { askRequiredIntake, runProjection } from '../../src/main/services/projection';
import { formatFte } from '../../src/shared/format';

const DCH = 'Dorset County Hospital NHS Foundation Trust';
const PLACEMENTS = 'Clinical placements: nursing and midwifery students (RBD)';
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

test('from a row’s gap: the intake that closes it by a year, applied as one change, and undone', async ({ app }) => {
  test.setTimeout(120_000);
  const { page, ctx } = app;
  const db = ctx.db;
  const scenarioId = (db.prepare("SELECT id FROM scenario WHERE name = 'Our Dorset plan'").get() as { id: number }).id;
  const pipelineId = (db.prepare('SELECT id FROM pipeline WHERE name = ? AND scenario_id = ?').get(PLACEMENTS, scenarioId) as { id: number }).id;
  const intakes = () => app.readDb((d) => d.prepare('SELECT year, heads FROM pipeline_intake WHERE pipeline_id = ? ORDER BY year').all(pipelineId) as { year: number; heads: number }[]);
  const before = intakes();
  // The engine's answer for 2020/21 onwards, closed by 2022/23 (a gap of about 53 FTE then).
  const expected = askRequiredIntake(db, scenarioId, { pipelineId, fromYear: 2020, byYear: 2022, scope: 'cell' });
  if (!expected.ok) throw new Error(expected.reason);
  expect(expected.gapBefore).toBeGreaterThan(1);
  expect(expected.gapAfter).toBeLessThanOrEqual(1e-6);

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Projection' }).click();
  await page.getByRole('combobox', { name: 'Organisation' }).selectOption({ label: DCH });
  const grid = new GridPage(page);
  const row = await grid.rowIndexOf('Registered nurse', 'role');
  await grid.cell(row, 'role').click();
  const panel = page.getByRole('complementary', { name: `Registered nurse, ${DCH}` });
  await panel.getByRole('combobox', { name: 'Pipeline' }).selectOption({ label: PLACEMENTS });
  await panel.getByRole('combobox', { name: 'Same intake every year from' }).selectOption({ label: '2020/21' });
  await panel.getByRole('combobox', { name: 'Gap closed by' }).selectOption({ label: '2022/23' });
  await panel.getByRole('button', { name: 'Work out the intake' }).click();
  const answer = panel.locator('.intake-answer');
  await expect(answer).toContainText(`${expected.wholeIntake} starters a year into ${PLACEMENTS}`);
  await expect(answer).toContainText(`−${formatFte(expected.gapBefore)} FTE now`);
  await app.screenshot('required-intake-answer');
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => v.id)).toEqual([]);

  await panel.getByRole('button', { name: `Apply ${expected.wholeIntake} a year from 2020/21` }).click();
  await expect(answer).toContainText('Undo brings back the previous intakes');
  await expect(page.locator('.notice').filter({ hasText: 'Undo brings back the previous intakes' })).toBeVisible();
  const applied = intakes();
  for (let y = 2020; y <= 2028; y++) expect(applied.find((i) => i.year === y)?.heads).toBe(expected.wholeIntake);
  expect(applied.find((i) => i.year === 2019)?.heads).toBe(before.find((i) => i.year === 2019)?.heads);

  // The grid behind the panel updated without a reload: the 2022/23 gap is closed.
  const after = runProjection(db, scenarioId).cells.find((c) => c.roleId === (db.prepare("SELECT id FROM role WHERE name = 'Registered nurse'").get() as { id: number }).id && c.orgId === (db.prepare('SELECT id FROM organisation WHERE name = ?').get(DCH) as { id: number }).id)!;
  expect(after.gap[3]!).toBeLessThanOrEqual(1e-6);
  await expect(grid.cell(row, 'g2022')).not.toHaveClass(/shortfall/);
  await app.screenshot('required-intake-applied');

  // One undo brings every year's intake back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(intakes).toEqual(before);
  await expect(grid.cell(row, 'g2022')).toHaveClass(/shortfall/);
});

test('a question that cannot be answered says why in plain words', async ({ app }) => {
  const { page } = app;
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Projection' }).click();
  await page.getByRole('combobox', { name: 'Organisation' }).selectOption({ label: DCH });
  const grid = new GridPage(page);
  await grid.cell(await grid.rowIndexOf('Registered nurse', 'role'), 'role').click();
  const panel = page.getByRole('complementary', { name: `Registered nurse, ${DCH}` });
  // A four-year degree apprenticeship started in 2026/27 cannot qualify anyone by 2027/28.
  await panel.getByRole('combobox', { name: 'Pipeline' }).selectOption({ label: 'Registered nurse degree apprenticeship (RBD)' });
  await panel.getByRole('combobox', { name: 'Same intake every year from' }).selectOption({ label: '2026/27' });
  await panel.getByRole('combobox', { name: 'Gap closed by' }).selectOption({ label: '2027/28' });
  await panel.getByRole('button', { name: 'Work out the intake' }).click();
  await expect(panel.locator('.intake-answer')).toContainText('Cannot close by 2027/28: the course (4 years) is longer than the time left.');
  await expect(panel.getByRole('button', { name: /^Apply/ })).toHaveCount(0);
});
