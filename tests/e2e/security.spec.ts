import fs from 'node:fs';
import { test, expect } from './harness';

test('the built page carries the strict CSP, and Chromium blocks an injected inline script', async ({ app }) => {
  const html = fs.readFileSync('out/renderer/index.html', 'utf8');
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');

  const outcome = await app.page.evaluate(async () => {
    const g = globalThis as unknown as { __cspViolations: string[]; __injected?: boolean };
    const before = g.__cspViolations.length;
    const s = document.createElement('script');
    s.textContent = 'globalThis.__injected = true';
    document.body.appendChild(s);
    await new Promise((r) => setTimeout(r, 100));
    const seen = g.__cspViolations.slice(before);
    g.__cspViolations.length = before;
    return { ran: g.__injected === true, seen };
  });
  expect(outcome.ran).toBe(false);
  expect(outcome.seen.some((v) => v.startsWith('script-src'))).toBe(true);
});

test('window.api exposes exactly the contract and nothing that reaches Node', async ({ app }) => {
  const keys = await app.page.evaluate(() => Object.keys((globalThis as unknown as { api: object }).api).sort());
  const { CHANNELS } = await import('../../src/shared/api/contract');
  expect(keys).toEqual([...CHANNELS, 'onEvent'].sort());
  const hasNode = await app.page.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require !== 'undefined' || typeof (globalThis as unknown as { process?: unknown }).process !== 'undefined');
  expect(hasNode).toBe(false);
});
