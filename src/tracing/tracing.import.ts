import { AppError, E, messagesOf } from '../platform/errors.ts';
import { readTable } from '../platform/files/table.ts';
import { columnsSheet, workbook } from '../platform/files/xlsx.ts';
import type { listMarks } from './marks-list.service.ts';
import type { MarkInput, MarkIssue } from './tracing.service.ts';

// Sheets come from tracing teams in either language; both headers name the same columns.
const COLUMNS: Record<string, keyof MarkInput> = {
  idNumber: 'idNumber',
  身份证号码: 'idNumber',
  kind: 'kind',
  类别: 'kind',
  since: 'since',
  时间: 'since',
  caseNo: 'caseNo',
  关联病例: 'caseNo',
  zone: 'zone',
  风险区: 'zone',
  origin: 'origin',
  来源地: 'origin',
  note: 'note',
  备注: 'note',
};

/** Reads a CSV/XLSX sheet of marks into records with their file rows; file-level problems refuse it whole. */
export async function readMarkSheet(buf: Buffer): Promise<Array<MarkInput & { row: number }>> {
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(buf);
  } catch (e) {
    throw new AppError(E.IMPORT_UNREADABLE, { reason: (e as Error).message });
  }
  const issues: MarkIssue[] = [];
  const keys = table.header.map((h) => COLUMNS[h.trim()]);
  table.header.forEach((h, i) => {
    if (!keys[i])
      issues.push({
        row: 1,
        column: h,
        code: 'IMPORT_UNKNOWN_COLUMN',
        message: messagesOf('IMPORT_UNKNOWN_COLUMN', { column: h }),
      });
  });
  for (const need of ['idNumber', 'kind', 'since'] as const)
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
    const rec: MarkInput & { row: number } = { row: r.row, idNumber: '', kind: '', since: '' };
    keys.forEach((k, i) => {
      if (k) rec[k] = (r.cells[i] ?? '').trim();
    });
    return rec;
  });
}

type Item = Awaited<ReturnType<typeof listMarks>>['items'][number];

/** The marks list as a workbook (masked identities, as on screen). */
export function marksWorkbook(items: Item[]): Promise<Buffer> {
  return workbook([
    columnsSheet<Item>(
      '流调标记 Marks',
      [
        ['姓名 Name', (r) => r.person.name],
        ['身份证号 ID', (r) => r.person.idNumber],
        ['区县 District', (r) => r.person.district],
        ['类别 Kind', (r) => r.kind],
        ['起算时间 Since', (r) => r.since],
        ['关联病例 Case', (r) => r.caseNo ?? ''],
        ['风险区 Zone', (r) => r.zone ?? ''],
        ['来源地 Origin', (r) => r.origin ?? ''],
        ['来源 Source', (r) => r.source],
        ['状态 Status', (r) => r.status],
        ['当前影响 Effect', (r) => r.effect ?? ''],
        ['原因 Reason', (r) => r.reason?.['zh-CN'] ?? r.closeReason ?? ''],
        ['核酸日期 PCR dates', (r) => r.schedule?.pcr.map((p) => p.date).join(' ') ?? ''],
        ['解除日期 Ends', (r) => r.schedule?.endsOn ?? ''],
      ],
      items,
      [10, 20, 10, 16, 24, 14, 12, 12, 12, 10, 10, 60, 40, 12],
    ),
  ]);
}
