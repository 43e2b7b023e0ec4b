/** Helpers for the importer's tests: build workbooks and CSVs in memory. */
import * as XLSX from 'xlsx';
import type { CellValue } from '../../../shared/api/channels/import';

export function xlsxBytes(sheets: Record<string, CellValue[][]>, bookType: XLSX.BookType = 'xlsx'): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), name);
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType }) as Buffer);
}

export function csvBytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
