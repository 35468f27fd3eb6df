import { readSheet } from '../platform/files/sheet.ts';
import { columnsSheet, workbook } from '../platform/files/xlsx.ts';
import type { listMarks } from './marks-list.service.ts';
import type { MarkInput } from './tracing.service.ts';

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
  const rows = await readSheet(buf, COLUMNS, ['idNumber', 'kind', 'since']);
  return rows.map((r) => ({ ...r, idNumber: r.idNumber ?? '', kind: r.kind ?? '', since: r.since ?? '' }));
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
