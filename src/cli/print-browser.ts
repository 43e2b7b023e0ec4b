/**
 * The command line's board summary PDF: the app's print view rendered to HTML without a window
 * (react-dom/server, with its own stylesheet), printed by a browser engine found on the machine,
 * with the same page settings as the app. The Electron binary is used when it is installed (the
 * app's own engine); otherwise a Chromium, Chrome or Edge on the machine, driven by Playwright.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { BoardSummaryData } from '../shared/api/channels/export';
import { AppError } from '../shared/api/errors';
import { chromiumPdfOptions, electronPdfOptions, type PdfSettings } from '../main/services/export/board-summary';
import { BoardSummary } from '../renderer/src/views/print/BoardSummary';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

/** The print view as a standalone page: the same component and stylesheet the app prints. */
export function boardSummaryHtml(data: BoardSummaryData): string {
  const css = fs.readFileSync(path.join(ROOT, 'src/renderer/src/views/print/board-summary.css'), 'utf8');
  const body = renderToStaticMarkup(createElement(BoardSummary, { data }));
  const title = `${data.planName}: board summary`.replace(/[<>&]/g, ' ');
  return `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>${title}</title><style>${css}</style></head><body style="margin:0">${body}</body></html>`;
}

export interface Engine {
  kind: 'electron' | 'chromium';
  path: string;
}

/** Chromium, Chrome and Edge where they are usually installed. */
function browserCandidates(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string[] {
  const fromEnv = [env['WFP_BROWSER'], env['CHROME_PATH']].filter((x): x is string => Boolean(x));
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env['LOCALAPPDATA']].filter((x): x is string => Boolean(x));
    return [
      ...fromEnv,
      ...roots.flatMap((r) => [
        path.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
        path.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
        path.join(r, 'Chromium', 'Application', 'chrome.exe'),
      ]),
    ];
  }
  if (platform === 'darwin') {
    return [
      ...fromEnv,
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  return [
    ...fromEnv,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/usr/bin/microsoft-edge',
  ];
}

/** The Electron binary, if npm has fetched it (node_modules/electron/path.txt names it). */
function electronBinary(root: string): string | null {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathTxt = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathTxt)) return null;
  const exe = path.join(dir, 'dist', fs.readFileSync(pathTxt, 'utf8').trim());
  return fs.existsSync(exe) ? exe : null;
}

/**
 * The engines that can print, best first: Electron if installed, then browsers on the machine
 * (the first that exists), then Playwright's own Chromium if it was downloaded.
 */
export function findEngines(
  options: {
    root?: string;
    env?: NodeJS.ProcessEnv;
    platform?: NodeJS.Platform;
    exists?: (p: string) => boolean;
    playwrightChromium?: () => string | null;
  } = {},
): Engine[] {
  const exists = options.exists ?? ((p: string) => fs.existsSync(p));
  const out: Engine[] = [];
  const electron = electronBinary(options.root ?? ROOT);
  if (electron) out.push({ kind: 'electron', path: electron });
  const browser = browserCandidates(options.env ?? process.env, options.platform ?? process.platform).find((p) => exists(p));
  if (browser) out.push({ kind: 'chromium', path: browser });
  const own = options.playwrightChromium?.() ?? null;
  if (!browser && own && exists(own)) out.push({ kind: 'chromium', path: own });
  return out;
}

export const NO_ENGINE =
  'Printing the board summary needs a browser engine, and none was found: install Chromium (on Debian or Ubuntu: apt-get install chromium), Google Chrome or Microsoft Edge, or run "npx playwright install chromium", or fetch the Electron binary with "npx install-electron". A browser in another place can be named with WFP_BROWSER=/path/to/browser.';

/** Electron prints a page file by a small main script run with the Electron binary. */
const ELECTRON_SCRIPT = `
const { app, BrowserWindow } = require('electron');
const fs = require('fs');
const [page, out, options] = process.argv.slice(-3);
app.disableHardwareAcceleration();
app.whenReady().then(async () => {
  const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, javascript: false } });
  await win.loadFile(page);
  fs.writeFileSync(out, await win.webContents.printToPDF(JSON.parse(fs.readFileSync(options, 'utf8'))));
  app.quit();
}).catch((err) => { console.error(err); app.exit(1); });
`;

async function printWith(engine: Engine, html: string, settings: PdfSettings): Promise<Uint8Array> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-pdf-'));
  try {
    if (engine.kind === 'electron') {
      const page = path.join(dir, 'summary.html');
      const out = path.join(dir, 'summary.pdf');
      const opts = path.join(dir, 'options.json');
      const script = path.join(dir, 'print.js');
      fs.writeFileSync(page, html);
      fs.writeFileSync(opts, JSON.stringify(electronPdfOptions(settings)));
      fs.writeFileSync(script, ELECTRON_SCRIPT);
      await run(engine.path, [script, page, out, opts], { timeout: 120_000 });
      return new Uint8Array(fs.readFileSync(out));
    }
    const { chromium } = await import('@playwright/test');
    const browser = await chromium.launch({
      executablePath: engine.path,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      return new Uint8Array(await page.pdf(chromiumPdfOptions(settings)));
    } finally {
      await browser.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints the summary with the first engine that works; says what to install when none does. */
export async function printBoardSummary(
  data: BoardSummaryData,
  settings: PdfSettings,
  engines: Engine[] = findEngines(),
): Promise<{ pdf: Uint8Array; engine: Engine }> {
  if (engines.length === 0) throw new AppError('NOT_FOUND', NO_ENGINE);
  const html = boardSummaryHtml(data);
  const failures: string[] = [];
  for (const engine of engines) {
    try {
      return { pdf: await printWith(engine, html, settings), engine };
    } catch (err) {
      failures.push(`${engine.path}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
  }
  throw new AppError('IO', `The board summary could not be printed. ${failures.join('; ')}. ${NO_ENGINE}`);
}
