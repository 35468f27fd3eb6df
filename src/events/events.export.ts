import type { Ctx } from '../platform/context.ts';
import { workbook } from '../platform/files/xlsx.ts';
import { classification } from './classify.service.ts';
import { type EventActor, eventSummary } from './events.service.ts';

const CLASS_ZH = { regular: '常规', special: '特殊', barred: '不得参考' } as const;

/**
 * The 考务防疫 screen as a workbook: the exam's figures, new sites by county, and every candidate
 * of the actor's scope with class, reason, rule and policy version at the instant (masked).
 */
export async function examWorkbook(ctx: Ctx, actor: EventActor, code: string, at?: string): Promise<Buffer> {
  const s = await eventSummary(ctx, actor, code);
  const c = await classification(ctx, actor, code, { at, pageSize: 10_000_000 });
  const widths = [24, 16];
  return workbook([
    {
      name: '概况 Figures',
      header: ['项目 Item', '数量 Count'],
      rows: [
        ['考点 Sites', s.sites],
        ['新增考点 New sites', s.newSites],
        ['考场 Rooms', s.rooms],
        ['隔离考场 Isolation rooms', s.isolationRooms],
        ['座位 Seats', s.seats],
        ['隔离座位 Isolation seats', s.isolationSeats],
        ['考生 Candidates', s.candidates],
        ['申请专车 Shuttle requests', s.shuttleRequests],
        ['专车车次 Shuttle trips', s.shuttleTrips],
        ['常规考生 Regular', c.counts.regular],
        ['特殊考生 Special', c.counts.special],
        ['不得参考 Barred', c.counts.barred],
        [`判定时间 At (${c.policy.id})`, c.at],
      ],
      widths,
    },
    {
      name: '新增考点 New sites',
      header: ['县（市、区） County', '代码 Code', '新增考点 New sites'],
      rows: s.newSitesByDistrict.map((d) => [d.name, d.code, d.sites]),
      widths,
    },
    {
      name: '考生分类 Candidates',
      header: [
        '准考证号 No.',
        '身份证号 ID',
        '姓名 Name',
        '考点 Site',
        '考场 Room',
        '分类 Class',
        '原因 Reason',
        '规则 Rule',
      ],
      rows: c.items.map((i) => [
        i.candidateNo,
        i.idNumberMasked,
        i.nameMasked,
        i.siteCode,
        i.roomNo,
        `${CLASS_ZH[i.class]} ${i.class}`,
        i.text['zh-CN'],
        i.rule,
      ]),
      widths,
    },
  ]);
}
