/**
 * The end-to-end harness: the built renderer in Chromium, with window.api wired to the REAL
 * main-process handlers running in this test process over a real plan file. Every call goes
 * through the contract's validation, the sender check and SQLite, exactly as under Electron;
 * only the transport differs (a Playwright binding instead of Electron IPC).
 */
import { test as base, expect, selectors, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CHANNELS, EVENTS } from '../../src/shared/api/contract';
import { AppContext, DEMO_FILE_NAME } from '../../src/main/app-context';
import { ScriptedDialogs } from '../../src/main/dialogs';
import { createHandlers } from '../../src/main/ipc/handlers';
import { dispatch } from '../../src/main/ipc/dispatch';
import { isTrustedSender } from '../../src/main/security';
import { chromiumPdfOptions } from '../../src/main/services/export/board-summary';
import { serveRenderer, type StaticServer } from './static-server';

export interface AppHarness {
  page: Page;
  ctx: AppContext;
  dialogs: ScriptedDialogs;
  userDataDir: string;
  /** The demo plan file the app opened. */
  planPath: string;
  /** Opens a separate read-only connection to the plan file, to check what really reached SQLite. */
  readDb<T>(fn: (db: Database.Database) => T): T;
  /** Saves a screenshot under test-results/screens/NAME.png. */
  screenshot(name: string): Promise<void>;
  /** Loads the app again (a fresh renderer over the same plan file). */
  reload(): Promise<void>;
}

export const SCREENS_DIR = path.resolve('test-results/screens');

/**
 * `agcell=ROWS|COLID`: the cells of column COLID in the rows matched by the CSS selector ROWS.
 * The grids render only the columns in view (as a planner sees them): when the column is not
 * rendered yet, the query scrolls the grid across, as a planner would, and the next try (every
 * Playwright assertion and action retries) finds it.
 */
const revealingCellEngine = () => ({
  query(root: Element, selector: string): Element | null {
    return this.queryAll(root, selector)[0] ?? null;
  },
  queryAll(root: Element, selector: string): Element[] {
    const bar = selector.lastIndexOf('|');
    const rows = selector.slice(0, bar);
    const col = selector.slice(bar + 1);
    const found = Array.from(root.querySelectorAll(`${rows} [col-id="${col}"]`));
    if (found.length > 0) return found;
    const grid = root.closest('.ag-root-wrapper') ?? root.querySelector('.ag-root-wrapper');
    const across = grid?.querySelector('.ag-body-horizontal-scroll-viewport');
    if (across && across.scrollWidth > across.clientWidth) {
      const end = across.scrollWidth - across.clientWidth;
      across.scrollLeft = across.scrollLeft >= end - 1 ? 0 : Math.min(end, across.scrollLeft + across.clientWidth * 0.8);
    }
    return [];
  },
});
let engineRegistered = false;
async function registerCellEngine(): Promise<void> {
  if (engineRegistered) return;
  engineRegistered = true;
  await selectors.register('agcell', revealingCellEngine);
}

async function installApi(page: Page, ctx: AppContext, origin: string): Promise<void> {
  const handlers = createHandlers(ctx);
  await page.exposeBinding('__wfpInvoke', async ({ frame }, channel: unknown, payload: unknown) => {
    const sender = { url: frame.url(), parent: frame.parentFrame() };
    if (!isTrustedSender(sender, [origin])) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Request refused: it did not come from the planner window.' } };
    }
    return dispatch(handlers, channel, payload);
  });
  await page.addInitScript(
    ({ channels, events }) => {
      const violations: string[] = [];
      (globalThis as unknown as { __cspViolations: string[] }).__cspViolations = violations;
      document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      const g = globalThis as unknown as {
        __wfpInvoke: (channel: string, payload: unknown) => Promise<unknown>;
        __wfpEmit?: (event: string, payload: unknown) => void;
        api?: unknown;
      };
      const listeners = new Map<string, Set<(payload: unknown) => void>>();
      const api: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const c of channels) api[c] = (input: unknown) => g.__wfpInvoke(c, input);
      api['onEvent'] = (name: string, listener: (payload: unknown) => void) => {
        if (!events.includes(name)) throw new Error(`Unknown event ${name}`);
        let set = listeners.get(name);
        if (!set) {
          set = new Set();
          listeners.set(name, set);
        }
        set.add(listener);
        return () => set.delete(listener);
      };
      g.__wfpEmit = (event, payload) => listeners.get(event)?.forEach((l) => l(payload));
      Object.defineProperty(globalThis, 'api', { value: Object.freeze(api), writable: false, configurable: false });
    },
    { channels: [...CHANNELS] as string[], events: [...EVENTS] as string[] },
  );
}

export const test = base.extend<{ app: AppHarness }, { server: StaticServer }>({
  server: [
    async ({}, use) => {
      await registerCellEngine();
      const server = await serveRenderer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ page, server }, use, testInfo) => {
    const userDataDir = testInfo.outputPath('user-data');
    fs.mkdirSync(userDataDir, { recursive: true });
    const dialogs = new ScriptedDialogs();
    let pageRef: Page | null = page;
    const ctx = new AppContext({
      userDataDir,
      dialogs,
      appVersion: '0.0.0-test',
      // The app prints its window with Electron's printToPDF; here Chromium prints the same page.
      printPdf: async (settings) => new Uint8Array(await page.pdf(chromiumPdfOptions(settings))),
      emit: (event, payload) => {
        pageRef
          ?.evaluate(([e, p]) => (globalThis as unknown as { __wfpEmit?: (e: string, p: unknown) => void }).__wfpEmit?.(e, p), [event, payload] as const)
          .catch(() => undefined);
      },
    });
    ctx.openAtStartup();
    const planPath = path.join(userDataDir, 'plans', DEMO_FILE_NAME);
    await installApi(page, ctx, server.url);
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${server.url}/index.html`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const harness: AppHarness = {
      page,
      ctx,
      dialogs,
      userDataDir,
      planPath,
      readDb(fn) {
        const db = new Database(planPath, { readonly: true, fileMustExist: true });
        try {
          return fn(db);
        } finally {
          db.close();
        }
      },
      async screenshot(name) {
        fs.mkdirSync(SCREENS_DIR, { recursive: true });
        await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`), fullPage: false });
      },
      async reload() {
        await page.reload();
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      },
    };
    await use(harness);
    const violations = await page.evaluate(() => (globalThis as unknown as { __cspViolations?: string[] }).__cspViolations ?? []).catch(() => [] as string[]);
    expect(violations, 'Content Security Policy violations').toEqual([]);
    pageRef = null;
    ctx.close();
    expect(pageErrors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
