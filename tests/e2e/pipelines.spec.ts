import type Database from 'better-sqlite3';
import { test, expect } from './harness';
import { GridPage } from './pages/grid';

const RNDA_RBD = 'Registered nurse degree apprenticeship (RBD)';

test.beforeEach(async ({ app }) => {
  await app.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Pipelines', exact: true }).click();
  await expect(app.page.getByRole('heading', { name: 'Pipelines', level: 1 })).toBeVisible();
});

function intakeOf(db: Database.Database, name: string, scenario: string, year: number): number | undefined {
  const row = db
    .prepare(
      `SELECT i.heads FROM pipeline_intake i JOIN pipeline p ON p.id = i.pipeline_id JOIN scenario s ON s.id = p.scenario_id
       WHERE p.name = ? AND s.name = ? AND i.year = ?`,
    )
    .get(name, scenario, year) as { heads: number } | undefined;
  return row?.heads;
}

test('the demo plan’s pipelines show the stated intakes of 50 a year', async ({ app }) => {
  const { page } = app;
  await expect(page.getByRole('heading', { name: 'Pipelines' })).toBeVisible();
  await expect(page.getByLabel('Scenario')).toHaveValue(/\d+/);
  await expect(page.getByLabel('Scenario').locator('option:checked')).toHaveText('Our Dorset plan');
  const grid = new GridPage(page);
  const row = await grid.rowIndexOf(RNDA_RBD);
  await expect(grid.cell(row, 'y2019')).toContainText('10');
  await page.getByRole('button', { name: 'Show details' }).click();
  await expect(grid.cell(row, 'attrition')).toContainText('24.0%');
  // The four trusts' apprenticeship rows add up to the stated 50 a year.
  const total = app.readDb(
    (db) =>
      (
        db
          .prepare(
            `SELECT sum(i.heads) AS n FROM pipeline_intake i JOIN pipeline p ON p.id = i.pipeline_id JOIN scenario s ON s.id = p.scenario_id
             WHERE p.name LIKE 'Registered nurse degree apprenticeship%' AND s.name = 'Our Dorset plan' AND i.year = 2021`,
          )
          .get() as { n: number }
      ).n,
  );
  expect(total).toBe(50);
  await app.screenshot('pipelines');
});

test('an intake edit reaches SQLite, survives a reload, and can be undone', async ({ app }) => {
  const { page } = app;
  const grid = new GridPage(page);
  const row = await grid.rowIndexOf(RNDA_RBD);
  await grid.editCell(row, 'y2021', '12');
  await expect(grid.cell(row, 'y2021')).toContainText('12');
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
  expect(app.readDb((db) => intakeOf(db, RNDA_RBD, 'Our Dorset plan', 2021))).toBe(12);

  await app.reload();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Pipelines', exact: true }).click();
  const again = await grid.rowIndexOf(RNDA_RBD);
  await expect(grid.cell(again, 'y2021')).toContainText('12');

  await page.keyboard.press('Control+z');
  await expect(grid.cell(again, 'y2021')).toContainText('10');
  expect(app.readDb((db) => intakeOf(db, RNDA_RBD, 'Our Dorset plan', 2021))).toBe(10);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(grid.cell(again, 'y2021')).toContainText('12');
  expect(app.readDb((db) => intakeOf(db, RNDA_RBD, 'Our Dorset plan', 2021))).toBe(12);
});

test('an invalid edit is refused with its reason at the cell and writes nothing', async ({ app }) => {
  const { page } = app;
  const grid = new GridPage(page);
  const row = await grid.rowIndexOf(RNDA_RBD);
  const before = app.readDb((db) => db.prepare('SELECT count(*) AS n FROM change_set').get() as { n: number }).n;

  await page.getByRole('button', { name: 'Show details' }).click();
  await grid.editCell(row, 'attrition', '150');
  await expect(page.getByRole('alert')).toContainText('Attrition cannot be above 100 %');
  await expect(grid.cell(row, 'attrition')).toHaveClass(/cell-error/);
  await expect(grid.cell(row, 'attrition')).toContainText('24.0%');

  await grid.editCell(row, 'y2020', '-5');
  await expect(page.getByRole('alert')).toContainText('Intake cannot be negative');
  await grid.editCell(row, 'y2020', 'N/A');
  await expect(page.getByRole('alert')).toContainText('"N/A" is not a number');
  await app.screenshot('pipelines-refused-edit');

  const after = app.readDb((db) => ({
    changes: (db.prepare('SELECT count(*) AS n FROM change_set').get() as { n: number }).n,
    attrition: (
      db
        .prepare('SELECT attrition FROM pipeline WHERE name = ? AND scenario_id = (SELECT id FROM scenario WHERE name = ?)')
        .get(RNDA_RBD, 'Our Dorset plan') as { attrition: number }
    ).attrition,
    intake: intakeOf(db, RNDA_RBD, 'Our Dorset plan', 2020),
  }));
  expect(after).toEqual({ changes: before, attrition: 0.24, intake: 10 });
});

test('a refused payload is refused by the main process too, not only by the grid', async ({ app }) => {
  const result = await app.page.evaluate(() =>
    (globalThis as unknown as { api: Record<string, (i: unknown) => Promise<unknown>> }).api['pipelines/update']!({
      pipelineId: 1,
      changes: { attrition: 1.5 },
    }),
  );
  expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'Attrition cannot be above 100 %' } });
});

test('pipelines can be added and deleted, and each scenario shows its own', async ({ app }) => {
  const { page } = app;
  const grid = new GridPage(page);
  await page.getByRole('button', { name: 'Add pipeline' }).click();
  await grid.find('New pipeline');
  await expect(grid.rows()).toHaveCount(1);
  const row = await grid.rowIndexOf('New pipeline');
  await grid.editCell(row, 'name', 'Return to practice nurses (RBD)');
  await grid.find('Return to practice');
  await expect(grid.cell(row, 'name')).toContainText('Return to practice nurses (RBD)');
  await grid.cell(row, 'name').click();
  await page.getByRole('button', { name: 'Delete pipeline' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted "Return to practice nurses (RBD)"' })).toBeVisible();
  expect(app.readDb((db) => db.prepare("SELECT count(*) AS n FROM pipeline WHERE name LIKE 'Return to practice%'").get() as { n: number }).n).toBe(0);

  await grid.find('');
  await page.getByLabel('Scenario').selectOption({ label: 'Do nothing' });
  await expect(page.locator('.ag-row [col-id="name"]', { hasText: 'International recruitment: registered nurses (RDZ)' }).first()).toBeVisible();
  await expect(page.locator('.ag-row [col-id="name"]', { hasText: RNDA_RBD })).toHaveCount(0);
  await app.screenshot('pipelines-do-nothing');
});
