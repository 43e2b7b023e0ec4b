import fs from 'node:fs';
import path from 'node:path';
import type { appChannels } from '../../../shared/api/channels/app';
import type { HandlersFor } from '../../../shared/api/contract';
import type { AboutInfo, NoticesFile } from '../../../shared/api/channels/app';
import { AppError } from '../../../shared/api/errors';
import type { AppContext } from '../../app-context';

/**
 * The notices the build writes (scripts/third-party-notices.ts): beside the main bundle in the
 * app (out/notices/notices.json, inside the ASAR when packaged), or under the working directory
 * when the handlers run from source (tests).
 */
export function findNoticesFile(): string | null {
  const candidates = [path.join(__dirname, '..', 'notices', 'notices.json'), path.resolve('out', 'notices', 'notices.json')];
  return candidates.find((c) => fs.existsSync(c)) ?? null;
}

/** What this copy runs on, for the About dialog. */
export function runtimeDescription(versions: NodeJS.ProcessVersions = process.versions): string {
  const electron = (versions as Record<string, string | undefined>)['electron'];
  const chrome = (versions as Record<string, string | undefined>)['chrome'];
  return [electron ? `Electron ${electron}` : null, chrome ? `Chromium ${chrome}` : null, `Node.js ${versions.node}`].filter(Boolean).join(' · ');
}

export function readAbout(appVersion: string, file: string | null = findNoticesFile()): AboutInfo {
  if (!file)
    throw new AppError(
      'NOT_FOUND',
      'This copy of the app was built without its licence and third-party notices. Reinstall it (or, from the source, run npm run build).',
    );
  const notices = JSON.parse(fs.readFileSync(file, 'utf8')) as NoticesFile;
  return {
    name: notices.product.name,
    version: appVersion,
    licence: notices.product.licence,
    licenceText: notices.product.licenceText,
    runtime: runtimeDescription(),
    notices: notices.packages,
  };
}

type AppHandlers = HandlersFor<typeof appChannels>;

export function appHandlers(ctx: AppContext): AppHandlers {
  return {
    'app/about': () => readAbout(ctx.appVersion),
  };
}
