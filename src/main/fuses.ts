/**
 * Electron fuses flipped on the packaged binary: scripts/flip-fuses.ts, electron-builder's
 * afterPack hook (electron-builder.ts), passes exactly these values to @electron/fuses.
 * Unit-tested so that a weakened fuse fails the build.
 */
import { FuseV1Options, FuseVersion } from '@electron/fuses';

export const FUSE_CONFIG = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
} as const;
