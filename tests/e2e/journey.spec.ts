/**
 * The board's journey, keyboard only, on a 1366×768 laptop: open the demo → change two intakes
 * and see the gap move → close the registered nurse gap by 2024/25 → compare with a copy →
 * export. Every key press is counted (no mouse is used) and the count is printed per step.
 */
import fs from 'node:fs';
import XLSX from 'xlsx';
import type Database from 'better-sqlite3';
import { test, expect } from './harness';
import { CountedKeys } from './pages/keys';
import { askRequiredIntake, runProjection } from '../../src/main/services/projection';
import { formatHeads } from '../../src/shared/format';
import { formatGap } from '../../src/renderer/src/views/projection/numbers';

test.use({ viewport: { width: 1366, height: 768 } });

const idOf = (db: Database.Database, sql: string, name: string) => (db.prepare(sql).get(name) as { id: number }).id;
const intake = (db: Database.Database, name: string, year: number) =>
  (
    db
      .prepare(
        "SELECT i.heads FROM pipeline_intake i JOIN pipeline p ON p.id = i.pipeline_id JOIN scenario s ON s.id = p.scenario_id WHERE s.name = 'Our Dorset plan' AND p.name = ? AND i.year = ?",
      )
      .get(name, year) as { heads: number } | undefined
  )?.heads;

test('keyboard only: open the demo, change two intakes and see the gap move, close the RN gap by 2024/25, compare with a copy, export', async ({
  app,
}, testInfo) => {
  test.setTimeout(300_000);
  const { page, ctx } = app;
  const db = ctx.db;
  const keys = new CountedKeys(page);
  const scenario = idOf(db, 'SELECT id FROM scenario WHERE name = ?', 'Our Dorset plan');
  const nurse = idOf(db, 'SELECT id FROM role WHERE name = ?', 'Registered nurse');
  const rdy = idOf(db, 'SELECT id FROM organisation WHERE code = ?', 'RDY');
  const focusedCell = () =>
    page.evaluate(() => ({
      col: document.activeElement?.closest('[col-id]')?.getAttribute('col-id') ?? null,
      row: document.activeElement?.closest('[row-index]')?.getAttribute('row-index') ?? null,
    }));

  // 1. The demo opens on its dashboard.
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();

  // 2. Pipelines: its shortcut goes straight to its grid; then to the 2021/22 intakes.
  keys.begin('open Pipelines and reach the 2021/22 intake');
  await keys.press('Alt+3');
  await expect(page.getByRole('heading', { level: 1, name: 'Pipelines' })).toBeVisible();
  await expect.poll(focusedCell).toEqual({ col: 'name', row: '0' });
  await expect(page.locator('.ag-row[row-index="0"] [col-id="name"]').first()).toContainText('Registered nurse degree apprenticeship (RBD)');
  for (let i = 0; i < 3; i++) await keys.press('ArrowRight');
  await expect.poll(focusedCell).toEqual({ col: 'y2021', row: '0' });

  // 3. Two intakes, typed as in Excel: type, Enter (which moves down), type, Enter.
  keys.begin('change two intakes');
  await keys.type('20');
  await keys.press('Enter');
  await expect.poll(() => app.readDb((d) => intake(d, 'Registered nurse degree apprenticeship (RBD)', 2021))).toBe(20);
  const mid = runProjection(db, scenario);
  await keys.type('25');
  await keys.press('Enter');
  await expect.poll(() => app.readDb((d) => intake(d, 'Registered nurse degree apprenticeship (RDY)', 2021))).toBe(25);
  const after = runProjection(db, scenario);
  // In Excel: 2, 0, Enter, 2, 5, Enter.
  expect(keys.keysIn('change two intakes')).toBeLessThanOrEqual(6);

  // 4. Back up to the row just edited: its impact strip shows the gap, was → now.
  keys.begin('see the gap move');
  await keys.press('ArrowUp');
  const strip = page.locator('.impact-strip');
  await expect(strip.locator('caption')).toContainText(
    'Registered nurse at Dorset HealthCare University NHS Foundation Trust: your last edit changed the years marked ●',
  );
  const was = mid.cells.find((c) => c.orgId === rdy && c.roleId === nurse)!.gap;
  const now = after.cells.find((c) => c.orgId === rdy && c.roleId === nurse)!.gap;
  const changed = now.map((g, t) => formatGap(g) !== formatGap(was[t]!));
  expect(changed.filter(Boolean).length).toBeGreaterThan(0);
  const stripCells = strip.locator('tbody td');
  for (let t = 0; t < now.length; t++) {
    if (changed[t]) await expect(stripCells.nth(t)).toHaveText(`● was ${formatGap(was[t]!)}now ${formatGap(now[t]!)}`);
    else await expect(stripCells.nth(t)).toHaveText(formatGap(now[t]!));
  }
  await app.screenshot('journey-1-two-intakes');

  // 5. Projection: the first row (registered nurses at Dorset County Hospital), its bridge, and
  //    the intake across every nurse pipeline that closes the role's gap by 2024/25.
  keys.begin('close the registered nurse gap by 2024/25');
  await keys.press('Alt+7');
  await expect(page.getByRole('heading', { level: 1, name: 'Projection' })).toBeVisible();
  await expect.poll(focusedCell).toEqual({ col: 'org', row: '0' });
  await keys.press('Enter');
  const panel = page.getByRole('complementary', { name: 'Registered nurse, Dorset County Hospital NHS Foundation Trust' });
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('radio', { name: 'Registered nurse across all organisations' })).toBeChecked();
  await expect(panel.getByRole('radio', { name: 'in proportion to each organisation’s gap' })).toBeChecked();
  await expect(panel.getByRole('combobox', { name: 'Gap closed by' })).toHaveValue('2024');
  await keys.tabTo(panel.getByRole('button', { name: 'Work out the intake' }));
  await keys.press('Enter');
  const expected = askRequiredIntake(db, scenario, { roleId: nurse, orgId: null, fromYear: 2020, byYear: 2024, sharing: 'gap', pipelineId: null });
  if (!expected.ok) throw new Error(expected.reason);
  await expect(panel.locator('.intake-answer')).toContainText(
    `${formatHeads(expected.wholeTotal)} starters a year across ${expected.allocations.length} pipelines`,
  );
  await app.screenshot('journey-2-required-intake');
  const apply = panel.getByRole('button', { name: `Apply ${formatHeads(expected.wholeTotal)} a year from 2020/21` });
  await keys.tabTo(apply);
  await keys.press('Enter');
  await expect(page.locator('.notice').first()).toContainText(
    `the gap of Registered nurse across all organisations in 2024/25 is now ${formatGap(expected.gapAfter)} FTE (closed)`,
  );
  const closed = runProjection(db, scenario)
    .cells.filter((c) => c.roleId === nurse)
    .reduce((s, c) => s + c.gap[2024 - 2019]!, 0);
  expect(closed).toBeLessThanOrEqual(1e-6);
  expect(app.readDb((d) => d.prepare("SELECT count(*) AS n FROM change_set WHERE source = 'required intake'").get())).toEqual({ n: 1 });
  // The role's rows, their total gap in 2024/25 closed, the year's column in view and marked.
  await expect(page.locator('.ag-grid-pinned-bottom-rows-container [col-id="g2024"]')).toHaveText(formatGap(expected.gapAfter));
  const header = page.locator('.ag-header-cell[col-id="g2024"]');
  await expect(header).toHaveClass(/year-highlight/);
  await expect(header).toBeInViewport({ ratio: 1 });
  await app.screenshot('journey-3-gap-closed');

  // 6. Compare with a copy: copy the plan in Manage scenarios, then choose the copy to compare against.
  keys.begin('compare with a copy');
  await keys.press('Alt+8');
  await expect(page.getByRole('heading', { level: 1, name: 'Compare scenarios' })).toBeVisible();
  // The shortcut lands in the differences grid; back up to the view's Manage scenarios….
  await expect.poll(focusedCell).toEqual({ col: 'org', row: '0' });
  await keys.tabTo(page.locator('.view-actions').getByRole('button', { name: 'Manage scenarios…' }), { backwards: true });
  await keys.press('Enter');
  const manage = page.getByRole('dialog', { name: 'Manage scenarios' });
  await keys.tabTo(manage.getByRole('button', { name: 'Copy Our Dorset plan' }));
  await keys.press('Enter');
  await expect(manage.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await keys.press('Enter');
  await expect(manage.getByRole('rowheader', { name: /Our Dorset plan \(copy\)/ })).toBeVisible();
  await keys.press('Escape');
  await expect(manage).toBeHidden();
  // The copy is now the selected scenario, so Compare shows it; choose the original to compare against.
  await expect(page.getByRole('combobox', { name: 'Compare' }).locator('option:checked')).toHaveText('Our Dorset plan (copy)');
  const against = page.getByRole('combobox', { name: 'against' });
  await keys.tabTo(against, { backwards: true });
  await expect(against.locator('option:checked')).toHaveText('Do nothing');
  await keys.press('ArrowDown');
  await expect(against.locator('option:checked')).toHaveText('Our Dorset plan');
  await expect(page.getByRole('status').filter({ hasText: /^Comparing "Our Dorset plan \(copy\)" against "Our Dorset plan"/ })).toContainText(
    '0 of 122 organisation and role rows differ',
  );
  await app.screenshot('journey-4-compare');

  // 7. Export the board workbook (Ctrl+E, as in the File menu).
  keys.begin('export');
  const target = testInfo.outputPath('board.xlsx');
  app.dialogs.answer(target);
  await keys.press('Control+e');
  const exportDialog = page.getByRole('dialog', { name: 'Export board workbook' });
  await expect(exportDialog).toBeVisible();
  await keys.tabTo(exportDialog.getByRole('button', { name: 'Export…' }));
  await keys.press('Enter');
  await expect(page.getByText(`Saved the board workbook to ${target}`)).toBeVisible({ timeout: 60_000 });
  const wb = XLSX.read(fs.readFileSync(target));
  expect(wb.SheetNames).toEqual(expect.arrayContaining(['Cover', 'Summary', 'Projection']));
  await app.screenshot('journey-5-exported');

  const report = `Keyboard-only journey (1366×768): ${keys.count} key presses\n${keys.report()}`;
  console.log(report);
  testInfo.annotations.push({ type: 'key presses', description: String(keys.count) });
  await testInfo.attach('key presses', { body: report, contentType: 'text/plain' });
});
