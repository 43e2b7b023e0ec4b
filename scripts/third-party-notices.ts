/**
 * Writes the third-party notices from what is installed: every package in the closure of
 * package.json's `dependencies` (copied into the installed app), every package the build bundled
 * into the main, preload and renderer scripts (recorded by scripts/bundled-packages.ts), and the
 * Electron runtime. For each: name, version, declared licence and the licence file's text.
 *
 * Output (run after `electron-vite build`; part of `npm run build`):
 *   out/notices/notices.json            read by the About dialog
 *   out/notices/THIRD-PARTY-NOTICES.txt  shipped beside the app by the installers
 */
import fs from 'node:fs';
import path from 'node:path';
import type { NoticesFile, PackageNotice } from '../src/shared/api/channels/app';
import { NOTICES_DIR } from './bundled-packages';

interface Manifest {
  name?: string;
  version?: string;
  license?: string | { type?: string };
  licenses?: { type?: string }[];
  repository?: string | { url?: string };
  homepage?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const readManifest = (dir: string): Manifest => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;

/** The declared licence, whichever of npm's old and new forms the package uses. */
export function declaredLicence(m: Manifest): string {
  if (typeof m.license === 'string' && m.license.trim()) return m.license.trim();
  if (typeof m.license === 'object' && m.license.type) return m.license.type;
  const types = (m.licenses ?? []).map((l) => l.type).filter((t): t is string => !!t);
  if (types.length === 1) return types[0] ?? 'UNKNOWN';
  if (types.length > 1) return `(${types.join(' OR ')})`;
  return 'UNKNOWN';
}

/**
 * Where the package's source is, as a web address: package.json's `repository` (npm's shorthand
 * "owner/name" and "github:owner/name", or a git URL) or else its `homepage`; null if neither.
 * Copyleft licences such as MPL-2.0 ask that recipients be told where the source can be had.
 */
export function sourceAddress(m: Manifest): string | null {
  const raw = (typeof m.repository === 'string' ? m.repository : m.repository?.url)?.trim();
  if (raw) {
    const short = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(raw);
    if (short) return `https://github.com/${short[1]}`;
    const url = raw
      .replace(/^git\+/, '')
      .replace(/^git:\/\//, 'https://')
      .replace(/^ssh:\/\/git@/, 'https://')
      .replace(/^git@([^:]+):/, 'https://$1/')
      .replace(/\.git$/, '');
    if (/^https?:\/\//.test(url)) return url;
  }
  const home = m.homepage?.trim();
  return home && /^https?:\/\//.test(home) ? home.replace(/#readme$/, '') : null;
}

/** The licence file's text, followed by a NOTICE file's (Apache-2.0 asks for both); null if neither. */
export function licenceText(dir: string): string | null {
  const names = fs.readdirSync(dir);
  const pick = (re: RegExp) =>
    names.filter((n) => re.test(n) && fs.statSync(path.join(dir, n)).isFile()).sort((a, b) => a.length - b.length || a.localeCompare(b))[0];
  const licence = pick(/^(licen[cs]e|copying)([-._].*)?$/i);
  const notice = pick(/^notice([-._].*)?$/i);
  const read = (n: string) => fs.readFileSync(path.join(dir, n), 'utf8').replace(/\r\n/g, '\n').trim();
  const parts = [licence, notice].filter((n): n is string => !!n).map(read);
  if (parts.length) return parts.join('\n\n');
  const readme = pick(/^readme(\..*)?$/i);
  const section = readme ? readmeLicenceSection(read(readme)) : null;
  return section ? `(From the package's README)\n${section}` : null;
}

/** The "License" section of a README (Markdown "## License" or an underlined heading), or null. */
export function readmeLicenceSection(readme: string): string | null {
  const lines = readme.split('\n');
  const isHeading = (i: number) => /^#{1,6}\s/.test(lines[i] ?? '') || /^(=+|-+)\s*$/.test(lines[i + 1] ?? '');
  const start = lines.findIndex((l, i) => isHeading(i) && /^#*\s*licen[cs]e\b/i.test(l.trim()));
  if (start < 0) return null;
  let end = start + 1;
  if (/^(=+|-+)\s*$/.test(lines[end] ?? '')) end++;
  const bodyStart = end;
  while (end < lines.length && !isHeading(end)) end++;
  const body = lines.slice(bodyStart, end).join('\n').trim();
  return body ? body : null;
}

/** Where Node would find `name` when required from `fromDir` (nested node_modules first). */
function resolvePackageDir(name: string, fromDir: string, root: string): string | null {
  let dir = fromDir;
  for (;;) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.resolve(dir) === path.resolve(root)) return null;
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** Package folders (relative to root) in the closure of the root's `dependencies`. Missing optional ones are skipped; a missing required one throws. */
export function productionClosure(root: string): string[] {
  const seen = new Set<string>();
  const visit = (dir: string) => {
    const m = readManifest(dir);
    const required = Object.keys(m.dependencies ?? {});
    const optional = Object.keys(m.optionalDependencies ?? {});
    for (const name of [...required, ...optional]) {
      const found = resolvePackageDir(name, dir, root);
      if (!found) {
        if (optional.includes(name)) continue;
        throw new Error(`${name} (needed by ${m.name ?? 'the app'}) is not installed: run npm ci first.`);
      }
      const rel = path.relative(root, found).split(path.sep).join('/');
      if (seen.has(rel)) continue;
      seen.add(rel);
      visit(found);
    }
  };
  visit(root);
  return [...seen].sort();
}

function readBundled(root: string): string[] {
  const dir = path.join(root, NOTICES_DIR);
  const out = new Set<string>();
  for (const target of ['main', 'preload', 'renderer']) {
    const file = path.join(dir, `bundled-${target}.json`);
    if (!fs.existsSync(file)) throw new Error(`${path.relative(root, file)} is missing: run electron-vite build first.`);
    for (const folder of JSON.parse(fs.readFileSync(file, 'utf8')) as string[]) out.add(folder);
  }
  return [...out];
}

export function collectNotices(root: string): NoticesFile {
  const app = readManifest(root);
  const ships = new Map<string, Set<PackageNotice['ships'][number]>>();
  const mark = (folder: string, how: PackageNotice['ships'][number]) => {
    const set = ships.get(folder) ?? new Set();
    set.add(how);
    ships.set(folder, set);
  };
  for (const folder of productionClosure(root)) mark(folder, 'installed');
  for (const folder of readBundled(root)) mark(folder, 'bundled');
  mark('node_modules/electron', 'runtime');

  const byKey = new Map<string, PackageNotice>();
  for (const [folder, how] of ships) {
    const dir = path.join(root, folder);
    const m = readManifest(dir);
    const name = m.name ?? path.basename(folder);
    const version = m.version ?? '0.0.0';
    const key = `${name}@${version}`;
    const existing = byKey.get(key);
    if (existing) {
      existing.ships = [...new Set([...existing.ships, ...how])].sort();
      continue;
    }
    byKey.set(key, { name, version, licence: declaredLicence(m), licenceText: licenceText(dir), source: sourceAddress(m), ships: [...how].sort() });
  }
  const packages = [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const ownLicence = fs.readFileSync(path.join(root, 'LICENSE'), 'utf8').replace(/\r\n/g, '\n').trim();
  return { product: { name: 'Workforce Pipeline Planner', version: app.version ?? '0.0.0', licence: declaredLicence(app), licenceText: ownLicence }, packages };
}

/** The plain-text notices file that installers put beside the app. */
export function noticesText(notices: NoticesFile): string {
  const rule = '-'.repeat(78);
  const head = [
    `${notices.product.name} ${notices.product.version}`,
    `Third-party software: ${notices.packages.length} packages.`,
    'Electron bundles Chromium and Node.js; their licences are in LICENSES.chromium.html beside the app.',
  ];
  const body = notices.packages.map((p) =>
    [
      rule,
      `${p.name} ${p.version}`,
      `Licence: ${p.licence}`,
      ...(p.source ? [`Source: ${p.source}`] : []),
      '',
      p.licenceText ?? `(The package includes no licence file; its package.json declares ${p.licence}.)`,
    ].join('\n'),
  );
  return `${[...head, '', ...body].join('\n')}\n`;
}

export function writeNotices(root: string): NoticesFile {
  const notices = collectNotices(root);
  const dir = path.join(root, NOTICES_DIR);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'notices.json'), `${JSON.stringify(notices)}\n`);
  fs.writeFileSync(path.join(dir, 'THIRD-PARTY-NOTICES.txt'), noticesText(notices));
  return notices;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const notices = writeNotices(path.resolve(import.meta.dirname, '..'));
  const missing = notices.packages.filter((p) => p.licenceText === null).length;
  console.log(`Third-party notices: ${notices.packages.length} packages (${missing} without a licence file) → ${NOTICES_DIR}/`);
}
