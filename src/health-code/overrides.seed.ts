import { personsOfDistricts } from '../people/people.repo.ts';
import { recordAudit } from '../platform/audit/audit.service.ts';
import { findUserByName } from '../platform/auth/auth.repo.ts';
import type { Ctx } from '../platform/context.ts';
import type { SeedStep } from '../platform/module.ts';
import { insertOverride } from './overrides.repo.ts';

// The demo's business evening (sim/seed.ts SCENARIO_NOW, which a module may not import): the
// overrides are placed around it so each state reads as it should when `npm start` opens.
const EVENING = Date.parse('2022-11-11T20:00:00+08:00');
const H = 3_600_000;

type Who = 'commander' | 'deputy' | 'gulou-officer';
interface Demo {
  district: '350102' | '350104';
  colour: 'green' | 'yellow' | 'red';
  reason: string;
  by: Who;
  /** Hours before the evening it was requested, and how long it was to last. */
  ago: number;
  hours: number;
  decided?: { by: Who; after: number; approve: boolean };
  revoked?: { by: Who; after: number; reason: string };
}

// One or two of each state: in force, pending (a second person is awaited), expired, rejected,
// revoked. The rejected one shows what the two-person rule is for: a colour as a punishment.
const DEMO: Demo[] = [
  {
    district: '350104',
    colour: 'red',
    reason: '外省协查函通报的密切接触者（闽协〔2022〕1107号），协查数据尚未进入赋码规则，先行赋红码',
    by: 'commander',
    ago: 6,
    hours: 72,
    decided: { by: 'deputy', after: 1, approve: true },
  },
  {
    district: '350104',
    colour: 'green',
    reason: '经派出所核实为同名同姓误判（身份证号不符），恢复绿码，待源数据更正',
    by: 'commander',
    ago: 30,
    hours: 96,
    decided: { by: 'deputy', after: 2, approve: true },
  },
  {
    district: '350102',
    colour: 'yellow',
    reason: '社区网格员报告近3日发热未就诊，赋黄码督促到发热门诊检测',
    by: 'gulou-officer',
    ago: 2,
    hours: 48,
  },
  {
    district: '350104',
    colour: 'red',
    reason: '流调确认为确诊病例同航班邻座乘客，航空公司名单尚未推送，先行赋红码',
    by: 'commander',
    ago: 1,
    hours: 72,
  },
  {
    district: '350104',
    colour: 'yellow',
    reason: '居家健康监测期间外出就医，临时赋黄码至复检阴性',
    by: 'commander',
    ago: 80,
    hours: 24,
    decided: { by: 'deputy', after: 1, approve: true },
  },
  {
    district: '350102',
    colour: 'red',
    reason: '多次拒绝参加区域核酸检测，申请赋红码以限制出行',
    by: 'gulou-officer',
    ago: 20,
    hours: 168,
    decided: { by: 'deputy', after: 3, approve: false },
  },
  {
    district: '350102',
    colour: 'yellow',
    reason: '次密接，等待首次核酸结果期间赋黄码',
    by: 'commander',
    ago: 28,
    hours: 72,
    decided: { by: 'deputy', after: 1, approve: true },
    revoked: { by: 'commander', after: 20, reason: '两次核酸阴性，流调排除风险，提前解除' },
  },
];

const iso = (ms: number) => new Date(ms).toISOString();

/** The demo's manual colours, one or two in each state, each with its audit entries. */
async function seedOverrides(ctx: Ctx): Promise<Record<string, number>> {
  const labels = new Map<Who, string>();
  for (const who of ['commander', 'deputy', 'gulou-officer'] as const) {
    const u = await findUserByName(ctx.db, who);
    labels.set(who, u ? `user:${u.id}:${u.username}` : `system:seed:${who}`);
  }
  const label = (w: Who) => labels.get(w) as string;
  // Residents from the end of each district's first few dozen: the demo resident, the scanners
  // and the samplers are picked from the start, and their colours stay the rules'.
  const pool = new Map<string, number[]>();
  for (const d of ['350102', '350104'])
    pool.set(d, (await personsOfDistricts(ctx.db, [d], 40)).map((p) => p.id).reverse());
  const counts: Record<string, number> = {};
  await ctx.db.k.transaction().execute(async (trx) => {
    for (const o of DEMO) {
      const personId = pool.get(o.district)?.shift();
      if (personId === undefined) continue;
      const requestedAt = EVENING - o.ago * H;
      const decidedAt = o.decided && requestedAt + o.decided.after * H;
      const revokedAt = o.revoked && requestedAt + o.revoked.after * H;
      const status = o.revoked ? 'revoked' : o.decided ? (o.decided.approve ? 'approved' : 'rejected') : 'pending';
      const row = {
        person_id: personId,
        colour: o.colour,
        reason: o.reason,
        requested_by: label(o.by),
        requested_at: iso(requestedAt),
        approved_by: o.decided ? label(o.decided.by) : null,
        approved_at: decidedAt ? iso(decidedAt) : null,
        expires_at: iso(requestedAt + o.hours * H),
        status,
        revoked_by: o.revoked ? label(o.revoked.by) : null,
        revoked_at: revokedAt ? iso(revokedAt) : null,
        revoke_reason: o.revoked?.reason ?? null,
      };
      const id = await insertOverride(trx, row);
      const steps: Array<[string, string, Record<string, unknown>]> = [
        ['colour-override-requested', row.requested_by, { override: id, colour: o.colour, reason: o.reason }],
      ];
      if (o.decided)
        steps.push([
          `colour-override-${o.decided.approve ? 'approved' : 'rejected'}`,
          label(o.decided.by),
          { override: id, colour: o.colour },
        ]);
      if (o.revoked)
        steps.push(['colour-override-revoked', label(o.revoked.by), { override: id, reason: o.revoked.reason }]);
      for (const [action, actor, detail] of steps)
        await recordAudit(ctx.db, ctx.crypto, trx, { actor, action, entity: 'person', entityId: personId, detail });
      const shown = status === 'approved' && requestedAt + o.hours * H <= EVENING ? 'expired' : status;
      counts[shown] = (counts[shown] ?? 0) + 1;
    }
  });
  return counts;
}

/** The health-code module's part of the demo city. */
export const overridesSeed: SeedStep = { id: 'health-code.overrides', run: (ctx) => seedOverrides(ctx) };
