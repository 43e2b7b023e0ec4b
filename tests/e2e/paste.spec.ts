import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './harness';
import { baselineOf, cell, changes, DCH, filterTo, ids, openView, pasteInto, rateOf, SWAST, WCAG } from './inputs-support';

const PLAN = 'Our Dorset plan';

test('Baseline: a block pasted from Excel is one change, and one undo removes all of it', async ({ app }) => {
  const { page } = app;
  await openView(page, 'Baseline');
  await filterTo(page, DCH, null);
  await page.getByRole('group', { name: 'Filter rows' }).getByLabel('Staff group').selectOption({ label: 'Nursing and Midwifery Registered' });
  const grid = page.getByRole('region', { name: 'Baseline workforce' });
  await expect(cell(grid, 0, 'roleName')).toHaveText('Registered nurse');
  await expect(cell(grid, 1, 'roleName')).toHaveText('Midwife');
  const before = app.readDb((db) => ({ rn: baselineOf(db, DCH, 'Registered nurse'), mw: baselineOf(db, DCH, 'Midwife'), n: changes(db).length }));

  // Two rows × FTE, Headcount, Establishment as Excel copies them: thousands separators, CRLF, trailing newline.
  await pasteInto(page, cell(grid, 0, 'fte'), '1,234.5\t1,300\t1,350\r\n60\t71\t66.6\r\n');
  await expect(cell(grid, 0, 'fte')).toContainText('1,234.5');
  await expect(cell(grid, 1, 'headcount')).toContainText('71');
  const after = app.readDb((db) => ({ rn: baselineOf(db, DCH, 'Registered nurse'), mw: baselineOf(db, DCH, 'Midwife'), log: changes(db) }));
  expect(after.rn).toMatchObject({ fte: 1234.5, headcount: 1300, establishment: 1350 });
  expect(after.mw).toMatchObject({ fte: 60, headcount: 71, establishment: 66.6 });
  expect(after.log).toHaveLength(before.n + 1);
  expect(after.log.at(-1)).toMatchObject({ source: 'paste', summary: 'Pasted 6 cells into Baseline' });
  await app.screenshot('baseline-pasted');

  await page.keyboard.press('Control+z');
  await expect(cell(grid, 0, 'fte')).toContainText('526.3');
  expect(app.readDb((db) => ({ rn: baselineOf(db, DCH, 'Registered nurse'), mw: baselineOf(db, DCH, 'Midwife') }))).toEqual({ rn: before.rn, mw: before.mw });
  // And redo brings the whole block back.
  await page.keyboard.press('Control+y');
  await expect(cell(grid, 0, 'fte')).toContainText('1,234.5');
  expect(app.readDb((db) => baselineOf(db, DCH, 'Midwife').headcount)).toBe(71);
});

test('Baseline: a paste with any bad cell is refused whole, listing each problem, and writes nothing', async ({ app }) => {
  const { page } = app;
  await openView(page, 'Baseline');
  await filterTo(page, DCH, null);
  await page.getByRole('group', { name: 'Filter rows' }).getByLabel('Staff group').selectOption({ label: 'Nursing and Midwifery Registered' });
  const grid = page.getByRole('region', { name: 'Baseline workforce' });
  const before = app.readDb((db) => ({ rn: baselineOf(db, DCH, 'Registered nurse'), rate: rateOf(db, PLAN, DCH, 'Registered nurse'), n: changes(db).length }));

  // Leaver rate and agency share: "12%" is fine, "150%" and "n/a" are not, the blank is refused (a rate is needed).
  await pasteInto(page, cell(grid, 0, 'leaverRate'), '12%\t150%\r\nn/a\t\r\n');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The paste was refused and nothing was changed.');
  await expect(alert.getByRole('listitem')).toHaveText([
    'Registered nurse at Dorset County Hospital NHS Foundation Trust, Agency share, Agency share cannot be above 100 %',
    'Midwife at Dorset County Hospital NHS Foundation Trust, Leaver rate, "n/a" is not a number',
    'Midwife at Dorset County Hospital NHS Foundation Trust, Agency share, Agency share cannot be blank',
  ]);
  await app.screenshot('baseline-paste-refused');
  const axe = await new AxeBuilder({ page }).withTags(WCAG).include('.paste-problems').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  expect(app.readDb((db) => ({ rn: baselineOf(db, DCH, 'Registered nurse'), rate: rateOf(db, PLAN, DCH, 'Registered nurse'), n: changes(db).length }))).toEqual(
    before,
  );

  // A block taller than the rows shown is refused too.
  await pasteInto(page, cell(grid, 0, 'fte'), '1\r\n2\r\n3\r\n4\r\n5\r\n6\r\n7\r\n8\r\n9\r\n');
  await expect(alert).toContainText(/The block has 9 rows but only \d rows are shown from the selected cell down/);
  expect(app.readDb((db) => changes(db).length)).toBe(before.n);
});

test('Baseline: a full age profile pastes as one row of ten bands, checked to add up to 100%', async ({ app }) => {
  const { page } = app;
  await openView(page, 'Baseline');
  await filterTo(page, DCH, 'Registered nurse');
  const grid = page.getByRole('region', { name: 'Baseline workforce' });
  await pasteInto(page, cell(grid, 0, 'age0'), '5%\t10%\t10%\t10%\t15%\t15%\t15%\t10%\t7%\t3%\r\n');
  await expect(cell(grid, 0, 'aged55')).toContainText('20.0%');
  const profile = app.readDb((db) => JSON.parse(baselineOf(db, DCH, 'Registered nurse').age_profile) as number[]);
  expect(profile.map((v) => Math.round(v * 1000) / 1000)).toEqual([0.05, 0.1, 0.1, 0.1, 0.15, 0.15, 0.15, 0.1, 0.07, 0.03]);
  await pasteInto(page, cell(grid, 0, 'age0'), '50%\t10%\r\n');
  await expect(page.getByRole('alert')).toContainText('The age profile’s shares must add up to 100 %');
});

test('Other joiners: pasted years with blank cells clear those years, as one change', async ({ app }) => {
  const { page } = app;
  await openView(page, 'Other joiners');
  await filterTo(page, SWAST, 'Paramedic');
  const grid = page.getByRole('region', { name: 'Other joiners' });
  const joinerId = app.readDb((db) => {
    const { orgId, roleId } = ids(db, SWAST, 'Paramedic');
    return (
      db
        .prepare('SELECT j.id FROM other_joiner j JOIN scenario s ON s.id = j.scenario_id WHERE s.name = ? AND org_id = ? AND role_id = ?')
        .get(PLAN, orgId, roleId) as { id: number }
    ).id;
  });
  const n = app.readDb((db) => changes(db).length);
  await pasteInto(page, cell(grid, 0, 'y2019'), '3\t\t4.5\r\n');
  await expect(cell(grid, 0, 'y2021')).toContainText('4.5');
  const years = app.readDb((db) =>
    db.prepare('SELECT year, fte FROM other_joiner_fte WHERE other_joiner_id = ? AND year BETWEEN 2019 AND 2021 ORDER BY year').all(joinerId),
  );
  expect(years).toEqual([
    { year: 2019, fte: 3 },
    { year: 2021, fte: 4.5 },
  ]);
  expect(app.readDb((db) => changes(db))).toHaveLength(n + 1);
});

test('Pipelines: intakes paste across years and rows as one change', async ({ app }) => {
  const { page } = app;
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Pipelines', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pipelines' })).toBeVisible();
  const grid = page.locator('.ag-root-wrapper').first();
  await page.getByRole('searchbox').fill('Registered nurse degree apprenticeship');
  await expect(grid.locator('.ag-grid-scrolling-container .ag-row')).toHaveCount(4);
  const names = await grid.locator('.ag-grid-scrolling-container .ag-row [col-id="name"]').allTextContents();
  const n = app.readDb((db) => changes(db).length);
  await pasteInto(page, cell(grid, 0, 'y2022'), '61\t62\r\n71\t72\r\n');
  await expect(cell(grid, 1, 'y2023')).toContainText('72');
  const intakes = app.readDb(
    (db) =>
      db
        .prepare(
          `SELECT p.name, i.year, i.heads FROM pipeline_intake i JOIN pipeline p ON p.id = i.pipeline_id JOIN scenario s ON s.id = p.scenario_id
         WHERE s.name = ? AND p.name IN (?, ?) AND i.year IN (2022, 2023) ORDER BY i.year`,
        )
        .all(PLAN, names[0]!.trim(), names[1]!.trim()) as { name: string; year: number; heads: number }[],
  );
  expect(intakes.filter((r) => r.name === names[0]!.trim()).map((r) => r.heads)).toEqual([61, 62]);
  expect(intakes.filter((r) => r.name === names[1]!.trim()).map((r) => r.heads)).toEqual([71, 72]);
  const log = app.readDb((db) => changes(db));
  expect(log).toHaveLength(n + 1);
  expect(log.at(-1)).toMatchObject({ source: 'paste', summary: 'Pasted 4 cells into Pipelines' });
});
