/**
 * The packaging configuration (electron-builder.ts), checked without the Electron binary: loaded
 * the way `electron-builder` loads it and validated against electron-builder's own schema, and
 * the settings the installers depend on asserted one by one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import type { Configuration, FileAssociation, TargetConfiguration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import flipFusesAfterPack from '../../../scripts/flip-fuses';

const ROOT = path.resolve(import.meta.dirname, '../../..');
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(ROOT, null, null);
}, 60_000);

const targets = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).map((t) => (typeof t === 'string' ? t : (t as TargetConfiguration).target));

describe('the electron-builder configuration', () => {
  it('is found in electron-builder.ts and passes electron-builder’s schema', async () => {
    expect(config.appId).toBeTruthy();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('the same validation refuses a misspelt or mistyped option', async () => {
    await expect(
      validateConfiguration({ ...config, nsis: { ...config.nsis, perMachin: false } as Configuration['nsis'] }, new DebugLogger(false)),
    ).rejects.toThrow(/Invalid configuration/);
    await expect(validateConfiguration({ ...config, npmRebuild: 'no' as unknown as boolean }, new DebugLogger(false))).rejects.toThrow(/Invalid configuration/);
  });

  it('builds a per-user Windows installer and a portable .exe, a macOS dmg, a Linux AppImage and .deb', () => {
    expect(targets(config.win?.target).sort()).toEqual(['nsis', 'portable']);
    expect(targets(config.mac?.target)).toEqual(['dmg']);
    expect(targets(config.linux?.target).sort()).toEqual(['AppImage', 'deb']);
    // No admin rights: one click, for this user, never asking to elevate (installs under %LOCALAPPDATA%\Programs).
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false, allowElevation: false });
  });

  it('hardens the package: ASAR with integrity, better-sqlite3’s binary unpacked, no rebuild, the fuse hook', () => {
    expect(config.asar).toBe(true);
    expect(config.disableAsarIntegrity).toBe(false);
    expect(config.asarUnpack).toEqual(['node_modules/better-sqlite3/**/*.node']);
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.buildDependenciesFromSource).toBe(false);
    // electron-builder loads the file with its own module loader: the same function, another copy.
    expect(typeof config.afterPack).toBe('function');
    expect((config.afterPack as (...args: never[]) => unknown).name).toBe(flipFusesAfterPack.name);
    expect(config.electronFuses ?? null).toBeNull();
  });

  it('publishes nothing and sets up no update feed', () => {
    expect(config.publish).toBeNull();
    expect(config.detectUpdateChannel).toBe(false);
    for (const platform of [config.win, config.mac, config.linux]) expect(platform?.publish ?? null).toBeNull();
  });

  it('ships only the build, package.json, the licence and the notices', () => {
    // electron-builder's loader turns the list into one file set.
    const sets = config.files as (string | { filter?: string[] })[];
    const files = sets
      .flatMap((set) => (typeof set === 'string' ? [set] : (set.filter ?? [])))
      .filter((f) => !f.startsWith('!') && !f.startsWith('node_modules/'));
    expect(files).toEqual(['out/**/*', 'package.json']);
    const extra = config.extraResources as { from: string; to: string }[];
    expect(extra).toEqual([
      { from: 'LICENSE', to: 'LICENSE.txt' },
      { from: 'out/notices/THIRD-PARTY-NOTICES.txt', to: 'THIRD-PARTY-NOTICES.txt' },
    ]);
    expect(fs.existsSync(path.join(ROOT, 'LICENSE'))).toBe(true);
  });

  it('registers .wfplan as the app’s document on every platform', () => {
    const [plan] = config.fileAssociations as FileAssociation[];
    expect(plan).toMatchObject({ ext: 'wfplan', name: 'Workforce plan', role: 'Editor', mimeType: 'application/x-workforce-plan', icon: 'wfplan' });
    const res = path.join(ROOT, config.directories?.buildResources ?? '');
    for (const file of ['wfplan.ico', 'wfplan.icns']) expect(fs.existsSync(path.join(res, file)), file).toBe(true);
  });
});

/** PNG width and height from its header. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe('the icons in resources/icons', () => {
  const res = path.join(ROOT, 'resources', 'icons');

  it('has a 1024-pixel PNG and a Linux set by size', () => {
    expect(pngSize(fs.readFileSync(path.join(res, 'app.png')))).toEqual({ width: 1024, height: 1024 });
    for (const size of [16, 32, 48, 64, 128, 256, 512])
      expect(pngSize(fs.readFileSync(path.join(res, 'linux', `${size}x${size}.png`)))).toEqual({ width: size, height: size });
  });

  it('has Windows .ico files up to 256 pixels and macOS .icns files up to 1024', () => {
    for (const name of ['app', 'wfplan']) {
      const ico = fs.readFileSync(path.join(res, `${name}.ico`));
      expect(ico.readUInt16LE(2)).toBe(1);
      const count = ico.readUInt16LE(4);
      const widths = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
      expect(widths).toEqual(expect.arrayContaining([16, 32, 48, 256]));
      const icns = fs.readFileSync(path.join(res, `${name}.icns`));
      expect(icns.toString('ascii', 0, 4)).toBe('icns');
      expect(icns.readUInt32BE(4)).toBe(icns.length);
      const types: string[] = [];
      for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) types.push(icns.toString('ascii', at, at + 4));
      expect(types).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10']));
    }
  });
});
