import { z } from 'zod';
import { channel } from '../channel';

/** One installed package whose code ships with the app, and its licence. */
export interface PackageNotice {
  name: string;
  version: string;
  /** The licence as the package declares it (an SPDX expression such as "MIT" or "(MIT OR GPL-3.0-or-later)"). */
  licence: string;
  /** The package's licence file (and NOTICE file, if any), or null when the package ships none. */
  licenceText: string | null;
  /** How it ships: copied beside the app, bundled into the app's scripts, or the Electron runtime itself. */
  ships: ('installed' | 'bundled' | 'runtime')[];
}

/** The notices file the build writes (out/notices/notices.json) and the About dialog shows. */
export interface NoticesFile {
  product: { name: string; version: string; licence: string; licenceText: string };
  packages: PackageNotice[];
}

export interface AboutInfo {
  name: string;
  version: string;
  licence: string;
  licenceText: string;
  /** "Electron 45.4.1 · Chromium … · Node.js …" (what this copy runs on). */
  runtime: string;
  notices: PackageNotice[];
}

/** The app itself: name, version, licence and third-party notices (Help → About). */
export const appChannels = {
  'app/about': channel<AboutInfo>()(z.object({}).strict()),
} as const;
