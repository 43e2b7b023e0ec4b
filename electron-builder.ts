/**
 * Packaging: `npm run dist` builds the installers for the machine's OS into dist/ (see the
 * README). electron-builder finds this file by its name. The product name, version and
 * description come from package.json.
 */
import type { Configuration } from 'electron-builder';
import flipFusesAfterPack from './scripts/flip-fuses';

const config: Configuration = {
  appId: 'uk.org.workforce-pipeline-planner',
  copyright: 'Copyright © 2026 Workforce Pipeline Planner contributors. MIT licence.',
  directories: { output: 'dist', buildResources: 'resources/icons' },

  // Only the build and package.json; electron-builder adds the production dependencies
  // (package.json `dependencies` and what they need), never the devDependencies.
  files: [
    'out/**/*',
    '!out/**/*.map',
    '!out/notices/bundled-*.json',
    'package.json',
    // better-sqlite3's C sources are for compiling it, which packaging never does; of its
    // prebuilt binaries only the target's is needed.
    '!node_modules/better-sqlite3/{deps,src}/**',
    '!node_modules/better-sqlite3/binding.gyp',
    '!node_modules/better-sqlite3/prebuilds/**',
    'node_modules/better-sqlite3/prebuilds/*${platform}-${arch}.node',
  ],
  extraResources: [
    { from: 'LICENSE', to: 'LICENSE.txt' },
    { from: 'out/notices/THIRD-PARTY-NOTICES.txt', to: 'THIRD-PARTY-NOTICES.txt' },
  ],

  // The app's code in an ASAR archive whose hash the binary checks (the EnableEmbeddedAsarIntegrityValidation fuse).
  asar: true,
  disableAsarIntegrity: false,
  // A native module cannot be loaded from inside the archive.
  asarUnpack: ['node_modules/better-sqlite3/**/*.node'],
  // better-sqlite3 is built on Node-API: the binary in its npm package loads in Electron as it is.
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  afterPack: flipFusesAfterPack,

  // Nothing is published and there is no auto-update: the app makes no network calls.
  publish: null,
  detectUpdateChannel: false,
  generateUpdatesFilesForAllChannels: false,

  fileAssociations: [
    {
      ext: 'wfplan',
      name: 'Workforce plan',
      description: 'Workforce Pipeline Planner plan',
      role: 'Editor',
      rank: 'Owner',
      mimeType: 'application/x-workforce-plan',
      icon: 'wfplan',
    },
  ],

  win: {
    target: [
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ],
    icon: 'app.ico',
  },
  // One click, for this user only: installs under %LOCALAPPDATA%\Programs without admin rights.
  nsis: {
    oneClick: true,
    perMachine: false,
    allowElevation: false,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    runAfterFinish: true,
    deleteAppDataOnUninstall: false,
    artifactName: '${productName} Setup ${version}.${ext}',
  },
  // One .exe that runs without installing (no file association: nothing is registered).
  portable: { artifactName: '${productName} ${version} portable.${ext}' },

  mac: {
    target: [{ target: 'dmg', arch: ['x64', 'arm64'] }],
    icon: 'app.icns',
    category: 'public.app-category.productivity',
  },
  dmg: { artifactName: '${productName} ${version} ${arch}.${ext}' },

  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    icon: 'linux',
    executableName: 'workforce-pipeline-planner',
    category: 'Office',
    synopsis: 'Plan a health and care workforce against demand',
    maintainer: 'Workforce Pipeline Planner contributors',
  },
  appImage: { artifactName: '${productName} ${version}.${ext}' },
  deb: { artifactName: '${name}_${version}_${arch}.${ext}' },
};

export default config;
