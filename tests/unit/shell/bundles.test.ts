/**
 * What the built bundles need at run time. The installers copy only package.json's
 * `dependencies` (and what they need) beside the app, so every module the main process, its
 * import worker and the preload `require` or `import()` must be a dependency, a Node built-in or
 * electron; and none of them may reach the network (no auto-update, telemetry or HTTP client).
 */
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { productionClosure } from '../../../scripts/third-party-notices';

const OUT = path.resolve('out');
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

function jsFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? jsFiles(path.join(dir, e.name)) : e.name.endsWith('.js') ? [path.join(dir, e.name)] : []));
}

/** Every module a bundle loads: require("x") and import("x"); a non-literal one is reported as such. */
export function loadedModules(source: string): { literal: string[]; dynamic: string[] } {
  // A call, not a method (x.import) or the word in prose ("re-import (…)"): bundlers write no space before "(".
  const call = String.raw`(?<![\w$.\-])(?:require|import)\(`;
  const literal = [...source.matchAll(new RegExp(String.raw`${call}\s*(?:"([^"]+)"|'([^']+)'|\`([^\`$]+)\`)\s*\)`, 'g'))].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? '',
  );
  const dynamic = [...source.matchAll(new RegExp(String.raw`${call}\s*(?!"[^"]+"\s*\)|'[^']+'\s*\)|\`[^\`$]+\`\s*\))([^)]{0,60})`, 'g'))]
    .map((m) => (m[1] ?? '').trim())
    .filter((arg) => arg !== '');
  return { literal, dynamic };
}

const packageName = (specifier: string) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? specifier));

let bundles: { file: string; source: string }[] = [];
beforeAll(() => {
  if (!fs.existsSync(path.join(OUT, 'main', 'index.js'))) throw new Error('out/ is missing: run npm run build first.');
  bundles = [...jsFiles(path.join(OUT, 'main')), ...jsFiles(path.join(OUT, 'preload'))].map((file) => ({ file, source: fs.readFileSync(file, 'utf8') }));
});

describe('what the built main and preload bundles load at run time', () => {
  it('finds the requires it checks (the parser sees the bundles)', () => {
    const main = bundles.find((b) => b.file.endsWith(path.join('main', 'index.js')));
    expect(loadedModules(main?.source ?? '').literal).toEqual(expect.arrayContaining(['electron', 'better-sqlite3', 'node:fs']));
    expect(loadedModules('const a = require(name); import(`x${y}`); require("ok")')).toEqual({ literal: ['ok'], dynamic: ['name', '`x${y}`'] });
  });

  it('is a dependency (not a devDependency), a Node built-in, electron or a file of the build', () => {
    const installed = new Set(productionClosure(process.cwd()).map((folder) => folder.replace(/^.*node_modules\//, '')));
    const problems: string[] = [];
    for (const { file, source } of bundles) {
      const where = path.relative(process.cwd(), file);
      const { literal, dynamic } = loadedModules(source);
      for (const arg of dynamic) problems.push(`${where}: loads a module named at run time (${arg}), which cannot be checked`);
      for (const spec of literal) {
        if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(file), spec);
          if (!target.startsWith(OUT + path.sep) || !fs.existsSync(target)) problems.push(`${where}: ${spec} is not a file of the build`);
        } else if (spec === 'electron' || isBuiltin(spec)) {
          continue;
        } else {
          const name = packageName(spec);
          if (!(name in pkg.dependencies))
            problems.push(`${where}: ${spec} is ${name in pkg.devDependencies ? 'a devDependency, which the installers leave out' : 'not in package.json'}`);
          else if (!installed.has(name)) problems.push(`${where}: ${spec} is not installed`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('the sandboxed preload loads nothing but electron', () => {
    const preload = bundles.filter((b) => b.file.startsWith(path.join(OUT, 'preload')));
    expect(preload.length).toBeGreaterThan(0);
    for (const { source } of preload) expect(new Set(loadedModules(source).literal)).toEqual(new Set(['electron']));
  });
});

describe('no network at run time', () => {
  it('the main process and preload load no network module, updater or telemetry', () => {
    const network =
      /^(node:)?(http|https|http2|net|tls|dgram|dns)$|^(electron-updater|update-electron-app|@sentry\/.*|applicationinsights|posthog-node|mixpanel|@segment\/.*|axios|node-fetch|got|undici|ws)$/;
    for (const { file, source } of bundles) {
      const offenders = loadedModules(source).literal.filter((s) => network.test(s));
      expect(offenders, path.relative(process.cwd(), file)).toEqual([]);
    }
  });

  it("no bundle uses Electron's updater, crash reporter or net client, and net.fetch only reads the app's own files", () => {
    const all = [...bundles, ...jsFiles(path.join(OUT, 'renderer')).map((file) => ({ file, source: fs.readFileSync(file, 'utf8') }))];
    for (const { file, source } of all) {
      const where = path.relative(process.cwd(), file);
      expect(source, where).not.toMatch(/\bautoUpdater\b|\bcrashReporter\b|\bnet\.request\s*\(|\bnew\s+ClientRequest\b/);
      for (const m of source.matchAll(/\bnet\.fetch\s*\(([^)]*\))/g)) expect(m[1], `${where}: net.fetch`).toMatch(/pathToFileURL/);
    }
  });

  it('the renderer makes no request of its own: no fetch, XMLHttpRequest, WebSocket, EventSource or beacon', () => {
    for (const file of jsFiles(path.join(OUT, 'renderer'))) {
      const source = fs.readFileSync(file, 'utf8');
      const uses = [...source.matchAll(/\b(fetch\s*\(|new\s+XMLHttpRequest\b|new\s+WebSocket\b|new\s+EventSource\b|sendBeacon\s*\()/g)].map((m) => m[1]);
      expect(uses, path.relative(process.cwd(), file)).toEqual([]);
    }
  });

  it('package.json depends on no updater or telemetry package', () => {
    const names = [...Object.keys(pkg.dependencies), ...productionClosure(process.cwd()).map((f) => f.replace(/^.*node_modules\//, ''))];
    expect(names.filter((n) => /updater|sentry|telemetry|analytics|posthog|mixpanel|segment|bugsnag|datadog|newrelic|applicationinsights/i.test(n))).toEqual(
      [],
    );
  });
});
