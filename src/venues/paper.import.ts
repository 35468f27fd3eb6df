import { readSheet } from '../platform/files/sheet.ts';
import type { PaperRecord } from './paper.service.ts';

// Sheets come from the door in either language; both headers name the same columns.
const COLUMNS: Record<string, keyof PaperRecord> = {
  venue: 'venue',
  场所编码: 'venue',
  at: 'at',
  时间: 'at',
  登记时间: 'at',
  idNumber: 'idNumber',
  身份证号码: 'idNumber',
  name: 'name',
  姓名: 'name',
  phone: 'phone',
  电话: 'phone',
  联系电话: 'phone',
};

/** Reads a CSV/XLSX paper sheet into records with their file rows; file-level problems refuse it whole. */
export async function readPaperSheet(buf: Buffer): Promise<Array<PaperRecord & { row: number }>> {
  const rows = await readSheet(buf, COLUMNS, ['venue', 'at']);
  return rows.map((r) => ({ ...r, venue: r.venue ?? '', at: r.at ?? '' }));
}
