import { test, expect } from './harness';
import {
  baselineOf,
  cell,
  chooseIn,
  pasteInto,
  rowIndexOf,
  changes,
  dataRows,
  DCH,
  filterBar,
  filterTo,
  ids,
  openView,
  rateOf,
  SWAST,
  totalsCell,
  typeInto,
} from './inputs-support';

const PLAN = 'Our Dorset plan';

test('Baseline: an edit reaches SQLite, survives a reload, and undo puts it back', async ({ app }) => {
  const { page } = app;
  await openView(page, 'Baseline');
  await filterTo(page, DCH, 'Registered nurse');
  const grid = page.getByRole('region', { name: 'Baseline workforce' });
  await expect(dataRows(grid)).toHaveCount(1);
  const before = app.readDb((db) => baselineOf(db, DCH, 'Registered nurse'));
  expect(before.fte).toBeCloseTo(526.3, 1);

  await typeInto(cell(grid, 0, 'fte'), '1,234.5');
  await expect(cell(grid, 0, 'fte')).toContainText('1,234.5');
  expect(app.readDb((db) => baselineOf(db, DCH, 'Registered nurse').fte)).toBe(1234.5);
  // The totals row follows the filtered rows.
  await expect(totalsCell(grid, 'fte')).toHaveText('1,234.5');

  // A percentage typed as "12%" is stored as a fraction, in this scenario only.
  await typeInto(cell(grid, 0, 'leaverRate'), '12%');
  await expect(cell(grid, 0, 'leaverRate')).toContainText('12.0%');
  expect(app.readDb((db) => rateOf(db, PLAN, DCH, 'Registered nurse').leaver_rate)).toBe(0.12);
  expect(app.readDb((db) => rateOf(db, 'Do nothing', DCH, 'Registered nurse').leaver_rate)).not.toBe(0.12);

  await app.reload();
  await openView(page, 'Baseline');
  await filterTo(page, DCH, 'Registered nurse');
  await expect(cell(grid, 0, 'fte')).toContainText('1,234.5');

  // Undo (Ctrl+Z) takes back the leaver rate, then the FTE.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(cell(grid, 0, 'leaverRate')).not.toContainText('12.0%');
  await page.keyboard.press('Control+z');
  await expect(cell(grid, 0, 'fte')).toContainText('526.3');
  expect(app.readDb((db) => baselineOf(db, DCH, 'Registered nurse').fte)).toBe(before.fte);
});

test('Baseline: an invalid value is refused at the cell with its reason, and nothing is written', async ({ app }) => {
  const { page } = app;
  await openView(page, 'Baseline');
  await filterTo(page, DCH, 'Midwife');
  const grid = page.getByRole('region', { name: 'Baseline workforce' });
  const before = app.readDb((db) => ({ row: baselineOf(db, DCH, 'Midwife'), n: changes(db).length }));

  await typeInto(cell(grid, 0, 'fte'), '-5');
  await expect(page.getByRole('alert')).toHaveText('Midwife at Dorset County Hospital NHS Foundation Trust, FTE: FTE cannot be negative. Nothing was changed.');
  await expect(cell(grid, 0, 'fte')).toHaveClass(/cell-error/);
  await typeInto(cell(grid, 0, 'leaverRate'), '150%');
  await expect(page.getByRole('alert')).toContainText('Leaver rate: Leaver rate cannot be above 100 %. Nothing was changed.');
  await typeInto(cell(grid, 0, 'headcount'), 'twelve');
  await expect(page.getByRole('alert')).toContainText('Headcount: "twelve" is not a number. Nothing was changed.');
  // One band alone cannot change: the age profile must still add up to 100 %.
  await typeInto(cell(grid, 0, 'age0'), '50');
  await expect(page.getByRole('alert')).toContainText('The age profile’s shares must add up to 100 %');
  await app.screenshot('baseline-refused-edit');
  expect(app.readDb((db) => ({ row: baselineOf(db, DCH, 'Midwife'), n: changes(db).length }))).toEqual(before);
});

test('Baseline: filters by organisation, staff group and role, with totals of what is shown', async ({ app }) => {
  const { page } = app;
  await openView(page, 'Baseline');
  const grid = page.getByRole('region', { name: 'Baseline workforce' });
  const expected = app.readDb((db) => {
    const { orgId } = ids(db, DCH, 'Registered nurse');
    return db
      .prepare(
        "SELECT count(*) n, sum(b.fte) fte FROM workforce_baseline b JOIN role r ON r.id = b.role_id WHERE b.org_id = ? AND r.staff_group = 'Medical and Dental'",
      )
      .get(orgId) as { n: number; fte: number };
  });
  await filterBar(page).getByLabel('Organisation').selectOption({ label: DCH });
  await filterBar(page).getByLabel('Staff group').selectOption({ label: 'Medical and Dental' });
  await expect(dataRows(grid)).toHaveCount(expected.n);
  await expect(totalsCell(grid, 'orgName')).toHaveText(`Total (${expected.n} rows)`);
  await expect(totalsCell(grid, 'fte')).toHaveText(expected.fte.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
  await filterBar(page).getByLabel('Find').fill('training');
  await expect(dataRows(grid)).toHaveCount(1);
  await expect(cell(grid, 0, 'roleName')).toHaveText('Doctor in training');
  await filterBar(page).getByRole('button', { name: 'Clear filters' }).click();
  await expect(totalsCell(grid, 'orgName')).toHaveText(/^Total \(1\d\d rows\)$/);
});

test('Other joiners: a year edits, a blank clears it, and a bad value is refused', async ({ app }) => {
  const { page } = app;
  await openView(page, 'Other joiners');
  await filterTo(page, SWAST, 'Paramedic');
  const grid = page.getByRole('region', { name: 'Other joiners' });
  await expect(dataRows(grid)).toHaveCount(1);
  const joinerId = app.readDb((db) => {
    const { orgId, roleId } = ids(db, SWAST, 'Paramedic');
    return (
      db
        .prepare('SELECT j.id FROM other_joiner j JOIN scenario s ON s.id = j.scenario_id WHERE s.name = ? AND org_id = ? AND role_id = ?')
        .get(PLAN, orgId, roleId) as { id: number }
    ).id;
  });
  const fteIn = (year: number) =>
    app.readDb(
      (db) => (db.prepare('SELECT fte FROM other_joiner_fte WHERE other_joiner_id = ? AND year = ?').get(joinerId, year) as { fte: number } | undefined)?.fte,
    );

  await typeInto(cell(grid, 0, 'y2021'), '12.5');
  await expect(cell(grid, 0, 'y2021')).toContainText('12.5');
  expect(fteIn(2021)).toBe(12.5);
  await expect(totalsCell(grid, 'y2021')).toHaveText('12.5');

  await typeInto(cell(grid, 0, 'y2021'), '');
  await expect(cell(grid, 0, 'y2021')).toContainText('–');
  expect(fteIn(2021)).toBeUndefined();

  await typeInto(cell(grid, 0, 'y2022'), '5%');
  await expect(page.getByRole('alert')).toContainText('"5%" is a percentage, but this column is not. Nothing was changed.');
  await chooseIn(cell(grid, 0, 'kindLabel'), 'Return to practice');
  await expect(cell(grid, 0, 'kindLabel')).toHaveText('Return to practice');
  expect(app.readDb((db) => (db.prepare('SELECT kind FROM other_joiner WHERE id = ?').get(joinerId) as { kind: string }).kind)).toBe('return-to-practice');
});

test('Demand: explicit changes and growth drivers edit in place; the total follows', async ({ app }) => {
  const { page } = app;
  await openView(page, 'Demand');
  await filterTo(page, SWAST, 'Paramedic');
  const changesGrid = page.getByRole('region', { name: 'Explicit demand changes' });
  await expect(dataRows(changesGrid)).toHaveCount(1);
  await typeInto(cell(changesGrid, 0, 'deltaFte'), '45');
  await expect(cell(changesGrid, 0, 'deltaFte')).toContainText('+45.0');
  await expect(totalsCell(changesGrid, 'deltaFte')).toHaveText('+45.0');
  const row = () =>
    app.readDb((db) =>
      db
        .prepare(
          "SELECT d.delta_fte, d.year FROM demand_change d JOIN scenario s ON s.id = d.scenario_id WHERE s.name = ? AND d.description = '10 more ambulances: paramedics'",
        )
        .get(PLAN),
    );
  expect(row()).toEqual({ delta_fte: 45, year: 2020 });
  await pasteInto(page, cell(changesGrid, 0, 'yearLabel'), '2019/21');
  await expect(page.getByRole('alert')).toContainText('"2019/21" is not a financial year: type it as 2024/25');
  expect(row()).toEqual({ delta_fte: 45, year: 2020 });

  await filterBar(page).getByRole('button', { name: 'Clear filters' }).click();
  const drivers = page.getByRole('region', { name: 'Growth drivers' });
  await typeInto(cell(drivers, 0, 'growth'), '7.5%');
  await expect(cell(drivers, 0, 'growth')).toContainText('7.5%');
  expect(
    app.readDb(
      (db) =>
        (
          db.prepare('SELECT growth FROM growth_driver g JOIN scenario s ON s.id = g.scenario_id WHERE s.name = ? ORDER BY g.id LIMIT 1').get(PLAN) as {
            growth: number;
          }
        ).growth,
    ),
  ).toBe(0.075);
  await app.screenshot('demand-edited');
});

test('Targets: projected value and RAG as text and icon; a value edits, blank means "not set"', async ({ app }) => {
  const { page } = app;
  await openView(page, 'Targets');
  const grid = page.getByRole('region', { name: 'Targets' });
  const rowOf = (name: string) => rowIndexOf(grid, 'name', name);
  const endo = await rowOf('Endoscopists trained');
  await expect(cell(grid, endo, 'value')).toContainText('not set');
  await expect(cell(grid, endo, 'status')).toHaveText('?Not set');
  const nurses = await rowOf('Additional registered nurses through degree apprenticeships');
  await expect(cell(grid, nurses, 'status')).toHaveText(/^(✓Met|!Close|✗Missed)$/);
  await expect(cell(grid, nurses, 'projected')).not.toContainText('not available');

  await typeInto(cell(grid, endo, 'value'), '40');
  await expect(cell(grid, endo, 'value')).toContainText('40');
  await expect(cell(grid, endo, 'status')).not.toHaveText('?Not set');
  expect(app.readDb((db) => (db.prepare("SELECT value FROM target WHERE name = 'Endoscopists trained'").get() as { value: number | null }).value)).toBe(40);
  await typeInto(cell(grid, endo, 'value'), '');
  await expect(cell(grid, endo, 'value')).toContainText('not set');
  expect(app.readDb((db) => (db.prepare("SELECT value FROM target WHERE name = 'Endoscopists trained'").get() as { value: number | null }).value)).toBeNull();

  // Shortage criteria, in the panel under the targets.
  const leaver = page.getByLabel('Leaver rate above (%)');
  await leaver.fill('15');
  await leaver.press('Enter');
  await expect.poll(() => app.readDb((db) => (db.prepare('SELECT leaver_rate_above v FROM shortage_criteria').get() as { v: number | null }).v)).toBe(0.15);
  await leaver.fill('abc');
  await leaver.press('Enter');
  await expect(page.getByRole('alert')).toContainText('Leaver rate above (%): "abc" is not a number. Nothing was changed.');
  await app.screenshot('targets-edited');
});

test('Assumptions: status and source of a number are editable and recorded', async ({ app }) => {
  const { page } = app;
  await openView(page, 'Assumptions');
  const grid = page.getByRole('region', { name: 'Assumptions register' });
  await page.getByRole('group', { name: 'Filter rows' }).getByLabel('Find').fill('Dorset County Hospital NHS Foundation Trust: leaver rate');
  // Wait for Find to narrow the grid; it matches each word anywhere in a row, so then pick the row that is this number exactly.
  await expect.poll(() => dataRows(grid).count()).toBeLessThan(40);
  const r = await rowIndexOf(grid, 'fieldLabel', 'leaver rate');
  const label = `${(await cell(grid, r, 'subject').textContent()) ?? ''}: ${(await cell(grid, r, 'fieldLabel').textContent()) ?? ''}`;
  expect(label).toContain('Dorset County Hospital NHS Foundation Trust: leaver rate');
  await typeInto(cell(grid, r, 'source'), 'DCH workforce report, March 2020');
  await expect(cell(grid, r, 'source')).toHaveText('DCH workforce report, March 2020');
  await chooseIn(cell(grid, r, 'statusLabel'), 'Stated');
  await expect(cell(grid, r, 'statusLabel')).toHaveText('Stated');
  const note = app.readDb((db) => db.prepare("SELECT status, source FROM assumption WHERE source = 'DCH workforce report, March 2020'").all());
  expect(note).toEqual([{ status: 'stated', source: 'DCH workforce report, March 2020' }]);
  expect(label).toMatch(/leaver rate$/);
  await typeInto(cell(grid, r, 'source'), '   ');
  await expect(page.getByRole('alert')).toContainText('Say where the number comes from. Nothing was changed.');
  // The Status filter shows only the notes with that status, and "All" brings the others back.
  const statuses = () => dataRows(grid).locator('[col-id="statusLabel"]').allTextContents();
  await expect.poll(async () => new Set(await statuses()).size).toBeGreaterThan(1);
  await filterBar(page).getByLabel('Status').selectOption('stated');
  await expect.poll(async () => [...new Set(await statuses())]).toEqual(['Stated']);
  await app.screenshot('assumptions-stated');
  await filterBar(page).getByLabel('Status').selectOption({ index: 0 });
  await expect.poll(async () => new Set(await statuses()).size).toBeGreaterThan(1);
});
