import { columnsSheet, workbook } from '../platform/files/xlsx.ts';
import type { PowerOverview } from './economy.schema.ts';

const pct = (x: number | null) => (x === null ? '' : Math.round(x * 1000) / 10);
const kwh = (x: number | null) => (x === null ? '' : Math.round(x));

/** The screen's tables as one workbook: city series, districts, industries and flags of the day. */
export function powerWorkbook(o: PowerOverview): Promise<Buffer> {
  return workbook([
    columnsSheet<PowerOverview['series'][number]>(
      '全市 City',
      [
        ['日期 Day', (r) => r.day],
        ['用电量(千瓦时) kWh', (r) => kwh(r.kwh)],
        ['基线(千瓦时) Baseline kWh', (r) => kwh(r.baseline)],
        ['占基线% Share %', (r) => pct(r.share)],
      ],
      o.series,
    ),
    columnsSheet<PowerOverview['districts'][number]>(
      '区县 Districts',
      [
        ['区县代码 Code', (r) => r.code],
        ['区县 District', (r) => r.name],
        ['用电量(千瓦时) kWh', (r) => kwh(r.kwh)],
        ['基线(千瓦时) Baseline kWh', (r) => kwh(r.baseline)],
        ['占基线% Share %', (r) => pct(r.share)],
        ['预警 Flagged', (r) => (r.flagged ? '是 yes' : '')],
      ],
      o.districts,
    ),
    columnsSheet<PowerOverview['industries'][number]>(
      '行业 Industries',
      [
        ['行业代码 Code', (r) => r.code],
        ['行业 Industry', (r) => r.name],
        ['用电量(千瓦时) kWh', (r) => kwh(r.kwh)],
        ['基线(千瓦时) Baseline kWh', (r) => kwh(r.baseline)],
        ['占基线% Share %', (r) => pct(r.share)],
        ['预警 Flagged', (r) => (r.flagged ? '是 yes' : '')],
      ],
      o.industries,
      [10, 36, 16, 16, 12, 10],
    ),
    columnsSheet<PowerOverview['flags'][number]>(
      '预警 Flags',
      [
        ['类别 Kind', (r) => r.kind],
        ['对象 Subject', (r) => r.label],
        ['规则 Rule', (r) => r.rule],
        ['用电量 kWh', (r) => kwh(r.kwh)],
        ['基线 Baseline', (r) => kwh(r.baseline)],
        ['占基线% Share %', (r) => pct(r.share)],
        ['连续天数 Days', (r) => r.days],
        ['白名单 Whitelisted', (r) => (r.whitelisted ? '是 yes' : '')],
        ['挂钩任务 Task', (r) => r.taskId ?? ''],
        ['说明 Message', (r) => r.message['zh-CN']],
      ],
      o.flags,
      [10, 36, 26, 14, 14, 10, 8, 10, 10, 80],
    ),
  ]);
}
