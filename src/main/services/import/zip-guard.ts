/**
 * Inspects a zip container (xlsx, xlsm, xlsb, ods) before SheetJS sees it: entry count, each
 * entry's and the total uncompressed size, and the compression ratio. The sizes a zip declares
 * can lie, so each part is inflated (natively, never past the most it may unpack to) and its real
 * size counted. XML parts with a DOCTYPE or ENTITY declaration (entity expansion, "billion
 * laughs") or nested deeper than any spreadsheet needs are refused, and so are the bombs that
 * are small until expanded: OpenDocument rows or cells repeated a billion times, run-away shared
 * strings. A part is held unpacked only while it is checked: SheetJS, which reads it next, needs
 * several times that.
 *
 * What the package is comes from its own description, as Excel reads it: the part
 * `_rels/.rels` names as the office document, and that part's type in `[Content_Types].xml`,
 * wherever the parts are and whichever separator their names use.
 */
import zlib from 'node:zlib';
import { LIMITS, ImportRefusal } from './limits';
import { checkOdsRepeats, countSharedStrings, countStringCells, lastRowNumber, sharedStringsRunAway, xmlDeeperThan } from './xml-guard';

export type ZipKind = 'xlsx' | 'xlsb' | 'ods' | 'numbers' | 'other';

export interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  localOffset: number;
}

export function readEntries(bytes: Uint8Array, fileName: string): Entry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: the last 22 bytes plus a comment of up to 64 KB.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  const broken = new ImportRefusal(
    `"${fileName}" looks like a zip-based spreadsheet but its contents are damaged. Open it in Excel, save it again as .xlsx, and import that copy.`,
  );
  if (eocd < 0) throw broken;
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  if (count === 0xffff || p === 0xffffffff) {
    throw new ImportRefusal(`"${fileName}" is a zip64 archive, which spreadsheets never need: it was not read. Save it again from Excel as .xlsx.`);
  }
  if (count > LIMITS.zipEntries) {
    throw new ImportRefusal(
      `"${fileName}" holds ${count.toLocaleString('en-GB')} parts, more than the ${LIMITS.zipEntries.toLocaleString('en-GB')} a spreadsheet needs: it was not read.`,
    );
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
  new ImportRefusal(
    `"${fileName}" expands to more than ${Math.round(Math.min(LIMITS.zipEntryBytes, LIMITS.zipTotalBytes) / 1024 / 1024)} MB when unpacked (a "zip bomb"): it was not read.`,
  );
const ratioBomb = (fileName: string) =>
  new ImportRefusal(`"${fileName}" unpacks to more than ${LIMITS.zipRatio} times its size (a "zip bomb"): it was not read.`);

/** A part's name as a package path: forward slashes, no leading slash, lower case for matching. */
export const partName = (name: string): string => name.replace(/\\/g, '/').replace(/^\/+/, '');

/** An entry's bytes as stored (compressed or not). */
export function entryData(bytes: Uint8Array, e: Entry, fileName: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (e.localOffset + 30 > bytes.length || view.getUint32(e.localOffset, true) !== 0x04034b50) {
    throw new ImportRefusal(`"${fileName}" is damaged (a part of it is missing). Open it in Excel, save it again, and import that copy.`);
  }
  const start = e.localOffset + 30 + view.getUint16(e.localOffset + 26, true) + view.getUint16(e.localOffset + 28, true);
  return bytes.subarray(start, Math.min(bytes.length, start + e.compressedSize));
}

/** Unpacks an entry's stored bytes, never past `cap` (ERR_BUFFER_TOO_LARGE past it). */
export function inflateData(data: Uint8Array, method: number, cap: number, fileName: string): Uint8Array {
  if (method === 0) return data;
  if (method !== 8) throw new ImportRefusal(`"${fileName}" uses a compression method (${method}) that spreadsheets do not use: it was not read.`);
  return zlib.inflateRawSync(data, { maxOutputLength: cap + 1 });
}

const PASSWORD_ODS = (fileName: string) =>
  new ImportRefusal(
    `"${fileName}" is password-protected. Open it in LibreOffice, save a copy without the password (File → Save As, untick "Save with password"), and import that.`,
  );

/** The kind of an OOXML package, from the office document its relationships name and that part's content type. */
function ooxmlKind(contentTypes: string, rels: string): ZipKind {
  const target = /<Relationship\b[^>]*\bType="[^"]*\/officeDocument"[^>]*>/i.exec(rels)?.[0];
  const part = target ? /\bTarget="([^"]+)"/i.exec(target)?.[1] : undefined;
  if (!part) return 'other';
  const name = `/${partName(part)}`.toLowerCase();
  const override = [...contentTypes.matchAll(/<Override\b[^>]*>/gi)].find(
    (m) => /\bPartName="([^"]+)"/i.exec(m[0])?.[1]?.replace(/\\/g, '/').toLowerCase() === name,
  )?.[0];
  const ext = /\.([a-z0-9]+)$/.exec(name)?.[1];
  const byDefault = ext
    ? [...contentTypes.matchAll(/<Default\b[^>]*>/gi)].find((m) => /\bExtension="([^"]+)"/i.exec(m[0])?.[1]?.toLowerCase() === ext)?.[0]
    : undefined;
  const type = /\bContentType="([^"]+)"/i.exec(override ?? byDefault ?? '')?.[1] ?? '';
  if (
    /spreadsheetml\.sheet\.main|spreadsheetml\.template\.main|ms-excel\.sheet\.macroEnabled\.main|ms-excel\.template\.macroEnabled\.main|ms-excel\.addin\.macroEnabled\.main/i.test(
      type,
    )
  )
    return 'xlsx';
  if (/ms-excel\.sheet\.binary\.macroEnabled\.main/i.test(type)) return 'xlsb';
  return 'other';
}

/** The name a workbook gives the worksheet stored in `part`, through the workbook's relationships; null when unknown. */
function sheetNameOfPart(workbookXml: string, workbookRels: string, part: string): string | null {
  const file = part.replace(/^.*\//, '');
  const rel = [...workbookRels.matchAll(/<Relationship\b[^>]*>/gi)]
    .map((m) => m[0])
    .find((r) => /\bTarget="([^"]+)"/i.exec(r)?.[1]?.replace(/\\/g, '/').replace(/^.*\//, '') === file);
  const id = rel ? /\bId="([^"]+)"/.exec(rel)?.[1] : undefined;
  if (!id) return null;
  const sheet = [...workbookXml.matchAll(/<sheet\b[^>]*>/gi)].map((m) => m[0]).find((x) => new RegExp(`\\br:id="${id.replace(/[^\w]/g, '')}"`).test(x));
  const name = sheet ? /\bname="([^"]*)"/.exec(sheet)?.[1] : undefined;
  return name === undefined
    ? null
    : name
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'");
}

/** Throws ImportRefusal unless the archive is safe to hand to SheetJS; returns what it holds. */
export function inspectZip(bytes: Uint8Array, fileName: string): { kind: ZipKind; sheetParts: number } {
  const entries = readEntries(bytes, fileName);
  let total = 0;
  let totalCompressed = 0;
  let sheetParts = 0;
  const latin = new TextDecoder('latin1');
  const names = new Set(entries.map((e) => partName(e.name)));
  if (names.has('EncryptionInfo') || names.has('EncryptedPackage')) {
    throw new ImportRefusal(`"${fileName}" is password-protected. Remove the password in Excel (File → Info → Protect Workbook), save, and import again.`);
  }
  const ods = names.has('content.xml') && !names.has('word/document.xml');
  // The manifest first (an encrypted OpenDocument file says so there, and its parts cannot be
  // unpacked), then the shared strings (the sheets' string cells are counted only when there are many).
  const rank = (e: Entry) => (partName(e.name) === 'META-INF/manifest.xml' ? 0 : /(^|\/)sharedStrings\.xml$/i.test(partName(e.name)) ? 1 : 2);
  const order = [...entries].sort((a, b) => rank(a) - rank(b));
  let contentTypes = '';
  let rels = '';
  let sharedStrings = 0;
  let stringCells = 0;
  let workbookXml = '';
  let workbookRels = '';
  const farSheets: { part: string; last: number }[] = [];
  for (const e of order) {
    const name = partName(e.name);
    if (/(^|\/)worksheets\/sheet\d+\.(xml|bin)$/i.test(name)) sheetParts++;
    if (e.flags & 1) throw new ImportRefusal(`"${fileName}" is encrypted. Remove the password, save, and import again.`);
    const data = entryData(bytes, e, fileName);
    totalCompressed += data.length;
    // Inflated natively, never past the most a part may unpack to: the sizes the archive
    // declares are not trusted, the bytes that come out are counted.
    const byRatio = Math.max(1 << 20, LIMITS.zipRatio * Math.max(1, data.length));
    const cap = Math.min(LIMITS.zipEntryBytes, LIMITS.zipTotalBytes - total, byRatio);
    let out: Uint8Array;
    try {
      out = inflateData(data, e.method, cap, fileName);
    } catch (err) {
      if (err instanceof ImportRefusal) throw err;
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw cap === byRatio ? ratioBomb(fileName) : sizeBomb(fileName);
      throw new ImportRefusal(`"${fileName}" is damaged (a compressed part could not be unpacked). Open it in Excel, save it again, and import that copy.`);
    }
    total += out.length;
    // A stored part is not capped while inflating: its size is checked here (the cap above
    // already holds a deflated one to both limits).
    if (out.length > LIMITS.zipEntryBytes || total > LIMITS.zipTotalBytes) throw sizeBomb(fileName);
    if (!/\.(xml|rels|vml)$/i.test(name)) continue;
    // Only the start of a part can hold a DOCTYPE; scanning the rest would just cost time.
    const head = latin.decode(out.subarray(0, 1 << 20));
    if (DANGEROUS.test(head)) {
      throw new ImportRefusal(
        `"${fileName}" contains an XML DOCTYPE or ENTITY declaration, which spreadsheets never need and which can be used to attack the app: it was not read.`,
      );
    }
    if (name === 'META-INF/manifest.xml' && /<manifest:encryption-data\b/.test(latin.decode(out))) throw PASSWORD_ODS(fileName);
    if (name === '[Content_Types].xml') contentTypes = latin.decode(out);
    if (name === '_rels/.rels') rels = latin.decode(out);
    if (xmlDeeperThan(out, LIMITS.xmlDepth)) {
      throw new ImportRefusal(
        `"${fileName}" has XML nested more than ${LIMITS.xmlDepth} levels deep in "${name}", which no spreadsheet needs: it was not read.`,
      );
    }
    if (ods && name === 'content.xml') checkOdsRepeats(out, fileName);
    if (/(^|\/)sharedStrings\.xml$/i.test(name)) sharedStrings = countSharedStrings(out);
    if (/(^|\/)worksheets\/sheet\d+\.xml$/i.test(name)) {
      if (sharedStrings > 10_000) stringCells += countStringCells(out);
      // Rows past the cap would be dropped by the reader without a word: refused instead, before they are expanded.
      const last = lastRowNumber(out);
      if (last > LIMITS.sheetRows) farSheets.push({ part: name, last });
    }
    if (/(^|\/)workbook\.xml$/i.test(name)) workbookXml = latin.decode(out);
    if (/(^|\/)_rels\/workbook\.xml\.rels$/i.test(name)) workbookRels = latin.decode(out);
  }
  if (farSheets.length > 0) {
    const far = farSheets[0]!;
    const sheet = sheetNameOfPart(workbookXml, workbookRels, far.part);
    throw new ImportRefusal(
      `${sheet ? `Sheet "${sheet}" of "${fileName}"` : `A sheet of "${fileName}"`} has more than ${LIMITS.sheetRows.toLocaleString('en-GB')} rows (its last is row ${far.last.toLocaleString('en-GB')}), the most the importer reads from a workbook. Save the sheet as CSV (which is read in a stream, up to ${LIMITS.csvRows.toLocaleString('en-GB')} rows) or split it.`,
    );
  }
  if (sharedStringsRunAway(sharedStrings, stringCells)) {
    throw new ImportRefusal(
      `"${fileName}" holds ${sharedStrings.toLocaleString('en-GB')} pieces of text for ${stringCells.toLocaleString('en-GB')} cells of text (run-away shared strings): it was not read. Save the sheet you need as CSV and import that.`,
    );
  }
  if (total > 10 * 1024 * 1024 && total > LIMITS.zipRatio * Math.max(1, totalCompressed)) {
    throw ratioBomb(fileName);
  }
  if (sheetParts > LIMITS.sheets) {
    throw new ImportRefusal(
      `"${fileName}" has ${sheetParts} sheets; the importer reads workbooks of up to ${LIMITS.sheets}. Copy the sheet you need into a new workbook and import that.`,
    );
  }
  let kind: ZipKind = 'other';
  if (contentTypes !== '') kind = ooxmlKind(contentTypes, rels);
  else if (ods) kind = 'ods';
  else if ([...names].some((n) => n.endsWith('.iwa'))) kind = 'numbers';
  return { kind, sheetParts };
}
