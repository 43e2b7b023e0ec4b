import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './harness';

// The common NHS laptop.
test.use({ viewport: { width: 1366, height: 768 } });

const FIXTURES = path.resolve('tests/fixtures/import');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).include('main').analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const rnAtRbd = `SELECT b.fte, b.headcount FROM workforce_baseline b JOIN organisation o ON o.id = b.org_id JOIN role r ON r.id = b.role_id WHERE o.code = 'RBD' AND r.code = 'RN'`;

async function openImport(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { name: 'Import a spreadsheet' })).toBeVisible();
}

async function pick(page: Page, name: string, content: string | Buffer): Promise<void> {
  await page
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: typeof content === 'string' ? Buffer.from(content) : content });
}

test('a refused file ends in one clear message and nothing changes', async ({ app }) => {
  const { page } = app;
  await openImport(page);
  await expectAccessible(page);
  await app.screenshot('import-1-file');
  const before = app.readDb((db) => db.prepare('SELECT count(*) AS n FROM change_set').get());
  await pick(page, 'photo.xlsx', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
  const alert = page.getByRole('alert').filter({ hasText: 'The file could not be used.' });
  await expect(alert).toContainText('"photo.xlsx" is not a spreadsheet: its contents do not match its .xlsx extension.');
  await app.screenshot('import-refused');
  await expectAccessible(page);
  expect(app.readDb((db) => db.prepare('SELECT count(*) AS n FROM change_set').get())).toEqual(before);
});

test('a file with row errors is listed row by row and cannot be imported', async ({ app }) => {
  const { page } = app;
  await openImport(page);
  await pick(page, 'staff with errors.csv', 'Staff list for March\n\nOrg Code,Job Role,FTE\nRBD,RN,1\nRBD,RN,N/A\nRBD,RN,-0.03\n');
  await expect(page.getByRole('heading', { name: /staff with errors\.csv, sheet “staff with errors”: headings on row 3/ })).toBeVisible();
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('heading', { name: 'Check: 2 errors, 0 warnings' })).toBeVisible();
  const problems = page.getByRole('table', { name: 'Problems found' });
  await expect(problems.getByRole('row').nth(1)).toHaveText(
    /Error\s*staff with errors\s*5\s*C \(FTE\)\s*'N\/A' is not a number: type the figure, or clear the cell\./,
  );
  await expect(problems.getByRole('row').nth(2)).toHaveText(
    /Error\s*staff with errors\s*6\s*C \(FTE\)\s*FTE −0\.03 is negative: correct it, or delete the row\./,
  );
  await expect(page.getByRole('button', { name: 'Next: preview' })).toBeDisabled();
  await app.screenshot('import-check-errors');
  await expectAccessible(page);
});

test('an ESR-style staff list is mapped, checked, previewed, imported as one change, and undone', async ({ app }) => {
  const { page } = app;
  const before = app.readDb((db) => db.prepare(rnAtRbd).get());
  await openImport(page);
  const csv = [
    'Assignment Number,Full Name,Org Code,Job Role,Age Band,Contracted WTE',
    'A1,Ann Example,RBD,Nurse Band 5,25-29,1',
    'A2,Bob Example,RBD,Nurse Band 5,55-59,0.5',
    'A3,Cy Example,RBD,MW,30-34,0.8',
  ].join('\n');
  await pick(page, 'esr.csv', csv);
  const columns = page.getByRole('table', { name: 'Column mapping' });
  await expect(columns.getByLabel('Column B Full Name holds')).toHaveValue('personal');
  await expect(columns.getByLabel('Column F Contracted WTE holds')).toHaveValue('fte');
  await expect(columns.getByRole('row', { name: /Contracted WTE/ })).toContainText('Sure: the heading names it');
  await expect(columns).toContainText('•••');
  await expect(columns).not.toContainText('Ann Example');
  await app.screenshot('import-2-columns');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('heading', { name: 'Check: 1 error, 0 warnings' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Problems found' })).toContainText(
    'Role \'Nurse Band 5\' (2 rows) is not in the plan: map it to a plan role on the Check step, or choose "Skip these rows".',
  );
  await app.screenshot('import-3-check');
  await expectAccessible(page);
  // Map the unknown role, check again.
  await page.getByLabel("Role 'Nurse Band 5' in the plan").selectOption({ label: 'RN Registered nurse' });
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect(page.getByRole('heading', { name: 'Check: 0 errors, 0 warnings' })).toBeVisible();
  await page.getByRole('button', { name: 'Next: preview' }).click();
  await expect(page.getByRole('heading', { name: 'Preview: 0 added, 2 replaced, 0 by rounding only, 0 unchanged' })).toBeVisible();
  const preview = page.getByRole('table', { name: 'What will change' });
  await expect(preview).toContainText('FTE 1.5, headcount 2, establishment 584.8, age profile');
  // Three people cannot quietly replace a hospital's nurses and midwives: each line waits for an answer.
  await expect(preview).toContainText('Large change: FTE 526.3 → 1.5 (−99.7%): a change of more than 25 % and at least 5 FTE.');
  await expect(page.getByRole('status').filter({ hasText: 'Before importing:' })).toContainText('2 large changes need an answer before the import');
  await expect(page.getByRole('button', { name: 'Import into the plan' })).toBeDisabled();
  await page.getByLabel('Save this mapping as (optional)').fill('ESR staff list');
  await app.screenshot('import-4-preview-large-changes');
  await expectAccessible(page);
  await page.getByLabel('Answer for Registered nurse at Dorset County Hospital NHS Foundation Trust').selectOption('import');
  await expect(page.getByRole('status').filter({ hasText: 'Before importing:' })).toContainText('1 large change needs an answer');
  await page.getByLabel('Answer for Midwife at Dorset County Hospital NHS Foundation Trust').selectOption('import');
  await expect(page.getByRole('button', { name: 'Import into the plan' })).toBeEnabled();
  await expect(page.getByRole('status').filter({ hasText: 'Before importing:' })).toHaveCount(0);
  await app.screenshot('import-4-preview-answered');
  expect(app.readDb((db) => db.prepare(rnAtRbd).get())).toEqual(before);
  await page.getByRole('button', { name: 'Import into the plan' }).click();
  await expect(page.getByText('Imported esr.csv: 0 added, 2 replaced.')).toBeVisible();
  expect(app.readDb((db) => db.prepare(rnAtRbd).get())).toEqual({ fte: 1.5, headcount: 2 });
  const history = page.getByRole('table', { name: 'Imports into this plan' });
  await expect(history).toContainText('esr.csv');
  await app.screenshot('import-5-history');
  await expectAccessible(page);
  // Nothing personal reached the plan file.
  const raw =
    fs.readFileSync(app.planPath).toString('utf8') + (fs.existsSync(`${app.planPath}-wal`) ? fs.readFileSync(`${app.planPath}-wal`).toString('utf8') : '');
  expect(raw).not.toContain('Ann Example');
  await history.getByRole('button', { name: 'Undo the import of esr.csv' }).click();
  await expect(history.getByRole('row').nth(1)).toContainText('Undone');
  expect(app.readDb((db) => db.prepare(rnAtRbd).get())).toEqual(before);
});

test('dropping a spreadsheet anywhere on the window starts the import', async ({ app }) => {
  const { page } = app;
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const dt = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.items.add(new File(['Org Code,Job Role,FTE\nRBD,RN,3\n'], 'dropped.csv', { type: 'text/csv' }));
    return d;
  });
  await page.dispatchEvent('main', 'dragover', { dataTransfer: dt });
  await page.dispatchEvent('main', 'drop', { dataTransfer: dt });
  await expect(page.getByRole('heading', { name: /dropped\.csv, sheet “dropped”: headings on row 1/ })).toBeVisible();
  await app.screenshot('import-dropped');
  fs.mkdirSync(path.resolve('test-results'), { recursive: true });
});

test('the NHS Digital HCHS file imports into the baseline from the UI, one month of two', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  const dir = '/work/shared/data/nhs';
  const file = path.join(dir, fs.readdirSync(dir).find((n) => n.startsWith('hchs'))!);
  // Summed directly from the file: RBD's nurses in June 2018, of which the demo mapping gives RN 97 %.
  const XLSX = await import('xlsx');
  const rows = XLSX.utils.sheet_to_json<{ Month: string; 'Organisation code': string; 'Staff group': string; FTE: number }>(
    XLSX.read(fs.readFileSync(file), { type: 'buffer', dense: true }).Sheets['Data']!,
  );
  const nurses = rows
    .filter((r) => r.Month === '2018-JUN' && r['Organisation code'] === 'RBD' && r['Staff group'] === 'Nurses & health visitors')
    .reduce((a, r) => a + r.FTE, 0);
  await openImport(page);
  app.dialogs.answer(file);
  await page.getByRole('button', { name: 'Choose a file…' }).click();
  await expect(page.locator('#import-sheet')).toHaveValue('Data', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Next: columns' }).click();
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('table', { name: 'Problems found' })).toContainText(
    'The file holds figures for 2 periods (2017-SEP and 2018-JUN): choose one under "Period to import".',
    { timeout: 30_000 },
  );
  await page.getByLabel('Period to import').selectOption('2018-JUN');
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect(page.getByRole('heading', { name: /^Check: 0 errors, 2 warnings$/ })).toBeVisible({ timeout: 30_000 });
  const skipped = page.getByRole('table', { name: 'Rows not read, by reason' });
  await expect(skipped.getByRole('row', { name: /rows of another period/ })).toContainText("40,511row 2: '2017-SEP'");
  await app.screenshot('import-hchs-check');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Next: preview' }).click();
  // The demo's baseline comes from this file: nothing moves but rounding, the ambulance trust at Dorset's share.
  await expect(page.getByRole('heading', { name: 'Preview: 0 added, 0 replaced, 93 by rounding only, 0 unchanged' })).toBeVisible();
  await expect(page.locator('.import-shares')).toContainText(
    'South Western Ambulance Service NHS Foundation Trust (Dorset): whole trust 3,890.8 FTE × 27.0% = 1,049.4',
  );
  await app.screenshot('import-hchs-preview');
  await page.getByRole('button', { name: 'Import into the plan' }).click();
  await expect(page.getByText(/Imported hchs-.*\.xlsx: 0 added, 93 replaced\./)).toBeVisible({ timeout: 30_000 });
  const got = app.readDb((db) => (db.prepare(rnAtRbd).get() as { fte: number }).fte);
  expect(got).toBeCloseTo(nurses * 0.97, 6);
});

test('a "Total" column with no unit is a question on the Columns step, answered before the check', async ({ app }) => {
  const { page } = app;
  await openImport(page);
  await pick(page, 'totals.csv', fs.readFileSync(path.join(FIXTURES, 'total-no-measure.csv')));
  const question = page.getByRole('group', { name: 'Do the figures count FTE or headcount?' });
  await expect(question).toContainText('Nothing in the file says: no title or heading says whether the figures are FTE or headcount.');
  await expect(question.getByRole('radio', { checked: true })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Column mapping' }).getByRole('row', { name: /Total/ })).toContainText(
    'Likely: a column headed "Total" usually holds the figures',
  );
  await app.screenshot('import-2-columns-measure-question');
  await expectAccessible(page);
  // Unanswered, the check says what to do.
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('table', { name: 'Problems found' })).toContainText(
    'Nothing in the file says whether the figures in column C (Total) are FTE or headcount: say which on the Columns step.',
  );
  await page.getByRole('button', { name: 'Back to columns' }).click();
  await question.getByLabel('FTE (whole time equivalent)').check();
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('heading', { name: 'Check: 0 errors, 0 warnings' })).toBeVisible();
});

test('a cross-tab of headcount keeps FTE or derives it, as the planner chooses on the preview', async ({ app }) => {
  const { page } = app;
  await openImport(page);
  await pick(page, 'headcount.xlsx', fs.readFileSync(path.join(FIXTURES, 'headcount-crosstab.xlsx')));
  await expect(page.getByRole('group', { name: 'Do the figures count FTE or headcount?' }).getByLabel('Headcount (people)')).toBeChecked();
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByRole('heading', { name: 'Check: 0 errors, 0 warnings' })).toBeVisible();
  await page.getByRole('button', { name: 'Next: preview' }).click();
  const fte = page.getByRole('group', { name: 'FTE for lines with headcount only' });
  await expect(page.getByRole('status').filter({ hasText: 'Before importing:' })).toContainText('The file holds headcount, not FTE, for 6 lines');
  await expect(
    page.getByRole('table', { name: 'What will change' }).getByRole('row').filter({ hasText: 'Registered nurse' }).filter({ hasText: 'Dorset County' }),
  ).toContainText('FTE: keep 526.3, or derive 512.2 (0.88 FTE per head)');
  await app.screenshot('import-4-preview-headcount-question');
  await expectAccessible(page);
  await fte.getByLabel('Keep each line’s FTE').check();
  await page.getByRole('button', { name: 'Import all flagged' }).click();
  await expect(page.getByRole('button', { name: 'Import into the plan' })).toBeEnabled();
  await page.getByRole('button', { name: 'Import into the plan' }).click();
  await expect(page.getByText('Imported headcount.xlsx:')).toBeVisible();
  // The headcount went in as headcount; FTE stayed what it was.
  expect(app.readDb((db) => db.prepare(rnAtRbd).get())).toEqual({ fte: 526.3, headcount: 582 });
});

test("a regional trust's whole workforce is imported at the plan's share, shown line by line; a share can be changed for one import", async ({ app }) => {
  const { page } = app;
  await openImport(page);
  await pick(page, 'ambulance.csv', fs.readFileSync(path.join(FIXTURES, 'ambulance-whole-trust.csv')));
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.getByRole('button', { name: 'Next: preview' }).click();
  await expect(page.getByRole('heading', { name: 'Preview: 0 added, 0 replaced, 17 by rounding only, 0 unchanged' })).toBeVisible();
  const shares = page.locator('.import-shares');
  await expect(shares).toContainText('whole trust 3,890.8 FTE × 27.0% = 1,049.4');
  await expect(page.getByRole('table', { name: 'What will change' }).getByRole('row', { name: /Paramedic/ })).toContainText(
    'whole trust 1,018.8 FTE × 27.0% = 274.8',
  );
  await app.screenshot('import-4-preview-share');
  await expectAccessible(page);
  // The file holds only Dorset's part: 100 % for this import, and every big line is flagged.
  const input = page.getByLabel(/Share of South Western Ambulance Service .* for this import, per cent/);
  await input.fill('100');
  await input.blur();
  await expect(shares).toContainText('whole trust 3,890.8 FTE × 100.0% = 3,890.8');
  await expect(page.getByRole('table', { name: 'What will change' }).getByRole('row', { name: /Paramedic/ })).toContainText(
    'Large change: FTE 274.8 → 1,018.8',
  );
  await expect(page.getByRole('button', { name: 'Import into the plan' })).toBeDisabled();
  await app.screenshot('import-4-preview-share-overridden');
  await page.getByRole('button', { name: /Use the plan’s share/ }).click();
  await expect(shares).toContainText('whole trust 3,890.8 FTE × 27.0% = 1,049.4');
  await expect(page.getByRole('button', { name: 'Import into the plan' })).toBeEnabled();
});

test('organisation shares are shown and edited under Baseline, and an edit undoes like any other', async ({ app }) => {
  const { page } = app;
  const share = () =>
    app.readDb((db) => db.prepare("SELECT share, share_source AS source FROM organisation WHERE code = 'RYF'").get() as { share: number; source: string });
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Baseline' }).click();
  await page.getByRole('button', { name: 'Organisation shares… (1)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Organisation shares' });
  const pct = dialog.getByLabel(/Share of South Western Ambulance Service .*, per cent/);
  await expect(pct).toHaveValue('26.97');
  await expect(dialog.getByLabel(/Source of the share of South Western/)).toHaveValue(/^65\/241: /);
  await app.screenshot('baseline-organisation-shares');
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).include('dialog').analyze();
  expect(result.violations.map((v) => v.id)).toEqual([]);
  // A share under 100 % needs a source.
  const poole = dialog.getByLabel('Share of Poole Hospital NHS Foundation Trust, per cent');
  await poole.fill('50');
  await dialog.getByRole('button', { name: 'Save the share of Poole Hospital NHS Foundation Trust' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Say where the share of Poole Hospital NHS Foundation Trust comes from');
  await poole.fill('100');
  await pct.fill('30');
  await dialog.getByRole('button', { name: /Save the share of South Western/ }).click();
  await expect(page.getByText(/the plan now holds 30\.0% of it/)).toBeVisible();
  expect(share().share).toBeCloseTo(0.3, 12);
  await dialog.getByRole('button', { name: 'Close Organisation shares' }).click();
  await page.keyboard.press('Control+z');
  await expect.poll(() => share().share).toBeCloseTo(65 / 241, 12);
});
