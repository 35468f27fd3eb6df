import type { Actor } from '../platform/auth/auth.rules.ts';
import { beijingToday } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { columnsSheet, workbook } from '../platform/files/xlsx.ts';
import { listBatches } from './operations.service.ts';
import { listOutlets, workerCheck } from './registry.service.ts';
import { inspections, reliefTotals, volumes } from './supervision.service.ts';

/** The courier screen's tables in one workbook, each limited to what the actor may see. */
export async function courierWorkbook(ctx: Ctx, actor: Actor, date = beijingToday()): Promise<Buffer> {
  const outlets = await listOutlets(ctx, actor, {});
  const check = await workerCheck(ctx, actor, {});
  const visits = await inspections(ctx, actor, { to: date });
  const city = actor.role !== 'outlet-manager';
  const vol = city ? await volumes(ctx, actor, { to: date }) : { byDay: [] };
  const batches = city ? (await listBatches(ctx, actor)).items : [];
  const relief = city ? await reliefTotals(ctx, actor, date) : null;
  return workbook([
    columnsSheet(
      '网点 Outlets',
      [
        ['网点编码 Code', (o) => o.code],
        ['快递企业 Firm', (o) => o.firm],
        ['网点名称 Name', (o) => o.name],
        ['区县 District', (o) => o.districtCode],
        ['地址 Address', (o) => o.address],
        ['状态 Status', (o) => o.status],
        ['快递员 Couriers', (o) => o.staff],
        ['登记人员 Workers', (o) => o.workers],
      ],
      outlets.items,
    ),
    columnsSheet(
      '核酸检测核查 Worker tests',
      [
        ['网点编码 Code', (o) => o.code],
        ['快递企业 Firm', (o) => o.firm],
        ['区县 District', (o) => o.districtCode],
        ['在岗 On duty', (o) => o.onDuty],
        ['未检测 Untested', (o) => o.untested],
      ],
      check.outlets.filter((o) => o.onDuty > 0),
    ),
    columnsSheet(
      '检查 Inspections',
      [
        ['日期 Date', (v) => v.visitedOn],
        ['网点 Outlet', (v) => v.outlet],
        ['区县 District', (v) => v.districtCode],
        ['检查人次 Inspectors', (v) => v.inspectors],
        ['问题 Findings', (v) => v.findings],
        ['当场整改 Rectified', (v) => (v.rectified ? '是 yes' : '否 no')],
      ],
      visits.items,
    ),
    columnsSheet(
      '业务量 Volumes',
      [
        ['日期 Date', (d) => d.key],
        ['收寄量 Collected', (d) => d.collected],
        ['投递量 Delivered', (d) => d.delivered],
      ],
      vol.byDay,
    ),
    columnsSheet(
      '国际邮件批次 Batches',
      [
        ['批次 Batch', (b) => b.batchNo],
        ['企业 Firm', (b) => b.firm],
        ['来源 Origin', (b) => b.origin],
        ['件数 Parcels', (b) => b.parcels],
        ['消杀时间 Disinfected', (b) => b.disinfectedAt ?? ''],
        ['可放行时间 Releasable', (b) => b.releasableAt ?? ''],
        ['状态 State', (b) => b.state],
      ],
      batches,
    ),
    columnsSheet(
      '运输保障 Relief',
      [
        ['日期 Date', (d) => d.day],
        ['车次 Trips', (d) => d.trips],
        ['人次 Persons', (d) => d.persons],
        ['吨 Tonnes', (d) => d.tonnes],
      ],
      relief?.byDay ?? [],
    ),
  ]);
}
