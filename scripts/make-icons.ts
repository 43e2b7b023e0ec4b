/**
 * Draws the app's and the plan file's icons from resources/icons/*.svg into every file the
 * installers need: PNGs by size (Linux), .ico (Windows) and .icns (macOS). Chromium renders the
 * SVG, so the icons look the same on every machine that runs this; the results are committed.
 *
 *   npm run icons
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const ROOT = path.resolve(import.meta.dirname, '..');
const ICONS = path.join(ROOT, 'resources', 'icons');
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Sizes in a Windows .ico (256 is the largest the format holds). */
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** macOS icon types that hold PNG data, by pixel size. */
const ICNS_TYPES: [string, number][] = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
];
/** The PNG sizes Linux desktops look for (hicolor theme). */
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

/** A .ico whose entries are PNG images (read by Windows Vista and later). */
export function buildIco(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2);
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

/** An .icns made of PNG-typed entries. */
export function buildIcns(images: { type: string; png: Buffer }[]): Buffer {
  const chunks = images.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

async function main(): Promise<void> {
  const browser = await chromium.launch(fs.existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM, args: ['--no-sandbox'] } : {});
  try {
    const page = await browser.newPage();
    const render = async (svg: string, size: number): Promise<Buffer> => {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<!doctype html><html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
      );
      return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    };
    for (const name of ['app', 'wfplan']) {
      const svg = fs.readFileSync(path.join(ICONS, `${name}.svg`), 'utf8');
      const sizes = [...new Set([...ICO_SIZES, ...ICNS_TYPES.map(([, s]) => s), ...LINUX_SIZES])];
      const png = new Map<number, Buffer>();
      for (const size of sizes) png.set(size, await render(svg, size));
      const at = (size: number): Buffer => png.get(size) ?? Buffer.alloc(0);
      fs.writeFileSync(path.join(ICONS, `${name}.ico`), buildIco(ICO_SIZES.map((size) => ({ size, png: at(size) }))));
      fs.writeFileSync(path.join(ICONS, `${name}.icns`), buildIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: at(size) }))));
      fs.writeFileSync(path.join(ICONS, `${name}.png`), at(1024));
      if (name === 'app') {
        const dir = path.join(ICONS, 'linux');
        fs.mkdirSync(dir, { recursive: true });
        for (const size of LINUX_SIZES) fs.writeFileSync(path.join(dir, `${size}x${size}.png`), at(size));
      }
      console.log(`resources/icons/${name}: .png (1024), .ico (${ICO_SIZES.join(', ')}), .icns (${ICNS_TYPES.map(([, s]) => s).join(', ')})`);
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
