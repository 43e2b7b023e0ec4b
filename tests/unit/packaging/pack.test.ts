/**
 * electron-builder run for real on this machine (`--linux dir`: the unpacked app, no installer),
 * with a stand-in for the Electron distribution that cannot be downloaded here: a file carrying
 * Electron's fuse wire where the binary would be. Everything else is electron-builder's own work:
 * the ASAR, what goes in it, what is unpacked, the extra resources and the afterPack hook, which
 * must leave the stand-in's fuses exactly as src/main/fuses.ts says. Needs `npm run build` first.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUSE_CONFIG } from '../../../src/main/fuses';
import { productionClosure } from '../../../scripts/third-party-notices';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's wire before packaging: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on, ASAR integrity off, ASAR-only off, V8 snapshot off, file:// privileges on, Wasm trap handlers on. */
const STOCK_WIRE = '101100011';

let appDir = '';
let resources = '';
let asarFiles: string[] = [];
let log = '';
let work = '';

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, 'out', 'notices', 'THIRD-PARTY-NOTICES.txt'))) throw new Error('out/ is missing: run npm run build first.');
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-pack-'));
  const electronDist = path.join(work, 'electron-dist');
  fs.mkdirSync(electronDist, { recursive: true });
  const wire = Buffer.concat([
    Buffer.from('stand-in for the Electron binary\0'),
    Buffer.from(SENTINEL),
    Buffer.from([1, STOCK_WIRE.length]),
    Buffer.from(STOCK_WIRE),
    Buffer.from('\0end'),
  ]);
  fs.writeFileSync(path.join(electronDist, 'electron'), wire, { mode: 0o755 });
  fs.writeFileSync(path.join(electronDist, 'LICENSE'), 'Electron licence (stand-in)');
  fs.writeFileSync(path.join(electronDist, 'version'), '45.4.1');
  const output = path.join(work, 'dist');
  const cli = path.join(ROOT, 'node_modules', 'electron-builder', 'cli.js');
  const run = await promisify(execFile)(
    process.execPath,
    [cli, '--linux', 'dir', '--x64', '--publish', 'never', `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`],
    {
      cwd: ROOT,
      // As from a shell: electron-builder prints no log under a test runner's environment.
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|NODE_ENV$|TEST$)/.test(k))), CI: 'true' },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  log = run.stdout + run.stderr;
  appDir = path.join(output, 'linux-unpacked');
  resources = path.join(appDir, 'resources');
  asarFiles = listPackage(path.join(resources, 'app.asar'), { isPack: false }).map((f) => f.split(path.sep).join('/'));
}, 240_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('the app electron-builder packs', () => {
  it('used the repository configuration and rebuilt nothing', () => {
    expect(log).toMatch(/loaded configuration\s+file=.*electron-builder\.ts/);
    expect(log).toMatch(/skipped dependencies rebuild\s+reason=npmRebuild is set to false/);
  });

  it('holds the build and package.json in the ASAR, and no source', () => {
    for (const f of [
      '/package.json',
      '/out/main/index.js',
      '/out/main/import-worker.js',
      '/out/main/plan-worker.js',
      '/out/preload/index.js',
      '/out/renderer/index.html',
      '/out/notices/notices.json',
    ])
      expect(asarFiles, f).toContain(f);
    const own = asarFiles.filter((f) => !f.startsWith('/node_modules/'));
    expect(own.filter((f) => /^\/(src|tests|scripts|resources|bench|dist)\//.test(f) || /\.(map|ts|tsx)$/.test(f) || f.includes('bundled-'))).toEqual([]);
  });

  it('holds every production package at its installed version, and no devDependency', () => {
    // electron-builder lays node_modules out its own way (it hoists what it can): look packages up by name and version.
    const archive = path.join(resources, 'app.asar');
    const identity = (json: string) => {
      const m = JSON.parse(json) as { name: string; version: string };
      return `${m.name}@${m.version}`;
    };
    const packed = new Set(
      asarFiles
        .filter((f) => /\/node_modules\/(@[^/]+\/)?[^/@]+\/package\.json$/.test(f))
        .map((f) => identity(extractFile(archive, f.slice(1)).toString('utf8'))),
    );
    const missing = productionClosure(ROOT)
      .map((folder) => identity(fs.readFileSync(path.join(ROOT, folder, 'package.json'), 'utf8')))
      .filter((id) => !packed.has(id));
    expect(missing).toEqual([]);
    const present = new Set(asarFiles);
    for (const dev of ['electron', 'react', 'ag-grid-community', 'vitest', 'electron-builder', 'typescript', '@electron/fuses', 'node'])
      expect(present.has(`/node_modules/${dev}/package.json`), dev).toBe(false);
  });

  it('unpacks better-sqlite3’s binary for the target, and only that one', () => {
    const unpacked = path.join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds');
    expect(fs.readdirSync(unpacked)).toEqual(['linux-x64.node']);
    expect(asarFiles.filter((f) => f.includes('/better-sqlite3/') && /\.(node|c|cpp|h)$/.test(f))).toEqual([
      '/node_modules/better-sqlite3/prebuilds/linux-x64.node',
    ]);
  });

  it('puts the licence and the third-party notices beside the app', () => {
    expect(fs.readFileSync(path.join(resources, 'LICENSE.txt'), 'utf8')).toBe(fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8'));
    expect(fs.readFileSync(path.join(resources, 'THIRD-PARTY-NOTICES.txt'), 'utf8')).toBe(
      fs.readFileSync(path.join(ROOT, 'out', 'notices', 'THIRD-PARTY-NOTICES.txt'), 'utf8'),
    );
  });

  it('flips the fuses of src/main/fuses.ts on the packaged binary, and no others', async () => {
    const binary = path.join(appDir, 'workforce-pipeline-planner');
    const wire = await getCurrentFuseWire(binary);
    const expected = (option: FuseV1Options) => {
      const want = (FUSE_CONFIG as Partial<Record<FuseV1Options, boolean>>)[option];
      if (want === undefined) return STOCK_WIRE.charCodeAt(option);
      return want ? FuseState.ENABLE : FuseState.DISABLE;
    };
    for (const option of Object.values(FuseV1Options).filter((v): v is FuseV1Options => typeof v === 'number')) {
      expect(wire[option], FuseV1Options[option]).toBe(expected(option));
    }
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
  });
});
