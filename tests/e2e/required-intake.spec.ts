/**
 * Required intake answers the board's question in one step: the intake across every pipeline
 * into a role that closes its gap by a year, shared in proportion to each organisation's gap,
 * to current intakes, or into one pipeline; an answer out of reach says why without an absurd
 * number; Apply is one change that scrolls the projection to the year and shows the gap closed.
 */
import type Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { GridPage } from './pages/grid';
import { axe, openView } from './pages/workspace';
import { askRequiredIntake, runProjection } from '../../src/main/services/projection';
import { formatHeads } from '../../src/shared/format';
import { formatGap } from '../../src/renderer/src/views/projection/numbers';

test.use({ viewport: { width: 1366, height: 768 } });

const DCH = 'Dorset County Hospital NHS Foundation Trust';
type Db = Database.Database;
const idOf = (db: Db, table: 'organisation' | 'role' | 'scenario' | 'pipeline', name: string) =>
  (db.prepare(`SELECT id FROM ${table} WHERE name = ?`).get(name) as { id: number }).id;

async function openBridge(page: Page) {
  await openView(page, 'Projection');
  const grid = new GridPage(page);
  await grid.cell('0', 'role').click();
  const panel = page.getByRole('complementary', { name: `Registered nurse, ${DCH}` });
  await expect(panel).toBeVisible();
  return panel;
}

test('the nurse gap of every organisation closed by 2024/25 in one step, shared by gap; Apply is one change and shows the year; Undo brings it all back', async ({
  app,
}) => {
  test.setTimeout(180_000);
  const { page, ctx } = app;
  const db = ctx.db;
  const plan = (db.prepare("SELECT id FROM scenario WHERE name = 'Our Dorset plan'").get() as { id: number }).id;
  const nurse = idOf(db, 'role', 'Registered nurse');
  const intakes = () => app.readDb((d) => d.prepare('SELECT pipeline_id, year, heads FROM pipeline_intake ORDER BY pipeline_id, year').all());
  const before = intakes();
  const expected = askRequiredIntake(db, plan, { roleId: nurse, orgId: null, fromYear: 2020, byYear: 2024, sharing: 'gap', pipelineId: null });
  if (!expected.ok) throw new Error(expected.reason);
  const orgName = (id: number) => (db.prepare('SELECT name FROM organisation WHERE id = ?').get(id) as { name: string }).name;
  const pipelineName = (id: number) => (db.prepare('SELECT name FROM pipeline WHERE id = ?').get(id) as { name: string }).name;
  // Every organisation that has nurse pipelines ends the year closed; none is left short while another has a surplus it cannot share.
  const withPipelines = new Set(
    (db.prepare('SELECT DISTINCT org_id FROM pipeline WHERE scenario_id = ? AND role_id = ?').all(plan, nurse) as { org_id: number }[]).map((r) => r.org_id),
  );
  for (const o of expected.byOrganisation) if (withPipelines.has(o.orgId)) expect(o.gapAfter, orgName(o.orgId)).toBeLessThanOrEqual(1e-6);

  const panel = await openBridge(page);
  await panel.getByRole('button', { name: 'Work out the intake' }).click();
  const answer = panel.locator('.intake-answer');
  await expect(answer).toContainText(
    `${formatHeads(expected.wholeTotal)} starters a year across ${expected.allocations.length} pipelines from 2020/21 close the gap of Registered nurse across all organisations by 2024/25`,
  );
  await expect(answer).toContainText(
    `Supply against demand in 2024/25: ${formatGap(expected.gapBefore)} FTE now, ${formatGap(expected.gapAfter)} FTE with this intake.`,
  );
  const perPipeline = answer.locator('table').first().locator('tbody tr');
  await expect(perPipeline).toHaveCount(expected.allocations.length);
  for (const [i, a] of expected.allocations.entries())
    await expect(perPipeline.nth(i)).toHaveText(`${pipelineName(a.pipelineId)}${formatHeads(a.currentIntake)}${formatHeads(a.wholeIntake)}`);
  const perOrg = answer.locator('table').nth(1).locator('tbody tr');
  await expect(perOrg).toHaveCount(expected.byOrganisation.length);
  for (const [i, o] of expected.byOrganisation.entries())
    await expect(perOrg.nth(i)).toHaveText(`${orgName(o.orgId)}${formatGap(o.gapBefore)}${formatGap(o.gapAfter)}`);
  for (const note of expected.notes) await expect(answer).toContainText(note);
  await app.screenshot('required-intake-answer');
  await axe(page);

  await panel.getByRole('button', { name: `Apply ${formatHeads(expected.wholeTotal)} a year from 2020/21` }).click();
  await expect(page.locator('.notice').first()).toContainText(
    `is now ${formatGap(expected.gapAfter)} FTE (closed); the projection shows its rows, with 2024/25 marked. Undo brings back the previous intakes.`,
  );
  const applied = app.readDb(
    (d) =>
      d.prepare('SELECT pipeline_id, year, heads FROM pipeline_intake WHERE year BETWEEN 2020 AND 2028').all() as {
        pipeline_id: number;
        year: number;
        heads: number;
      }[],
  );
  for (const a of expected.allocations)
    for (let y = 2020; y <= 2028; y++) expect(applied.find((i) => i.pipeline_id === a.pipelineId && i.year === y)?.heads).toBe(a.wholeIntake);
  expect(app.readDb((d) => d.prepare("SELECT count(*) AS n FROM change_set WHERE source = 'required intake'").get())).toEqual({ n: 1 });
  const after = runProjection(db, plan);
  expect(after.cells.filter((c) => c.roleId === nurse).reduce((s, c) => s + c.gap[5]!, 0)).toBeLessThanOrEqual(1e-6);
  // The projection shows the role's rows, the year the answer was for marked, and their total gap closed.
  const nurseRows = after.cells.filter((c) => c.roleId === nurse).length;
  await expect(page.locator('.grid-count')).toHaveText(`${nurseRows} of 122 rows`);
  await expect(page.locator('.ag-grid-pinned-bottom-rows-container [col-id="g2024"]')).toHaveText(formatGap(expected.gapAfter));
  const grid = new GridPage(page);
  await expect(page.locator('.ag-header-cell[col-id="g2024"]')).toHaveClass(/year-highlight/);
  await expect(page.locator('.ag-header-cell[col-id="g2024"]')).toBeInViewport({ ratio: 1 });
  await expect(grid.cell('0', 'g2024')).not.toHaveClass(/shortfall/);
  await app.screenshot('required-intake-applied');

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(intakes).toEqual(before);
  await expect(grid.cell('0', 'g2024')).toHaveClass(/shortfall/);
});

test('for one organisation, into one pipeline: the answer the engine gives, applied to that pipeline only', async ({ app }) => {
  test.setTimeout(120_000);
  const { page, ctx } = app;
  const db = ctx.db;
  const plan = (db.prepare("SELECT id FROM scenario WHERE name = 'Our Dorset plan'").get() as { id: number }).id;
  const ir = (
    db.prepare("SELECT id FROM pipeline WHERE scenario_id = ? AND name = 'International recruitment: registered nurses (RBD)'").get(plan) as { id: number }
  ).id;
  const panel = await openBridge(page);
  // Every measure by year, scrolled to the last year: 2022/23 is out of view until Apply brings it back.
  await page.getByRole('combobox', { name: 'Show' }).selectOption('all-measures');
  const viewport = page.locator('.ag-grid-viewport').first();
  await expect(page.locator('.ag-header-cell[col-id="s2019"]')).toHaveCount(1);
  await viewport.evaluate((vp) => (vp.scrollLeft = vp.scrollWidth));
  await expect(page.locator('.ag-header-cell[col-id="g2022"]')).not.toBeInViewport();
  await panel.getByRole('radio', { name: 'this organisation only' }).check();
  await expect(panel.getByRole('radio', { name: 'in proportion to each organisation’s gap' })).toHaveCount(0);
  await expect(panel.getByRole('radio', { name: /in proportion to current intakes \(3 pipelines\)/ })).toBeChecked();
  await panel.getByRole('radio', { name: 'all into one pipeline' }).check();
  await panel.getByRole('combobox', { name: 'Pipeline' }).selectOption({ label: 'International recruitment: registered nurses (RBD)' });
  await panel.getByRole('combobox', { name: 'Gap closed by' }).selectOption({ label: '2022/23' });
  await panel.getByRole('button', { name: 'Work out the intake' }).click();
  const expected = askRequiredIntake(db, plan, {
    roleId: idOf(db, 'role', 'Registered nurse'),
    orgId: idOf(db, 'organisation', DCH),
    fromYear: 2020,
    byYear: 2022,
    sharing: 'one',
    pipelineId: ir,
  });
  if (!expected.ok) throw new Error(expected.reason);
  await expect(panel.locator('.intake-answer')).toContainText(
    `${formatHeads(expected.wholeTotal)} starters a year into International recruitment: registered nurses (RBD) from 2020/21 close the gap of Registered nurse at ${DCH} by 2022/23`,
  );
  await expect(panel.locator('.intake-answer table')).toHaveCount(1);
  await app.screenshot('required-intake-one-pipeline');
  await axe(page);
  await panel.getByRole('button', { name: /^Apply/ }).click();
  await expect
    .poll(() => app.readDb((d) => (d.prepare('SELECT heads FROM pipeline_intake WHERE pipeline_id = ? AND year = 2024').get(ir) as { heads: number }).heads))
    .toBe(expected.wholeTotal);
  await expect(page.locator('.ag-header-cell[col-id="g2022"]')).toHaveClass(/year-highlight/);
  // The whole year in view: its supply, demand and gap.
  for (const col of ['s2022', 'd2022', 'g2022']) await expect(page.locator(`.ag-header-cell[col-id="${col}"]`)).toBeInViewport({ ratio: 1 });
  await app.screenshot('required-intake-applied-all-measures');
});

test('an answer out of reach says why in words, and never an absurd number', async ({ app }) => {
  test.setTimeout(120_000);
  const { page, ctx } = app;
  const db = ctx.db;
  const plan = (db.prepare("SELECT id FROM scenario WHERE name = 'Our Dorset plan'").get() as { id: number }).id;
  const rnda = (
    db.prepare("SELECT id FROM pipeline WHERE scenario_id = ? AND name = 'Registered nurse degree apprenticeship (RBD)'").get(plan) as { id: number }
  ).id;
  const panel = await openBridge(page);
  await panel.getByRole('radio', { name: 'all into one pipeline' }).check();
  await panel.getByRole('combobox', { name: 'Pipeline' }).selectOption({ label: 'Registered nurse degree apprenticeship (RBD)' });
  await panel.getByRole('button', { name: 'Work out the intake' }).click();
  const expected = askRequiredIntake(db, plan, {
    roleId: idOf(db, 'role', 'Registered nurse'),
    orgId: null,
    fromYear: 2020,
    byYear: 2024,
    sharing: 'one',
    pipelineId: rnda,
  });
  expect(expected.ok).toBe(false);
  if (expected.ok) return;
  const shown = panel.locator('.intake-answer .shortfall');
  await expect(shown).toHaveText(expected.reason);
  // It names the limit it searched to (ten times the plausible intake) and what would still be missing.
  const limit = Number(/more than ([\d,]+) starters a year/.exec(expected.reason)![1]!.replace(/,/g, ''));
  const numbers = (expected.reason.match(/\d[\d,]*(\.\d+)?/g) ?? []).map((n) => Number(n.replace(/,/g, '')));
  expect(Math.max(...numbers)).toBe(limit);
  expect(limit).toBeLessThan(20_000);
  expect(expected.reason).toContain('would still be short by');
  await expect(panel.getByRole('button', { name: /^Apply/ })).toHaveCount(0);
  await app.screenshot('required-intake-out-of-reach');

  // A course longer than the time left.
  await panel.getByRole('combobox', { name: 'Same intake every year from' }).selectOption({ label: '2026/27' });
  await panel.getByRole('combobox', { name: 'Gap closed by' }).selectOption({ label: '2027/28' });
  await panel.getByRole('button', { name: 'Work out the intake' }).click();
  await expect(shown).toHaveText('Cannot close by 2027/28: the course (4 years) is longer than the time left.');
  await axe(page);
});
