import { AppError, E, messagesOf } from '../platform/errors.ts';
import { readTable } from '../platform/files/table.ts';
import type { PaperIssue, PaperRecord } from './paper.service.ts';

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
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(buf);
  } catch (e) {
    throw new AppError(E.IMPORT_UNREADABLE, { reason: (e as Error).message });
  }
  const issues: PaperIssue[] = [];
  const keys = table.header.map((h) => COLUMNS[h]);
  table.header.forEach((h, i) => {
    if (!keys[i])
      issues.push({
        row: 1,
        column: h,
        code: 'IMPORT_UNKNOWN_COLUMN',
        message: messagesOf('IMPORT_UNKNOWN_COLUMN', { column: h }),
      });
  });
  for (const need of ['venue', 'at'] as const)
    if (!keys.includes(need))
      issues.push({
        row: 1,
        column: need,
        code: 'IMPORT_MISSING_COLUMN',
        message: messagesOf('IMPORT_MISSING_COLUMN', { column: need }),
      });
  const rows = table.rows.filter((r) => r.cells.some((c) => c.trim()));
  if (!rows.length) issues.push({ row: 1, column: '', code: 'IMPORT_EMPTY', message: messagesOf('IMPORT_EMPTY') });
  if (issues.length) throw new AppError(E.IMPORT_INVALID, { count: issues.length }, { issues });
  return rows.map((r) => {
    const rec: PaperRecord & { row: number } = { row: r.row, venue: '', at: '' };
    keys.forEach((k, i) => {
      if (k) rec[k] = (r.cells[i] ?? '').trim();
    });
    return rec;
  });
}
