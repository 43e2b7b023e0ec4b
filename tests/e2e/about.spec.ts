import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from './harness';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

test('Help → About shows the version, the licence and every third-party package with its licence, on a 1366×768 laptop', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1366, height: 768 });
  const notices = JSON.parse(fs.readFileSync('out/notices/notices.json', 'utf8')) as { packages: { name: string }[] };

  // What the native menu's Help → About sends.
  app.ctx.emit('menu/command', { command: 'about' });
  const dialog = page.getByRole('dialog', { name: 'About Workforce Pipeline Planner' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Workforce Pipeline Planner version 0.0.0-test')).toBeVisible();
  await expect(dialog.getByText(/free software under the MIT licence/)).toBeVisible();
  await expect(dialog.getByText(`It includes ${notices.packages.length} packages by others`, { exact: false })).toBeVisible();
  const list = dialog.getByRole('list', { name: 'Third-party packages' });
  await expect(list.getByRole('listitem')).toHaveCount(notices.packages.length);
  // The dialog fits the screen: its Close button is in view without scrolling the page.
  const close = dialog.getByRole('button', { name: 'Close', exact: true });
  await expect(close).toBeInViewport();
  await app.screenshot('about');
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // Find a package and read its licence.
  await dialog.getByRole('searchbox', { name: 'Find a package' }).fill('react-dom');
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await list.getByText('react-dom').click();
  await expect(list.getByText(/Copyright \(c\) Meta Platforms/)).toBeVisible();
  await dialog.getByText('Read the MIT licence').click();
  await expect(dialog.getByText(/Permission is hereby granted, free of charge/).first()).toBeVisible();
  await app.screenshot('about-licence');
  const again = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(again.violations.map((v) => v.id)).toEqual([]);

  // Esc closes it.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
