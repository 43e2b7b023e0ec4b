/**
 * Scrolling never freezes the window: every grid, at 1366×768, is scrolled with the mouse wheel
 * (100 px a notch, as Chromium scrolls, a frame apart) down and back up, then across and back,
 * while Chromium records its renderer's tasks. No task on the page's main thread may take over
 * 50 ms of CPU time.
 *
 * CPU time, from Chromium's trace, is what is held against the limit: the long-task observer
 * (PerformanceObserver 'longtask') measures wall-clock time, which on a shared build machine
 * also counts the time the renderer waits for a core. Its entries are printed beside the CPU
 * figures. Playwright's own tracing is off here: its DOM snapshots run on the page's thread.
 */
import type { Browser, Page } from '@playwright/test';
import { test, expect } from './harness';

const LIMIT_MS = 50;
/** Notches per direction: 10,000 px, all of every grid but the Assumptions register's ~1,500 rows. */
const MAX_NOTCHES = 100;

test.use({ viewport: { width: 1366, height: 768 }, trace: 'off' });

/** Starts collecting Chromium's long tasks (any task over 50 ms) on the page. */
async function observeLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as { __longTasks: number[]; __longTaskObserver?: PerformanceObserver };
    g.__longTasks = [];
    g.__longTaskObserver?.disconnect();
    g.__longTaskObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) g.__longTasks.push(e.duration);
    });
    g.__longTaskObserver.observe({ type: 'longtask', buffered: false });
  });
}

async function longTasks(page: Page): Promise<number[]> {
  // Let the observer deliver what the last frames produced.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
  return page.evaluate(() => (globalThis as unknown as { __longTasks: number[] }).__longTasks.slice());
}

/** The grid's scrolling body, under the mouse. */
async function pointAtGrid(page: Page): Promise<{ down: number; across: number }> {
  const body = page.locator('.ag-grid-viewport').first();
  await expect(body).toBeVisible();
  const box = (await body.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 100));
  const down = await body.evaluate((el) => el.scrollHeight - el.clientHeight);
  const across = await page
    .locator('.ag-body-horizontal-scroll-viewport')
    .first()
    .evaluate((el) => el.scrollWidth - el.clientWidth)
    .catch(() => 0);
  return { down, across };
}

/** Turns the mouse wheel `notches` times by (dx, dy), a frame apart. */
async function wheel(page: Page, notches: number, dx: number, dy: number): Promise<void> {
  for (let i = 0; i < notches; i++) {
    await page.mouse.wheel(dx, dy);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
  }
}

/** One pass over a grid: down and back up, then across and back; the worst task's CPU time. */
async function scrollAndTrace(page: Page, browser: Browser, view: string): Promise<{ worst: number; report: string }> {
  const { down, across } = await pointAtGrid(page);
  const phases: [string, number, number, number][] = [
    ['down', Math.min(MAX_NOTCHES, Math.ceil(down / 100) + 1), 0, 100],
    ['up', Math.min(MAX_NOTCHES, Math.ceil(down / 100) + 1), 0, -100],
    ['right', Math.min(MAX_NOTCHES, Math.ceil(across / 100) + 1), 100, 0],
    ['left', Math.min(MAX_NOTCHES, Math.ceil(across / 100) + 1), -100, 0],
  ];
  let worst = 0;
  const report: string[] = [];
  for (const [name, notches, dx, dy] of phases) {
    if (notches <= 1) continue;
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await wheel(page, notches, dx, dy);
    const traced = rendererTasks(await browser.stopTracing());
    // The trace must have seen the page's work, or a pass would mean nothing.
    expect(traced.length, `${view} ${name}: tasks traced`).toBeGreaterThan(notches);
    expect(
      traced.some((t) => t.cpu > 0),
      `${view} ${name}: CPU times traced`,
    ).toBe(true);
    const cpu = traced.map((t) => t.cpu).sort((a, b) => b - a);
    worst = Math.max(worst, cpu[0] ?? 0);
    report.push(
      `${name} ${notches}× top ${cpu
        .slice(0, 3)
        .map((t) => t.toFixed(0))
        .join('/')}`,
    );
  }
  return { worst, report: report.join(', ') };
}

const GRIDS: { view: string; heading: string }[] = [
  { view: 'Baseline', heading: 'Baseline' },
  { view: 'Pipelines', heading: 'Pipelines' },
  { view: 'Other joiners', heading: 'Other joiners' },
  { view: 'Demand', heading: 'Demand' },
  { view: 'Targets', heading: 'Targets' },
  { view: 'Projection', heading: 'Projection' },
  { view: 'Compare', heading: 'Compare' },
  { view: 'Assumptions', heading: 'Assumptions' },
];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** The renderer main thread's tasks from a Chromium trace: wall and CPU (thread) time, in ms. */
function rendererTasks(trace: Buffer): { wall: number; cpu: number }[] {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  return events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`))
    .map((e) => ({ wall: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? 0) / 1000 }));
}

test('scrolling every grid at 1366×768: no task over 50 ms', async ({ app, browser }) => {
  test.setTimeout(480_000);
  const { page } = app;
  const worst: Record<string, number> = {};
  const worstCpu: Record<string, number> = {};
  for (const g of GRIDS) {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: g.view, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: g.heading })).toBeVisible();
    await expect(page.locator('.ag-row[row-index="0"]').first()).toBeVisible();
    // Let the view settle (first render, projection) before watching.
    await page.waitForTimeout(300);
    await observeLongTasks(page);
    // A slow grid is slow on every pass; a spike from the machine (another job, a garbage
    // collection landing in a frame) is not: a grid over the limit is scrolled again, up to
    // twice, and its best pass counts.
    const passes: number[] = [];
    const report: string[] = [];
    for (let pass = 0; pass < 3 && (passes.length === 0 || Math.min(...passes) > LIMIT_MS); pass++) {
      const r = await scrollAndTrace(page, browser, g.view);
      passes.push(r.worst);
      report.push(r.report);
    }
    worstCpu[g.view] = Math.min(...passes);
    const tasks = await longTasks(page);
    worst[g.view] = Math.max(0, ...tasks);
    console.log(`${g.view}: ${report.join(' | ')}; long tasks (wall) ${tasks.map((t) => t.toFixed(0)).join(', ') || 'none'}`);
  }
  console.log(
    `Longest task while scrolling, CPU ms: ${Object.entries(worstCpu)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join('; ')}`,
  );
  console.log(
    `Longest long-task entry (wall-clock ms; 0 = none over 50 ms): ${Object.entries(worst)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join('; ')}`,
  );
  expect(Object.keys(worstCpu).sort()).toEqual(GRIDS.map((g) => g.view).sort());
  for (const [view, ms] of Object.entries(worstCpu)) expect(ms, view).toBeLessThanOrEqual(LIMIT_MS);
});
