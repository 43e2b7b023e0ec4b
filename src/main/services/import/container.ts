/**
 * Files that hold a spreadsheet rather than being one: a gzip (`staff.csv.gz`) or a zip
 * archive holding one spreadsheet (`workforce.zip` → `workforce.xlsx`). The file inside is
 * unpacked, never past a cap nor past a ratio no real spreadsheet reaches, and read as if it had
 * been chosen itself.
 */
import zlib from 'node:zlib';
import { LIMITS, ImportRefusal } from './limits';
import { entryData, inflateData, partName, readEntries } from './zip-guard';

const SPREADSHEET = /\.(xlsx|xlsm|xls|xlsb|ods|csv|tsv|txt)$/i;
/** What archives carry besides their files: folders, macOS resource forks, desktop files. */
const JUNK = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)|\/$/i;

const bomb = (fileName: string) =>
  new ImportRefusal(
    `"${fileName}" unpacks to more than ${Math.round(LIMITS.innerFileBytes / 1024 / 1024)} MB, or to more than ${LIMITS.zipRatio} times its size (a "zip bomb"): it was not read.`,
  );

export const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

/** The file inside a .gz: its bytes, and its name without ".gz". */
export function gunzip(bytes: Uint8Array, fileName: string): { bytes: Uint8Array; name: string } {
  const cap = Math.min(LIMITS.innerFileBytes, Math.max(1 << 20, LIMITS.zipRatio * bytes.length));
  let out: Uint8Array;
  try {
    out = zlib.gunzipSync(bytes, { maxOutputLength: cap + 1 });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw bomb(fileName);
    throw new ImportRefusal(`"${fileName}" is a damaged .gz file: it could not be unpacked. Unpack it with your archive tool and import the file inside.`);
  }
  if (out.length > cap) throw bomb(fileName);
  const name = fileName.replace(/\.(gz|gzip)$/i, '') || 'file';
  return { bytes: out, name: /\.[^.]+$/.test(name) ? name : `${name}.csv` };
}

/**
 * The one spreadsheet in a zip archive that is not itself a spreadsheet package; null when
 * the archive holds none. An archive of several files is refused with their names.
 */
export function singleSpreadsheet(bytes: Uint8Array, fileName: string): { bytes: Uint8Array; name: string } | null {
  const entries = readEntries(bytes, fileName).filter((e) => !JUNK.test(partName(e.name)));
  const sheets = entries.filter((e) => SPREADSHEET.test(e.name));
  if (sheets.length === 0) return null;
  if (sheets.length > 1) {
    const names = sheets.slice(0, 4).map((e) => `"${partName(e.name).replace(/^.*\//, '')}"`);
    throw new ImportRefusal(
      `"${fileName}" is a zip archive holding ${sheets.length} spreadsheets (${names.join(', ')}${sheets.length > 4 ? ', …' : ''}): unpack it and import them one at a time.`,
    );
  }
  const e = sheets[0]!;
  const data = entryData(bytes, e, fileName);
  const cap = Math.min(LIMITS.innerFileBytes, Math.max(1 << 20, LIMITS.zipRatio * data.length));
  let out: Uint8Array;
  try {
    out = inflateData(data, e.method, cap, fileName);
  } catch (err) {
    if (err instanceof ImportRefusal) throw err;
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw bomb(fileName);
    throw new ImportRefusal(`"${fileName}" is damaged (the file inside could not be unpacked). Unpack it with your archive tool and import the file inside.`);
  }
  if (out.length > cap) throw bomb(fileName);
  return { bytes: out, name: partName(e.name).replace(/^.*\//, '') };
}
