/**
 * Splices bulk rows into a workbook exceljs has written (see BulkRows in ./sheet-kit.ts). exceljs
 * builds an object per cell and takes about 20 µs a cell; the projection of a large plan has
 * over a million. Here each spliced cell copies the style of the template row's cell in the same
 * column, text is an inline string (never a formula: no <f> is ever written), numbers are
 * written with JavaScript's shortest round-trip form so they read back as the same double.
 */
import zlib from 'node:zlib';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { xlsxText, type OutputValue } from '../../../shared/csv';
import type { BulkRows } from './sheet-kit';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function colLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Finds each sheet's XML file by its name, through workbook.xml and its relationships. */
function sheetFiles(files: Record<string, Uint8Array>): Map<string, string> {
  const workbook = strFromU8(files['xl/workbook.xml']!);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']!);
  const target = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const t = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && t) target.set(id, t.startsWith('/') ? t.slice(1) : `xl/${t}`);
  }
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    if (name !== undefined && rid && target.has(rid))
      out.set(
        name
          .replace(/&amp;/g, '&')
          .replace(/&apos;/g, "'")
          .replace(/&quot;/g, '"')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>'),
        target.get(rid)!,
      );
  }
  return out;
}

/** Shared strings added by the splice: repeated names cost one entry, not one copy per cell. */
class Strings {
  readonly added: string[] = [];
  private readonly index = new Map<string, number>();
  constructor(private readonly base: number) {}
  id(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.base + this.added.length;
      this.added.push(text);
      this.index.set(text, i);
    }
    return i;
  }
}

function encodeRows(bulk: BulkRows, styles: string[][], strings: Strings): { chunks: Uint8Array[]; cells: number } {
  const chunks: Uint8Array[] = [];
  let parts: string[] = [];
  let cells = 0;
  let width = 0;
  for (const r of bulk.rows) width = Math.max(width, r.length);
  const letters = Array.from({ length: width + 1 }, (_, i) => (i === 0 ? '' : colLetters(i)));
  bulk.rows.forEach((row, i) => {
    const r = bulk.firstRow + i;
    const kind = bulk.kinds?.[i] ?? 0;
    const st = styles[kind] ?? [];
    const level = bulk.outlineLevels?.[kind] ?? 0;
    parts.push(level > 0 ? `<row r="${r}" outlineLevel="${level}">` : `<row r="${r}">`);
    // A cell's reference is optional when it follows the previous one; written only after a gap.
    let gap = false;
    row.forEach((v: OutputValue, j) => {
      if (v === null || v === undefined || v === '' || (typeof v === 'number' && !Number.isFinite(v))) {
        gap = true;
        return;
      }
      const s = st[j] ? ` s="${st[j]}"` : '';
      const ref = gap || j === 0 ? ` r="${letters[j + 1]}${r}"` : '';
      gap = false;
      cells++;
      if (typeof v === 'number') parts.push(`<c${ref}${s}><v>${v}</v></c>`);
      else parts.push(`<c${ref}${s} t="s"><v>${strings.id(typeof v === 'boolean' ? (v ? 'Yes' : 'No') : xlsxText(v))}</v></c>`);
    });
    parts.push('</row>');
    if (parts.length > 50_000) {
      chunks.push(strToU8(parts.join('')));
      parts = [];
    }
  });
  chunks.push(strToU8(parts.join('')));
  return { chunks, cells };
}

function concat(parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** The workbook exceljs wrote, with the bulk rows spliced in, compressed (see zip). */
export function spliceBulkRows(xlsx: Uint8Array, bulks: readonly BulkRows[]): Uint8Array {
  const files: Record<string, Uint8Array> = unzipSync(xlsx);
  if (bulks.length === 0) return zip(Object.entries(files).filter(([name]) => !name.endsWith('/')));
  const byName = sheetFiles(files);
  const sstFile = 'xl/sharedStrings.xml';
  if (!files[sstFile]) throw new Error('The workbook being written has no shared strings.');
  let sst = strFromU8(files[sstFile]);
  const unique = Number(/uniqueCount="(\d+)"/.exec(sst)?.[1] ?? /<sst[^>]*\bcount="(\d+)"/.exec(sst)?.[1] ?? 0);
  const strings = new Strings(unique);
  let referenced = 0;
  for (const bulk of bulks) {
    const file = byName.get(bulk.sheet);
    if (!file || !files[file]) throw new Error(`Sheet "${bulk.sheet}" is missing from the workbook being written.`);
    let xml = strFromU8(files[file]);
    const styles = bulk.templateRows.map((templateRow) => {
      const row = new RegExp(`<row r="${templateRow}"[^>]*>(.*?)</row>`).exec(xml);
      if (!row) throw new Error(`Row ${templateRow} of "${bulk.sheet}" is missing.`);
      const out: string[] = [];
      for (const c of row[1]!.matchAll(/<c r="([A-Z]+)\d+"([^>]*)>/g)) {
        const col = [...c[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
        out[col - 1] = /\bs="(\d+)"/.exec(c[2]!)?.[1] ?? '';
      }
      return out;
    });
    const lastRow = bulk.firstRow + bulk.rows.length - 1;
    let width = Math.max(...styles.map((x) => x.length));
    for (const r of bulk.rows) width = Math.max(width, r.length);
    xml = xml.replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:${colLetters(width)}${lastRow}"/>`);
    if (bulk.filterHeaderRow !== null)
      xml = xml.replace(
        /<autoFilter ref="([A-Z]+)(\d+):([A-Z]+)\d+"\/>/,
        (_m, a: string, r1: string, b: string) => `<autoFilter ref="${a}${r1}:${b}${lastRow}"/>`,
      );
    const at = xml.indexOf('</sheetData>');
    if (at < 0) throw new Error(`"${bulk.sheet}" has no sheet data.`);
    const { chunks, cells } = encodeRows(bulk, styles, strings);
    referenced += cells;
    files[file] = concat([strToU8(xml.slice(0, at)), ...chunks, strToU8(xml.slice(at))]);
  }
  const entries = strings.added.map((t) => `<si><t${/^\s|\s$/.test(t) ? ' xml:space="preserve"' : ''}>${esc(t)}</t></si>`).join('');
  sst = sst
    .replace(/uniqueCount="\d+"/, `uniqueCount="${unique + strings.added.length}"`)
    .replace(/(<sst[^>]*\b)count="(\d+)"/, (_m, pre: string, n: string) => `${pre}count="${Number(n) + referenced}"`)
    .replace('</sst>', `${entries}</sst>`);
  files[sstFile] = strToU8(sst);
  return zip(Object.entries(files).filter(([name]) => !name.endsWith('/')));
}

/**
 * A zip archive (the xlsx container) deflated by Node's native zlib: four times the speed of a
 * JavaScript deflate on the tens of megabytes of XML a large plan makes. Level 1 for the big
 * sheets (speed), 6 for the rest. Fixed timestamps, so the same workbook gives the same bytes.
 */
function zip(entries: [string, Uint8Array][]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = zlib.deflateRawSync(data, { level: data.byteLength > 1_000_000 ? 1 : 6 });
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.byteLength, 18);
    local.writeUInt32LE(data.byteLength, 22);
    local.writeUInt16LE(nameBytes.byteLength, 26);
    local.writeUInt16LE(0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt16LE(0, 12);
    dir.writeUInt16LE(DOS_DATE, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(deflated.byteLength, 20);
    dir.writeUInt32LE(data.byteLength, 24);
    dir.writeUInt16LE(nameBytes.byteLength, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, deflated);
    central.push(dir, nameBytes);
    offset += local.byteLength + nameBytes.byteLength + deflated.byteLength;
  }
  const centralSize = central.reduce((n, p) => n + p.byteLength, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return concat([...parts, ...central, end]);
}
