import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './harness';
import type { Page } from '@playwright/test';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const VIEWS = [
  { nav: 'Baseline', heading: 'Baseline', shot: 'baseline' },
  { nav: 'Pipelines', heading: 'Pipelines', shot: 'pipelines-view' },
  { nav: 'Other joiners', heading: 'Other joiners', shot: 'other-joiners' },
  { nav: 'Demand', heading: 'Demand', shot: 'demand' },
  { nav: 'Targets', heading: 'Targets', shot: 'targets' },
  { nav: 'Assumptions', heading: 'Assumptions', shot: 'assumptions' },
];

async function open(page: Page, nav: string, heading: string) {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: nav, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expect(page.locator('.ag-row').first()).toBeVisible();
}

for (const v of VIEWS) {
  test(`${v.heading}: shows the demo's data with no accessibility violations`, async ({ app }) => {
    // axe walks every rendered cell of wide grids: give it time on a busy machine.
    test.setTimeout(180_000);
    await open(app.page, v.nav, v.heading);
    await app.screenshot(v.shot);
    const results = await new AxeBuilder({ page: app.page }).withTags(WCAG).analyze();
    expect(results.violations.map((x) => `${x.id}: ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}
