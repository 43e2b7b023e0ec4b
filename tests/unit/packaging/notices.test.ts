/**
 * The licence and third-party notices the build writes (scripts/third-party-notices.ts) and the
 * installers ship: every package whose code ships — installed beside the app, bundled into its
 * scripts, and Electron itself — with its licence and licence text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NoticesFile } from '../../../src/shared/api/channels/app';
import { declaredLicence, productionClosure, readmeLicenceSection, sourceAddress } from '../../../scripts/third-party-notices';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const DIR = path.join(ROOT, 'out', 'notices');
let notices: NoticesFile;
let text: string;

/**
 * Licences that let the app be given to NHS staff as it is (no copyleft obligations on the app;
 * the SIL Open Font Licence of the bundled chart font allows shipping it unmodified with any software).
 */
const PERMISSIVE = new Set([
  'MIT',
  'MIT/X11',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'Apache-2.0',
  '0BSD',
  'BlueOak-1.0.0',
  'Unlicense',
  'Zlib',
  '(MIT OR GPL-3.0-or-later)',
  '(MIT AND Zlib)',
  '(MIT OR Apache-2.0)',
  'MIT AND OFL-1.1',
]);
/**
 * Packages under a file-level (weak) copyleft licence, each looked at by hand: shipped unmodified
 * and not combined into the app's own files, so the app's code carries no obligation; the package's
 * licence is in the notices, and its source is public at the address given here.
 */
const FILE_COPYLEFT = new Map([
  [
    '@resvg/resvg-wasm',
    'MPL-2.0: the SVG rasteriser that draws the board workbook’s charts, unmodified from npm; source at https://github.com/yisibl/resvg-js',
  ],
]);
/** Packages that declare no licence at all, each looked at by hand. */
const UNDECLARED = new Map([['buffers', 'a dependency of unzipper (via exceljs) by the author of chainsaw and binary, both MIT/X11; it declares no licence']]);

beforeAll(() => {
  const file = path.join(DIR, 'notices.json');
  if (!fs.existsSync(file)) throw new Error('out/notices/notices.json is missing: run npm run build first.');
  notices = JSON.parse(fs.readFileSync(file, 'utf8')) as NoticesFile;
  text = fs.readFileSync(path.join(DIR, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
});

/** name@version as the package itself says (an npm alias such as xlsx → @e965/xlsx keeps its real name). */
const identity = (folder: string) => {
  const m = JSON.parse(fs.readFileSync(path.join(ROOT, folder, 'package.json'), 'utf8')) as { name: string; version: string };
  return `${m.name}@${m.version}`;
};

describe('the third-party notices', () => {
  it('name the product, its version from package.json and its own licence', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; license: string };
    expect(notices.product).toEqual({
      name: 'Workforce Pipeline Planner',
      version: pkg.version,
      licence: pkg.license,
      licenceText: fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8').trim(),
    });
  });

  it('cover every installed production package, at its installed version', () => {
    const listed = new Set(notices.packages.map((p) => `${p.name}@${p.version}`));
    const closure = productionClosure(ROOT);
    expect(closure.length).toBeGreaterThan(50);
    const missing = closure.filter((folder) => !listed.has(identity(folder)));
    expect(missing).toEqual([]);
    for (const dep of ['better-sqlite3', 'exceljs', 'xlsx', 'zod', 'fflate'])
      expect(notices.packages.find((p) => p.name === (dep === 'xlsx' ? '@e965/xlsx' : dep))?.ships, dep).toContain('installed');
  });

  it('cover what is bundled into the window and the preload, and the Electron runtime', () => {
    const ships = (name: string) => notices.packages.find((p) => p.name === name)?.ships ?? [];
    for (const name of ['react', 'react-dom', 'scheduler', 'ag-grid-community', 'ag-grid-react']) expect(ships(name), name).toContain('bundled');
    expect(ships('zod')).toEqual(['bundled', 'installed']);
    expect(ships('electron')).toEqual(['runtime']);
    expect(text).toContain('LICENSES.chromium.html');
  });

  it('give each a permissive licence and, but for a few read by hand, its licence text', () => {
    for (const p of notices.packages) {
      if (p.licence === 'UNKNOWN') expect(UNDECLARED.has(p.name), `${p.name} declares no licence`).toBe(true);
      else if (FILE_COPYLEFT.has(p.name)) expect(FILE_COPYLEFT.get(p.name)!.startsWith(`${p.licence}:`), `${p.name}@${p.version}: ${p.licence}`).toBe(true);
      else expect(PERMISSIVE.has(p.licence), `${p.name}@${p.version}: ${p.licence}`).toBe(true);
    }
    // A file-level copyleft licence asks that recipients be told where the source is.
    for (const name of FILE_COPYLEFT.keys()) expect(notices.packages.find((p) => p.name === name)?.source, name).toMatch(/^https:\/\/github\.com\//);
    const withoutText = notices.packages.filter((p) => p.licenceText === null).map((p) => p.name);
    expect(withoutText.length).toBeLessThanOrEqual(3);
    expect(notices.packages.find((p) => p.name === 'react')?.licenceText).toMatch(/Copyright \(c\) Meta Platforms/);
  });

  it('as text: every package with its version, licence and licence text', () => {
    for (const p of notices.packages) {
      expect(text).toContain(`${p.name} ${p.version}\nLicence: ${p.licence}\n${p.source ? `Source: ${p.source}\n` : ''}`);
      if (p.licenceText) expect(text).toContain(p.licenceText.slice(0, 200));
    }
  });
});

describe('reading licences', () => {
  it('understands the old and new package.json forms', () => {
    expect(declaredLicence({ license: 'MIT' })).toBe('MIT');
    expect(declaredLicence({ license: { type: 'BSD-3-Clause' } })).toBe('BSD-3-Clause');
    expect(declaredLicence({ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] })).toBe('(MIT OR Apache-2.0)');
    expect(declaredLicence({})).toBe('UNKNOWN');
  });

  it('turns package.json’s repository (or homepage) into a web address for the source', () => {
    expect(sourceAddress({ repository: 'yisibl/resvg-js' })).toBe('https://github.com/yisibl/resvg-js');
    expect(sourceAddress({ repository: 'github:facebook/react' })).toBe('https://github.com/facebook/react');
    expect(sourceAddress({ repository: { url: 'git+https://github.com/WiseLibs/better-sqlite3.git' } })).toBe('https://github.com/WiseLibs/better-sqlite3');
    expect(sourceAddress({ repository: { url: 'git://github.com/a/b.git' } })).toBe('https://github.com/a/b');
    expect(sourceAddress({ repository: { url: 'git@github.com:a/b.git' } })).toBe('https://github.com/a/b');
    expect(sourceAddress({ homepage: 'https://example.org/pkg#readme' })).toBe('https://example.org/pkg');
    expect(sourceAddress({ repository: { url: 'file:../local' } })).toBeNull();
    expect(sourceAddress({})).toBeNull();
  });

  it('takes a README’s licence section when a package has no licence file', () => {
    expect(readmeLicenceSection('# x\n\nUse it.\n\n## License\n\nMIT\n\nCopyright A\n\n## Other\nno')).toBe('MIT\n\nCopyright A');
    expect(readmeLicenceSection('x\n===\n\nlicense\n=======\n\nMIT/X11\n')).toBe('MIT/X11');
    expect(readmeLicenceSection('# x\nNothing about it.')).toBeNull();
  });
});
