/** The afterPack hook passes exactly src/main/fuses.ts's settings to @electron/fuses, for the right binary. */
import path from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { Arch, type AfterPackContext } from 'electron-builder';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FUSE_CONFIG } from '../../../src/main/fuses';
import flipFusesAfterPack, { packagedBinary } from '../../../scripts/flip-fuses';

const flipFuses = vi.hoisted(() => vi.fn((_binary: string, _config: unknown) => Promise.resolve(1)));
vi.mock('@electron/fuses', async (importOriginal) => ({ ...(await importOriginal<Record<string, unknown>>()), flipFuses }));

function context(electronPlatformName: string, arch: Arch, executableName?: string): AfterPackContext {
  const packager = { appInfo: { productFilename: 'Workforce Pipeline Planner' }, ...(executableName ? { executableName } : {}) };
  return {
    appOutDir: path.resolve('/build/out'),
    outDir: path.resolve('/build'),
    electronPlatformName,
    arch,
    packager,
    targets: [],
  } as unknown as AfterPackContext;
}

beforeEach(() => flipFuses.mockClear());

describe('scripts/flip-fuses.ts (electron-builder afterPack)', () => {
  it('flips exactly the fuses in src/main/fuses.ts on the Windows .exe', async () => {
    await flipFusesAfterPack(context('win32', Arch.x64));
    expect(flipFuses).toHaveBeenCalledTimes(1);
    expect(flipFuses.mock.calls[0]).toStrictEqual([
      path.resolve('/build/out/Workforce Pipeline Planner.exe'),
      { ...FUSE_CONFIG, resetAdHocDarwinSignature: false },
    ]);
  });

  it('on Linux the executable name, on macOS the .app (re-signed ad hoc on Apple silicon)', async () => {
    await flipFusesAfterPack(context('linux', Arch.x64, 'workforce-pipeline-planner'));
    await flipFusesAfterPack(context('darwin', Arch.x64));
    await flipFusesAfterPack(context('darwin', Arch.arm64));
    expect(flipFuses.mock.calls).toStrictEqual([
      [path.resolve('/build/out/workforce-pipeline-planner'), { ...FUSE_CONFIG, resetAdHocDarwinSignature: false }],
      [path.resolve('/build/out/Workforce Pipeline Planner.app'), { ...FUSE_CONFIG, resetAdHocDarwinSignature: false }],
      [path.resolve('/build/out/Workforce Pipeline Planner.app'), { ...FUSE_CONFIG, resetAdHocDarwinSignature: true }],
    ]);
  });

  it('the settings it passes are the hardened ones', () => {
    const passed = { ...FUSE_CONFIG };
    expect(passed.version).toBe(FuseVersion.V1);
    expect(passed[FuseV1Options.RunAsNode]).toBe(false);
    expect(passed[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(passed[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(passed[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(passed[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(passed[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });

  it('refuses a platform it does not know rather than guessing a path', () => {
    expect(() => packagedBinary(context('aix', Arch.x64))).toThrow(/unknown platform/);
  });
});
