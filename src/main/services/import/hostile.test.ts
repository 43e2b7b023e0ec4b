/**
 * Hostile files (docs/ARCHITECTURE.md, "Hostile files"): each ends in one clear message, never a crash or a hang,
 * and the importer keeps working afterwards.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { ImportSessions } from './service';
import { csvBytes, xlsxBytes } from './test-support';

interface Cfb {
  utils: { cfb_new(): unknown; cfb_add(cfb: unknown, name: string, data: Buffer): void };
  write(cfb: unknown, options: { type: 'buffer' }): Buffer;
}

const sessions = new ImportSessions();
afterAll(() => sessions.closeAll());

/** A minimal xlsx whose first sheet's XML is `sheetXml`. */
function xlsxWithSheet(sheetXml: string, extra: Record<string, Uint8Array> = {}, level: 1 | 9 = 9): Uint8Array {
  const parts = unzipSync(
    xlsxBytes({
      S: [
        ['Org Code', 'FTE'],
        ['RBD', 1],
      ],
    }),
  );
  parts['xl/worksheets/sheet1.xml'] = strToU8(sheetXml);
  return zipSync({ ...parts, ...extra }, { level });
}

function sheetXml(rowsXml: string, dimension = 'A1:B2'): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="${dimension}"/><sheetData>${rowsXml}</sheetData></worksheet>`;
}

async function refusal(bytes: Uint8Array, name: string): Promise<string> {
  const started = Date.now();
  try {
    await sessions.load(bytes, name);
  } catch (err) {
    expect(Date.now() - started).toBeLessThan(20_000);
    return (err as Error).message;
  }
  throw new Error(`${name} was not refused`);
}

describe('hostile files', () => {
  it('refuses a zip bomb generated with zlib (counted while inflating, not from declared sizes)', async () => {
    // 300 MB of zeros deflates to ~300 KB; the zip then claims a tiny uncompressed size.
    const huge = zlib.deflateRawSync(Buffer.alloc(300 * 1024 * 1024), { level: 9 });
    const parts = unzipSync(xlsxBytes({ S: [['a']] }));
    const normal = zipSync({ ...parts, 'xl/worksheets/sheet1.xml': new Uint8Array(0) }, { level: 0 });
    // Splice the raw deflate stream in as a stored-then-relabelled entry by building the zip by hand.
    const bomb = handZip([
      ...Object.entries(parts)
        .filter(([n]) => n !== 'xl/worksheets/sheet1.xml')
        .map(([n, d]) => ({ name: n, data: zlib.deflateRawSync(d), size: d.length })),
      { name: 'xl/worksheets/sheet1.xml', data: huge, size: 1234 },
    ]);
    expect(normal.length).toBeGreaterThan(0);
    expect(await refusal(bomb, 'bomb.xlsx')).toMatch(/unpacks to more than 150 times its size \(a "zip bomb"\)/);
  });

  it('refuses a workbook whose compressed sheet is cut short, as damaged', async () => {
    const parts = unzipSync(
      xlsxBytes({
        S: [
          ['Org Code', 'FTE'],
          ['RBD', 1],
        ],
      }),
    );
    const sheet = zlib.deflateRawSync(parts['xl/worksheets/sheet1.xml']!);
    const cut = handZip(
      Object.entries(parts).map(([n, d]) =>
        n === 'xl/worksheets/sheet1.xml'
          ? { name: n, data: sheet.subarray(0, sheet.length >> 1), size: d.length }
          : { name: n, data: zlib.deflateRawSync(d), size: d.length },
      ),
    );
    expect(await refusal(cut, 'cut.xlsx')).toMatch(/is damaged \(a compressed part could not be unpacked\)/);
  });

  it('refuses XML entity expansion (billion laughs)', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`;
    expect(await refusal(xlsxWithSheet(laughs), 'laughs.xlsx')).toMatch(/DOCTYPE or ENTITY/);
  });

  it('ignores a declared dimension of a whole sheet and reads the cells that are there', async () => {
    const rows =
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Org Code</t></is></c><c r="B1" t="inlineStr"><is><t>FTE</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>RBD</t></is></c><c r="B2"><v>3</v></c></row>';
    const loaded = await sessions.load(xlsxWithSheet(sheetXml(rows, 'A1:XFD1048576')), 'declared.xlsx');
    expect(loaded.sheets).toEqual([{ name: 'S', rows: 2, columns: 2 }]);
  });

  it('refuses a sheet of a million rows with one message', async () => {
    const parts: string[] = [];
    for (let r = 1; r <= 1_048_576; r++) parts.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
    const message = await refusal(xlsxWithSheet(sheetXml(parts.join(''), 'A1:A1048576'), {}, 1), 'million.xlsx');
    expect(message).toBe(
      'Sheet "S" of "million.xlsx" has more than 300,000 rows (its last is row 1,048,576), the most the importer reads from a workbook. Save the sheet as CSV (which is read in a stream, up to 2,000,000 rows) or split it.',
    );
  }, 60_000);

  it('refuses a workbook of 500 sheets', async () => {
    const sheets: Record<string, (string | number)[][]> = {};
    for (let i = 1; i <= 500; i++) sheets[`S${i}`] = [[i]];
    expect(await refusal(xlsxBytes(sheets), 'many.xlsx')).toMatch(/has 500 sheets; the importer reads workbooks of up to 200/);
  });

  it('refuses encrypted and password-protected files', async () => {
    // An "encrypted xlsx" is a compound file holding these two streams.
    const CFB = (XLSX as unknown as { CFB: Cfb }).CFB;
    const cfb = CFB.utils.cfb_new();
    CFB.utils.cfb_add(cfb, 'EncryptionInfo', Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
    CFB.utils.cfb_add(cfb, 'EncryptedPackage', Buffer.alloc(64, 7));
    const bytes = new Uint8Array(CFB.write(cfb, { type: 'buffer' }));
    expect(await refusal(bytes, 'secret.xlsx')).toMatch(/password-protected|could not be read/);
    const xor = fs.readFileSync('/work/shared/fixtures/spreadsheets/sheetjs/biff5/password_2002_40_xor.xls');
    let message = '';
    try {
      await sessions.load(xor, 'password_2002_40_xor.xls');
    } catch (err) {
      message = (err as Error).message;
    }
    // SheetJS can read this old XOR-obfuscated file; if it cannot, the message must be the clear one.
    if (message) expect(message).toMatch(/password-protected|could not be read/);
  });

  it('refuses files that are not spreadsheets', async () => {
    expect(await refusal(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), 'photo.xlsx')).toMatch(/is not a spreadsheet/);
    expect(await refusal(zipSync({ 'word/document.xml': strToU8('<w/>'), '[Content_Types].xml': strToU8('<Types/>') }), 'letter.xlsx')).toMatch(
      /zip archive but not a spreadsheet/,
    );
    expect(await refusal(strToU8('{"a":1}'), 'data.json')).toMatch(/\.json file, which the importer does not read/);
    expect(await refusal(new Uint8Array(0), 'empty.csv')).toMatch(/is empty/);
  });

  it('refuses __proto__, constructor and prototype headers, and nothing is polluted', async () => {
    for (const h of ['__proto__', 'constructor', 'prototype']) {
      const loaded = await sessions.load(csvBytes(`Org Code,${h},FTE\nRBD,{"polluted":1},1\n`), 'proto.csv');
      const { analyseImport } = await import('./service');
      const { demoSession } = await import('../../../../tests/support/plans');
      const s = demoSession();
      await expect(analyseImport(s.db, loaded, 'baseline')).rejects.toThrow(`a column headed "${h}"`);
      s.db.close();
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('stops a read past its time limit, and runs out of memory cleanly under a small heap', async () => {
    const hchs = fs.readFileSync(`/work/shared/data/nhs/${fs.readdirSync('/work/shared/data/nhs').find((n) => n.startsWith('hchs'))!}`);
    const slow = new ImportSessions({ stepMs: 50 });
    await expect(slow.load(hchs, 'hchs.xlsx')).rejects.toThrow(/took longer than 0 seconds and was stopped|took longer than/);
    const small = new ImportSessions({ heapMb: 24 });
    await expect(small.load(hchs, 'hchs.xlsx')).rejects.toThrow(/needs more memory to read than the importer allows|stopped/);
    // The importer still works after both.
    const ok = await sessions.load(csvBytes('Org Code,FTE\nRBD,1\n'), 'fine.csv');
    expect(ok.sheets[0]!.name).toBe('fine');
  }, 60_000);
});

/** Builds a zip by hand so that the declared sizes can lie. */
function handZip(entries: { name: string; data: Uint8Array; size: number }[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    chunks.push(local, name, Buffer.from(e.data));
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(e.data.length, 20);
    c.writeUInt32LE(e.size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, cd, end]));
}
