import fs from 'node:fs';
import { test, expect } from './harness';
import { openView } from './pages/workspace';
import { STYLE_NONCE_PLACEHOLDER } from '../../src/main/security';

const styleSrcNonce = (csp: string) => /style-src 'self' 'nonce-([^']+)'/.exec(csp)?.[1] ?? '';

test('each load of the page carries the strict CSP with its own style nonce, and Chromium blocks an injected inline script', async ({ app }) => {
  // The policy is the header the page is served with (the built page has no CSP of its own to
  // contradict it), and the build leaves a placeholder where each load's nonce goes.
  const built = fs.readFileSync('out/renderer/index.html', 'utf8');
  expect(built).not.toContain('http-equiv="Content-Security-Policy"');
  expect(built).toContain(`<meta property="csp-nonce" nonce="${STYLE_NONCE_PLACEHOLDER}">`);

  const nonces: string[] = [];
  for (let load = 0; load < 2; load++) {
    const served = app.page.waitForResponse((r) => r.url().endsWith('/index.html'));
    await app.reload();
    const csp = (await served).headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    const nonce = styleSrcNonce(csp);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    // The page knows the same nonce, and every <style> the grid injects carries it.
    await openView(app.page, 'Baseline');
    const page = await app.page.evaluate(() => ({
      meta: document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce ?? '',
      styles: [...document.querySelectorAll<HTMLStyleElement>('style')].map((s) => ({ grid: s.dataset['agCss'] !== undefined, nonce: s.nonce })),
    }));
    expect(page.meta).toBe(nonce);
    expect(page.styles.filter((s) => s.grid).length).toBeGreaterThan(0);
    expect(page.styles.filter((s) => s.nonce !== nonce)).toEqual([]);
    nonces.push(nonce);
  }
  expect(nonces[0]).not.toBe(nonces[1]);

  // The grid's theme applies (its header in NHS pale grey), and a <style> without the nonce does not.
  const headerColour = () =>
    app.page
      .locator('.ag-root-wrapper')
      .first()
      .evaluate((el) => getComputedStyle(el).getPropertyValue('--ag-header-background-color').trim().toLowerCase());
  expect(await headerColour()).toBe('#e8edee');
  const outcome = await app.page.evaluate(async () => {
    const g = globalThis as unknown as { __cspViolations: string[]; __injected?: boolean };
    const before = g.__cspViolations.length;
    const s = document.createElement('script');
    s.textContent = 'globalThis.__injected = true';
    document.body.appendChild(s);
    const style = document.createElement('style');
    style.nonce = 'not-this-load';
    style.textContent = 'body { visibility: hidden !important; }';
    document.head.appendChild(style);
    await new Promise((r) => setTimeout(r, 100));
    const seen = g.__cspViolations.slice(before);
    g.__cspViolations.length = before;
    return { ran: g.__injected === true, styled: getComputedStyle(document.body).visibility === 'hidden', seen };
  });
  expect(outcome.ran).toBe(false);
  expect(outcome.styled).toBe(false);
  expect(outcome.seen.some((v) => v.startsWith('script-src'))).toBe(true);
  expect(outcome.seen.some((v) => v.startsWith('style-src'))).toBe(true);
});

test('window.api exposes exactly the contract and nothing that reaches Node', async ({ app }) => {
  const keys = await app.page.evaluate(() => Object.keys((globalThis as unknown as { api: object }).api).sort());
  const { CHANNELS } = await import('../../src/shared/api/contract');
  expect(keys).toEqual([...CHANNELS, 'onEvent'].sort());
  const hasNode = await app.page.evaluate(
    () =>
      typeof (globalThis as unknown as { require?: unknown }).require !== 'undefined' ||
      typeof (globalThis as unknown as { process?: unknown }).process !== 'undefined',
  );
  expect(hasNode).toBe(false);
});
