import { workbook } from '../platform/files/xlsx.ts';
import type { venueStats } from './venues.service.ts';

type Stats = Awaited<ReturnType<typeof venueStats>>;

/** The statistics screen as a workbook: per hour, per reason, per venue, and the unusual venues. */
export async function statsWorkbook(s: Stats, reasonName: (code: string) => string): Promise<Buffer> {
  const widths = [22, 14];
  const sheet = (name: string, header: string[], rows: unknown[][]) => ({ name, header, rows, widths });
  const hours = sheet(
    '按小时 By hour',
    ['小时 Hour', '扫码 Scans', '拒绝 Denied'],
    s.byHour.map((h) => [h.hour, h.scans, h.denied]),
  );
  const reasons = sheet(
    '拒绝原因 Reasons',
    ['原因 Reason', '代码 Code', '次数 Count'],
    s.byReason.map((r) => [reasonName(r.code), r.code, r.n]),
  );
  const venueRows = (vs: Stats['busiest']) =>
    vs.map((v) => [v.name, v.code, v.category, v.status, v.scans, v.denied, v.scans ? v.denied / v.scans : 0]);
  const venueHeader = [
    '场所 Venue',
    '编码 Code',
    '类别 Category',
    '状态 Status',
    '扫码 Scans',
    '拒绝 Denied',
    '拒绝率 Rate',
  ];
  const busiest = sheet('扫码最多 Busiest', venueHeader, venueRows(s.busiest));
  const unusual = sheet(
    '异常场所 Unusual',
    [...venueHeader, '同类拒绝率 Category rate', '说明 Why'],
    s.unusual.map((v) => [...(venueRows([v])[0] ?? []), v.expectedRate, v.why]),
  );
  return workbook([hours, reasons, busiest, unusual]);
}
