import { AppError, E, messagesOf } from '../errors.ts';
import { readTable } from './table.ts';

/** A problem with one row of an imported sheet (row 1 is the header), with its catalogued message. */
export interface SheetIssue {
  row: number;
  column: string;
  code: string;
  message: Record<'zh-CN' | 'en', string>;
}

/**
 * Reads a CSV/XLSX sheet into records keyed by `columns` (header text in either language → key),
 * each with its file row; blank rows are skipped. An unreadable file, an unknown or missing column,
 * or no data refuses the file whole, every problem listed.
 */
export async function readSheet<K extends string>(
  buf: Buffer,
  columns: Record<string, K>,
  required: readonly K[],
): Promise<Array<Partial<Record<K, string>> & { row: number }>> {
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(buf);
  } catch (e) {
    // A CSV in no known encoding names its row, like every other problem of a sheet.
    if (e instanceof AppError) {
      const row = Number(e.params.row ?? 1);
      const issue = { row, column: '', code: e.code, message: messagesOf(e.code, e.params) };
      throw new AppError(E.IMPORT_INVALID, { count: 1 }, { issues: [issue] });
    }
    throw new AppError(E.IMPORT_UNREADABLE, { reason: (e as Error).message });
  }
  const issues: SheetIssue[] = [];
  const keys = table.header.map((h) => columns[h]);
  table.header.forEach((h, i) => {
    if (!keys[i])
      issues.push({
        row: 1,
        column: h,
        code: 'IMPORT_UNKNOWN_COLUMN',
        message: messagesOf('IMPORT_UNKNOWN_COLUMN', { column: h }),
      });
  });
  for (const need of required)
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
  // A plain loop: a year of grid readings is millions of rows, and a closure per row shows.
  const out: Array<Partial<Record<K, string>> & { row: number }> = new Array(rows.length);
  for (let n = 0; n < rows.length; n++) {
    const r = rows[n] as (typeof rows)[number];
    const rec: Record<string, string | number> = { row: r.row };
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k) rec[k] = (r.cells[i] ?? '').trim();
    }
    out[n] = rec as Partial<Record<K, string>> & { row: number };
  }
  return out;
}
