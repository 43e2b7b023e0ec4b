/**
 * electron-builder's afterPack hook (see electron-builder.ts): flips the fuses in
 * src/main/fuses.ts on the packaged Electron binary, before it is signed and put in an installer.
 * It uses the project's own @electron/fuses, which knows Electron 45's fuse wire.
 */
import path from 'node:path';
import { flipFuses } from '@electron/fuses';
import { Arch, type AfterPackContext } from 'electron-builder';
import { FUSE_CONFIG } from '../src/main/fuses';

/** The packaged app's Electron binary: "<name>.exe" on Windows, "<name>.app" on macOS, the executable name on Linux. */
export function packagedBinary(context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'packager'>): string {
  const { appOutDir, electronPlatformName, packager } = context;
  const productFilename = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'win32':
      return path.join(appOutDir, `${productFilename}.exe`);
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${productFilename}.app`);
    case 'linux': {
      const executableName = (packager as { executableName?: unknown }).executableName;
      return path.join(appOutDir, typeof executableName === 'string' ? executableName : productFilename);
    }
    default:
      throw new Error(`Fuses: unknown platform ${electronPlatformName}`);
  }
}

export default async function flipFusesAfterPack(context: AfterPackContext): Promise<void> {
  // Flipping fuses breaks the ad-hoc signature Apple silicon builds carry: re-sign ad hoc.
  const resetAdHocDarwinSignature = (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') && context.arch === Arch.arm64;
  await flipFuses(packagedBinary(context), { ...FUSE_CONFIG, resetAdHocDarwinSignature });
}
