/**
 * A build plugin that records which installed packages end up inside a bundle (React and
 * AG Grid in the renderer, zod in the preload, …), so that the third-party notices cover code
 * that ships bundled as well as the packages copied beside it. Writes
 * out/notices/bundled-<target>.json: the package folders, relative to the project.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

export const NOTICES_DIR = 'out/notices';

/** The package folder a module belongs to ("node_modules/react-dom"), or null for the app's own code. */
export function packageFolderOf(moduleId: string, root: string): string | null {
  const file = moduleId.replace(/^\0+/, '').replace(/[?#].*$/, '');
  const m = /^(.*[\\/]node_modules[\\/](?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(file);
  if (!m?.[1] || !path.isAbsolute(m[1])) return null;
  return path.relative(root, m[1]).split(path.sep).join('/');
}

export function bundledPackages(target: string, root: string): Plugin {
  const folders = new Set<string>();
  return {
    name: 'bundled-packages',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== 'chunk') continue;
        for (const [id, info] of Object.entries(output.modules)) {
          if (info.renderedLength === 0) continue;
          const folder = packageFolderOf(id, root);
          if (folder) folders.add(folder);
        }
      }
    },
    closeBundle() {
      const dir = path.join(root, NOTICES_DIR);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `bundled-${target}.json`), `${JSON.stringify([...folders].sort(), null, 2)}\n`);
    },
  };
}
