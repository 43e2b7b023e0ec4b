/**
 * Inspects a zip container (xlsx, xlsm, xlsb, ods) before SheetJS sees it: entry count, each
 * entry's and the total uncompressed size, and the compression ratio. The sizes a zip declares
 * can lie, so each part is inflated (natively, never past the most it may unpack to) and its real
 * size counted. XML parts with a DOCTYPE or ENTITY declaration (entity expansion, "billion
 * laughs") are refused. A part is held unpacked only while it is checked: SheetJS, which reads it
 * next, needs several times that.
 */
import zlib from 'node:zlib';
import { LIMITS, ImportRefusal } from './limits';

export type ZipKind = 'xlsx' | 'xlsb' | 'ods' | 'numbers' | 'other';

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  localOffset: number;
}

function readEntries(bytes: Uint8Array, fileName: string): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: the last 22 bytes plus a comment of up to 64 KB.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  const broken = new ImportRefusal(`"${fileName}" looks like a zip-based spreadsheet but its contents are damaged. Open it in Excel, save it again as .xlsx, and import that copy.`);
  if (eocd < 0) throw broken;
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  if (count === 0xffff || p === 0xffffffff) {
    throw new ImportRefusal(`"${fileName}" is a zip64 archive, which spreadsheets never need: it was not read. Save it again from Excel as .xlsx.`);
  }
  if (count > LIMITS.zipEntries) {
    throw new ImportRefusal(`"${fileName}" holds ${count.toLocaleString('en-GB')} parts, more than the ${LIMITS.zipEntries.toLocaleString('en-GB')} a spreadsheet needs: it was not read.`);
  }
  const entries: Entry[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw broken;
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    entries.push({ name, method, flags, compressedSize, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

const DANGEROUS = /<!(DOCTYPE|ENTITY)/i;

const sizeBomb = (fileName: string) =>
  new ImportRefusal(`"${fileName}" expands to more than ${Math.round(Math.min(LIMITS.zipEntryBytes, LIMITS.zipTotalBytes) / 1024 / 1024)} MB when unpacked (a "zip bomb"): it was not read.`);
const ratioBomb = (fileName: string) => new ImportRefusal(`"${fileName}" unpacks to more than ${LIMITS.zipRatio} times its size (a "zip bomb"): it was not read.`);

/** Throws ImportRefusal unless the archive is safe to hand to SheetJS; returns what it holds. */
export function inspectZip(bytes: Uint8Array, fileName: string): { kind: ZipKind; sheetParts: number } {
  const entries = readEntries(bytes, fileName);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let totalCompressed = 0;
  let sheetParts = 0;
  const latin = new TextDecoder('latin1');
  let kind: ZipKind = 'other';
  const names = new Set(entries.map((e) => e.name));
  if (names.has('EncryptionInfo') || names.has('EncryptedPackage')) {
    throw new ImportRefusal(`"${fileName}" is password-protected. Remove the password in Excel (File → Info → Protect Workbook), save, and import again.`);
  }
  if (names.has('[Content_Types].xml') && [...names].some((n) => n.startsWith('xl/'))) kind = [...names].some((n) => n.endsWith('.bin') && n.startsWith('xl/')) ? 'xlsb' : 'xlsx';
  else if (names.has('content.xml') && !names.has('word/document.xml')) kind = 'ods';
  else if ([...names].some((n) => n.endsWith('.iwa'))) kind = 'numbers';

  for (const e of entries) {
    if (/^xl\/worksheets\/sheet\d+\.(xml|bin)$/.test(e.name)) sheetParts++;
    if (e.flags & 1) throw new ImportRefusal(`"${fileName}" is encrypted. Remove the password, save, and import again.`);
    if (e.localOffset + 30 > bytes.length || view.getUint32(e.localOffset, true) !== 0x04034b50) {
      throw new ImportRefusal(`"${fileName}" is damaged (a part of it is missing). Open it in Excel, save it again, and import that copy.`);
    }
    const start = e.localOffset + 30 + view.getUint16(e.localOffset + 26, true) + view.getUint16(e.localOffset + 28, true);
    const end = Math.min(bytes.length, start + e.compressedSize);
    const data = bytes.subarray(start, end);
    totalCompressed += data.length;
    let out: Uint8Array;
    if (e.method === 0) out = data;
    else if (e.method === 8) {
      // Inflated natively, never past the most a part may unpack to: the sizes the archive
      // declares are not trusted, the bytes that come out are counted.
      const byRatio = Math.max(1 << 20, LIMITS.zipRatio * Math.max(1, data.length));
      const cap = Math.min(LIMITS.zipEntryBytes, LIMITS.zipTotalBytes - total, byRatio);
      try {
        out = zlib.inflateRawSync(data, { maxOutputLength: cap + 1 });
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw cap === byRatio ? ratioBomb(fileName) : sizeBomb(fileName);
        throw new ImportRefusal(`"${fileName}" is damaged (a compressed part could not be unpacked). Open it in Excel, save it again, and import that copy.`);
      }
    } else {
      throw new ImportRefusal(`"${fileName}" uses a compression method (${e.method}) that spreadsheets do not use: it was not read.`);
    }
    total += out.length;
    // A stored part is not capped while inflating: its size is checked here (the cap above
    // already holds a deflated one to both limits).
    if (out.length > LIMITS.zipEntryBytes || total > LIMITS.zipTotalBytes) throw sizeBomb(fileName);
    // Only the start of a part can hold a DOCTYPE; scanning the rest would just cost time.
    if (/\.(xml|rels|vml)$/i.test(e.name) && DANGEROUS.test(latin.decode(out.subarray(0, 1 << 20)))) {
      throw new ImportRefusal(`"${fileName}" contains an XML DOCTYPE or ENTITY declaration, which spreadsheets never need and which can be used to attack the app: it was not read.`);
    }
  }
  if (total > 10 * 1024 * 1024 && total > LIMITS.zipRatio * Math.max(1, totalCompressed)) {
    throw ratioBomb(fileName);
  }
  if (sheetParts > LIMITS.sheets) {
    throw new ImportRefusal(`"${fileName}" has ${sheetParts} sheets; the importer reads workbooks of up to ${LIMITS.sheets}. Copy the sheet you need into a new workbook and import that.`);
  }
  return { kind, sheetParts };
}
