/**
 * A regional plan in the window at 1366×768: 50 organisations × 200 roles (10,000 cells), 2,000
 * pipelines with ten years of intakes, two scenarios. Each step is timed in the page, from the
 * planner's action (the key, the paste, the click, the choice) to the first moment the screen
 * shows its result, while a PerformanceObserver records the page's long tasks (any over 50 ms).
 *
 * The figures are printed and attached to the report beside the targets (PASS or MISS). On a
 * shared 2-core machine the wall clock also counts the time the page waits for a core, and here
 * the window's calls cross a Playwright binding (JSON, slower than Electron's structured clone),
 * so the targets are reported, not asserted; the test fails when a step freezes the window
 * (FROZEN_MS), when a key in Find holds the page for a second, or when the numbers are wrong.
 */
import { buildBare } from '../../bench/large-plan';
import { generatePlan } from '../../bench/generate';
import { closeSession, createEmptyPlan } from '../../src/main/services/plan-session';
import { test, expect } from './harness';
import { cell, openView } from './inputs-support';
import type { Page } from '@playwright/test';

const SIZE = { organisations: 50, roles: 200, years: 10, pipelines: 2000 };
const TARGETS = { open: 1500, edit: 100, paste: 1000, scenario: 300, compare: 500 } as const;
/** Any step past this has frozen the window (or gone quadratic): the test fails. */
const FROZEN_MS = 15_000;

test.use({ viewport: { width: 1366, height: 768 } });

type Timed = { ms: number; longTasks: number[] };

/**
 * Arms a timer in the page: it starts at the next event of `kind` (captured before the app sees
 * it) and stops at the first DOM change after which `done.selector` matches an element (holding `done.text`, if given).
 */
async function arm(page: Page, kind: 'keydown-enter' | 'paste' | 'click' | 'change' | 'load', done: { selector: string; text?: string }): Promise<void> {
  await page.evaluate(
    ([k, until]) => {
      const g = globalThis as unknown as { __timed: { start: number | null; end: number | null; longTasks: number[] }; __obs?: PerformanceObserver };
      const check = (d: Document) => {
        const el = d.querySelector(until.selector);
        return el !== null && (until.text === undefined || (el.textContent ?? '').includes(until.text));
      };
      // 'load': timed from the page's own start (its navigation).
      const t = { start: k === 'load' ? 0 : null, end: null as number | null, longTasks: [] as number[] };
      g.__timed = t;
      g.__obs?.disconnect();
      g.__obs = new PerformanceObserver((list) => list.getEntries().forEach((e) => t.longTasks.push(e.duration)));
      g.__obs.observe({ type: 'longtask', buffered: false });
      const started = (e: Event) => {
        if (t.start !== null) return;
        if (k === 'keydown-enter' && (e as KeyboardEvent).key !== 'Enter') return;
        t.start = performance.now();
      };
      const type = k === 'keydown-enter' ? 'keydown' : k;
      if (k === 'load' && check(document)) t.end = performance.now();
      if (k !== 'load') document.addEventListener(type, started, { capture: true });
      const mo = new MutationObserver(() => {
        if (t.start === null || t.end !== null) return;
        if (check(document)) {
          t.end = performance.now();
          mo.disconnect();
          document.removeEventListener(type, started, { capture: true });
        }
      });
      mo.observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
    },
    [kind, done] as const,
  );
}

async function timed(page: Page): Promise<Timed> {
  await expect
    .poll(() => page.evaluate(() => (globalThis as unknown as { __timed: { end: number | null } }).__timed.end !== null), { timeout: 60_000 })
    .toBe(true);
  // Let the observer deliver the last frames' long tasks.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
  return page.evaluate(() => {
    const t = (globalThis as unknown as { __timed: { start: number; end: number; longTasks: number[] } }).__timed;
    return { ms: t.end - t.start, longTasks: t.longTasks.slice() };
  });
}

test('a regional plan at 1366×768: open, an intake edit, a paste of 1,000 cells, Find, a scenario switch and Compare', async ({ app }, testInfo) => {
  test.setTimeout(600_000);
  const { page, ctx } = app;
  const file = testInfo.outputPath('regional.wfplan');
  const inputs = generatePlan(SIZE);
  const session = createEmptyPlan(file, 'Regional plan', inputs.baseYear, inputs.horizonYear);
  buildBare(session.db, inputs);
  closeSession(session);
  const figures: Record<string, Timed> = {};
  const figure = (name: string): number => figures[name]?.ms ?? Number.NaN;

  // Open: the plan is opened in main, and the window loaded afresh onto its dashboard.
  ctx.openPath(file);
  const count = (sql: string) => (ctx.db.prepare(sql).get() as { n: number }).n;
  expect(count('SELECT count(*) AS n FROM workforce_baseline')).toBe(10_000);
  expect(count('SELECT count(*) AS n FROM pipeline')).toBe(4_000);
  await page.reload({ waitUntil: 'commit' });
  await arm(page, 'load', { selector: '.dashboard .cards dd' });
  figures['open to dashboard'] = await timed(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.locator('.shortage-table tbody tr')).toHaveCount(10);
  await app.screenshot('large-plan-dashboard');

  // An intake edit, from Enter to the impact strip's new gap.
  await openView(page, 'Pipelines');
  const grid = page.getByRole('region', { name: 'Pipelines' });
  const year = inputs.baseYear + 1;
  const target = cell(grid, 0, `y${year}`);
  await target.click();
  await expect(page.locator('.impact-strip table')).toBeVisible();
  await arm(page, 'keydown-enter', { selector: '.impact-strip .impact-note', text: 'your last edit' });
  await target.press('Enter');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('97');
  const cdp = process.env['WFP_PROFILE'] ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  await page.keyboard.press('Enter');
  figures['intake edit to the updated gap'] = await timed(page);
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    (await import('node:fs')).writeFileSync(process.env['WFP_PROFILE']!, JSON.stringify(profile));
  }
  await app.screenshot('large-plan-edit');

  // A paste of 1,000 cells (100 pipelines × 10 years), from the paste to its message.
  const block = Array.from({ length: 100 }, (_r, i) => Array.from({ length: 10 }, (_c, j) => String(((i + j) % 40) + 1)).join('\t')).join('\r\n') + '\r\n';
  await cell(grid, 0, `y${inputs.baseYear}`).click();
  await arm(page, 'paste', { selector: 'body', text: 'Pasted 1000 cells' });
  await page.evaluate((t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, block);
  figures['paste of 1,000 cells'] = await timed(page);
  // What reached SQLite: the first 100 pipelines in the grid's order hold the block, year by year.
  const firstHundred = ctx.db.prepare('SELECT id FROM pipeline WHERE scenario_id = 1 ORDER BY sort, id LIMIT 100').all() as { id: number }[];
  const heads = ctx.db.prepare('SELECT year, heads FROM pipeline_intake WHERE pipeline_id = ? ORDER BY year');
  firstHundred.forEach((p, i) => {
    const got = (heads.all(p.id) as { year: number; heads: number }[])
      .filter((r) => r.year >= inputs.baseYear && r.year < inputs.baseYear + 10)
      .map((r) => r.heads);
    expect(got, `pipeline ${p.id}`).toEqual(Array.from({ length: 10 }, (_c, j) => ((i + j) % 40) + 1));
  });

  // Find in the Projection grid, a key at a time: the long tasks while typing.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Projection', exact: true }).click();
  await expect(page.locator('.ag-row').first()).toBeVisible({ timeout: 60_000 });
  await arm(page, 'load', { selector: '.never-shown' });
  await page.getByRole('searchbox', { name: 'Find' }).pressSequentially('Role 17', { delay: 120 });
  // The grid applies Find itself: fewer than the 10,000 rows are shown, and Role 17's are among them.
  await expect(page.locator('.grid-count')).not.toHaveText(/^10000 of/);
  await expect(page.locator('.grid-count')).toHaveText(/^\d+ of 10000/);
  const find = await page.evaluate(() => (globalThis as unknown as { __timed: { longTasks: number[] } }).__timed.longTasks.slice());
  figures['typing in Find'] = { ms: Math.max(0, ...find), longTasks: find };
  await app.screenshot('large-plan-find');

  // A scenario switch, from the choice to the dashboard of the other scenario.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Dashboard', exact: true }).click();
  await expect(page.locator('.dashboard .cards dd').first()).toBeVisible();
  const other = (ctx.db.prepare("SELECT id FROM scenario WHERE name = 'Scenario B'").get() as { id: number }).id;
  await arm(page, 'change', { selector: `.dashboard[data-scenario-id="${other}"] .cards dd` });
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: 'Scenario B' });
  figures['scenario switch'] = await timed(page);

  // Compare, from the click to the count of rows that differ.
  await arm(page, 'click', { selector: 'body', text: 'organisation and role rows differ' });
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Compare', exact: true }).click();
  figures['Compare'] = await timed(page);
  await app.screenshot('large-plan-compare');

  const targetOf: Record<string, number> = {
    'open to dashboard': TARGETS.open,
    'intake edit to the updated gap': TARGETS.edit,
    'paste of 1,000 cells': TARGETS.paste,
    'typing in Find': 50,
    'scenario switch': TARGETS.scenario,
    Compare: TARGETS.compare,
  };
  const lines = Object.entries(figures).map(
    ([k, v]) =>
      `${(v.ms <= targetOf[k]! ? 'PASS' : 'MISS').padEnd(5)}${k}: ${v.ms.toFixed(0)} ms (target ${targetOf[k]} ms); long tasks ${v.longTasks.map((x) => x.toFixed(0)).join(', ') || 'none'}`,
  );
  console.log(lines.join('\n'));
  await testInfo.attach('timings', { body: lines.join('\n'), contentType: 'text/plain' });
  for (const name of Object.keys(targetOf)) expect(figure(name), name).toBeLessThan(name === 'typing in Find' ? 1000 : FROZEN_MS);
});
