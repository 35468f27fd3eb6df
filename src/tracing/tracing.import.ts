import { divisionOf } from '../geo/geo.data.ts';
import { beijingTime } from '../platform/dates.ts';
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

// The export names things as the screen does (in Chinese, the sheet's headers are bilingual), never by code.
const KIND_ZH: Record<string, string> = {
  'close-contact': '密接',
  'secondary-contact': '次密接',
  'trace-list': '协查名单',
  'left-zone': '离开风险区',
  'fever-clinic': '发热门诊',
  arrival: '来榕人员',
};
const SOURCE_ZH: Record<string, string> = { manual: '人工', import: '导入', 'co-presence': '时空伴随' };
const STATUS_ZH: Record<string, string> = { active: '有效', withdrawn: '已撤销', ended: '已结束' };
const EFFECT_ZH: Record<string, string> = { red: '红码', yellow: '黄码', green: '绿码（弹窗）', cleared: '已转绿' };

type Item = Awaited<ReturnType<typeof listMarks>>['items'][number];

/** The marks list as a workbook (masked identities, as on screen). */
export function marksWorkbook(items: Item[]): Promise<Buffer> {
  return workbook([
    columnsSheet<Item>(
      '流调标记 Marks',
      [
        ['姓名 Name', (r) => r.person.name],
        ['身份证号 ID', (r) => r.person.idNumber],
        ['区县 District', (r) => divisionOf(r.person.district)?.name ?? r.person.district],
        ['类别 Kind', (r) => KIND_ZH[r.kind] ?? r.kind],
        ['起算时间（北京时间） Since (UTC+8)', (r) => beijingTime(r.since)],
        ['关联病例 Case', (r) => r.caseNo ?? ''],
        ['风险区 Zone', (r) => r.zone ?? ''],
        ['来源地 Origin', (r) => r.origin ?? ''],
        ['来源 Source', (r) => SOURCE_ZH[r.source] ?? r.source],
        ['状态 Status', (r) => STATUS_ZH[r.status] ?? r.status],
        ['当前影响 Effect', (r) => (r.effect ? (EFFECT_ZH[r.effect] ?? r.effect) : '')],
        ['原因 Reason', (r) => r.reason?.['zh-CN'] ?? r.closeReason ?? ''],
        ['核酸日期 PCR dates', (r) => r.schedule?.pcr.map((p) => p.date).join(' ') ?? ''],
        ['解除日期 Ends', (r) => r.schedule?.endsOn ?? ''],
      ],
      items,
      [10, 20, 10, 16, 24, 14, 12, 12, 12, 10, 10, 60, 40, 12],
    ),
  ]);
}
