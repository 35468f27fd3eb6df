import type { Insertable } from 'kysely';
import { deliverOutbox } from '../appeals/appeals.outbox.ts';
import { type Category, CREDIT_CHARS, type Rating, withCheckChar } from '../appeals/appeals.rules.ts';
import type { EnterpriseRow } from '../appeals/appeals.tables.ts';
import { insertEnterprises, upsertAccount } from '../appeals/enterprises.repo.ts';
import { submitAppeal } from '../appeals/intake.service.ts';
import { submitReport } from '../appeals/whitelist.service.ts';
import {
  closeAppeal,
  dispatchAppeals,
  escalateOverdue,
  mergeAppeal,
  noteAppeal,
  rateAppeal,
  replyAppeal,
  returnAppeal,
  signAppeal,
} from '../appeals/workflow.service.ts';
import { maskPhone } from '../people/people.rules.ts';
import type { Ctx } from '../platform/context.ts';
import { insertCadres } from '../zones/taskforce.repo.ts';
import type { Rng } from './rng.ts';

/** Districts weighted by industrial weight: Fuqing, Changle, Minhou and Cangshan carry most firms. */
const DISTRICT_WEIGHTS: Array<[string, number]> = [
  ['350102', 3],
  ['350103', 3],
  ['350104', 8],
  ['350105', 8],
  ['350111', 6],
  ['350112', 10],
  ['350121', 10],
  ['350122', 5],
  ['350123', 4],
  ['350124', 3],
  ['350125', 4],
  ['350128', 3],
  ['350181', 12],
];
const INDUSTRIES = [
  ['电子信息', '电子'],
  ['纺织化纤', '纺织'],
  ['冶金', '钢铁'],
  ['机械装备', '机械'],
  ['轻工食品', '食品'],
  ['石油化工', '化工'],
  ['医药', '医药'],
  ['汽车', '汽车部件'],
  ['建材', '建材'],
  ['物流', '供应链'],
] as const;
const WORDS = '榕闽江瑞华兴鑫达恒泰宏源海创新联盛隆嘉德金鼎安和顺永正利';
const SURNAMES = '陈林黄张李王吴刘郑杨何许周谢';
const UNIT_OF: Record<Category, string> = {
  production: 'industry',
  materials: 'industry',
  permits: 'market',
  logistics: 'transport',
  staff: 'hrss',
  finance: 'commerce',
  health: 'health',
  living: 'district',
  enquiry: 'industry',
  other: 'district',
};
const TOPICS: Record<Category, string[]> = {
  production: ['复工复产审批', '生产线因员工隔离停工', '闭环生产方案审核'],
  materials: ['原材料库存告急', '上游供应商停产', '进口原料清关'],
  permits: ['食品经营许可延期', '特种设备年检延期'],
  logistics: ['货车通行证办理', '高速出口劝返', '集装箱提货受阻'],
  staff: ['员工返岗核酸证明', '外地员工进榕', '员工集中住宿'],
  finance: ['稳岗补贴申请', '租金减免政策', '贷款延期'],
  health: ['厂区出现密接人员', '员工核酸检测点设置'],
  living: ['小区封控后买菜难', '居家隔离期间就医', '快递无法送达'],
  enquiry: ['防疫政策咨询', '通行政策咨询'],
  other: ['其他问题反映'],
};
const DAYS = ['2022-11-01', '2022-11-02', '2022-11-03', '2022-11-04', '2022-11-05', '2022-11-06', '2022-11-07'];

const phone = (rng: Rng) =>
  `1${rng.pick(['38', '39', '50', '58', '59', '87', '88', '35'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
const at = (day: string, hour: number, min: number) =>
  new Date(
    Date.parse(`${day}T${String(hour).padStart(2, '0')}:${String(min).padStart(2, '0')}:00+08:00`),
  ).toISOString();
const plus = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3600_000).toISOString();

/**
 * The appeals part of the demo: 330 enterprises (320 whitelisted) across Fuzhou with 40 liaison
 * cadres of the industry bureau, a week of appeals (1–7 November 2022) on all three channels in
 * every state of the workflow, daily status reports of the whitelisted firms (troubled ones open
 * appeals and liaison tasks), and the deadline job run at the end of 7 November.
 */
export async function seedAppeals(ctx: Ctx, rng: Rng): Promise<Record<string, number>> {
  const now = new Date().toISOString();
  const cadreIds = await ctx.db.k.transaction().execute((trx) =>
    insertCadres(
      trx,
      Array.from({ length: 40 }, (_, i) => ({
        name: `${rng.pick([...SURNAMES])}${rng.pick([...WORDS])}${i % 3 ? rng.pick([...WORDS]) : ''}`,
        rank: i < 6 ? 'division' : 'section',
        home_unit: '市工业和信息化局',
      })),
    ),
  );
  const codes = new Set<string>();
  const rows: Array<Omit<EnterpriseRow, 'id'>> = [];
  const districts = DISTRICT_WEIGHTS.map(([d]) => d);
  const weights = DISTRICT_WEIGHTS.map(([, w]) => w);
  for (let i = 0; i < 330; i++) {
    const district = rng.weighted(districts, weights);
    let code: string;
    do {
      let org = '';
      for (let k = 0; k < 9; k++) org += CREDIT_CHARS[rng.int(0, 30)];
      code = withCheckChar(`91${district}${org}`);
    } while (codes.has(code));
    codes.add(code);
    const [industry, short] = rng.pick(INDUSTRIES);
    const whitelisted = i < 320;
    const tiers = !whitelisted
      ? ''
      : rng.weighted(
          ['national', 'provincial', 'city', 'national,leader', 'provincial,leader', 'leader'],
          [10, 25, 40, 5, 8, 12],
        );
    const p = phone(rng);
    rows.push({
      credit_code: code,
      name: `福州${rng.pick([...WORDS])}${rng.pick([...WORDS])}${short}${i < 40 ? '股份' : ''}有限公司`,
      industry,
      district_code: district,
      size: rng.weighted(['large', 'medium', 'small', 'micro'], [20, 40, 30, 10]),
      tiers,
      whitelisted: whitelisted ? 1 : 0,
      liaison_cadre_id: whitelisted ? (cadreIds[i % cadreIds.length] as number) : null,
      contact_name: `${rng.pick([...SURNAMES])}${rng.pick([...WORDS])}`,
      phone_enc: ctx.crypto.encrypt(p),
      phone_hash: ctx.crypto.blindIndex('phone', p),
      phone_mask: maskPhone(p),
      created_at: now,
      updated_at: now,
    });
  }
  const entIds = await ctx.db.k
    .transaction()
    .execute((trx) => insertEnterprises(trx, rows as Insertable<EnterpriseRow>[]));
  const links = [
    { username: 'industry-bureau', unit: 'industry', enterprise_id: null, cadre_id: null },
    { username: 'transport-bureau', unit: 'transport', enterprise_id: null, cadre_id: null },
    { username: 'regulator', unit: 'postal', enterprise_id: null, cadre_id: null },
    { username: 'liaison', unit: null, enterprise_id: null, cadre_id: cadreIds[0] as number },
    { username: 'enterprise', unit: null, enterprise_id: entIds[0] as number, cadre_id: null },
  ];
  for (const l of links) await upsertAccount(ctx.db.k, l);

  // Appeals: about 75 a day, web 40 %, mobile 35 %, hotline 25 %; three in four from enterprises.
  const states = ['received', 'dispatched', 'signed', 'replied', 'closed', 'reopened', 'returned', 'merged'] as const;
  const stateWeights = [6, 8, 12, 10, 48, 6, 4, 6];
  const categories = Object.keys(TOPICS) as Category[];
  const catWeights = [16, 14, 6, 18, 12, 6, 6, 12, 6, 4];
  let appeals = 0;
  let key = 0;
  const openByEnterprise = new Map<number, number>();
  for (const [di, day] of DAYS.entries()) {
    const n = 70 + rng.int(0, 15);
    for (let k = 0; k < n; k++) {
      const channel = rng.weighted(['web', 'mobile', 'hotline'] as const, [40, 35, 25]);
      const isEnterprise = rng.next() < 0.75;
      const ei = rng.int(0, rows.length - 1);
      const e = rows[ei] as (typeof rows)[number];
      const category = isEnterprise
        ? rng.weighted(categories, catWeights)
        : rng.pick(['living', 'health', 'enquiry', 'other'] as Category[]);
      const received = at(day, rng.int(7, 21), rng.int(0, 59));
      const topic = rng.pick(TOPICS[category]);
      const district = isEnterprise ? e.district_code : rng.weighted(districts, weights);
      const { appeal } = await submitAppeal(
        ctx,
        'system',
        channel,
        {
          idempotencyKey: `demo-${String(++key).padStart(6, '0')}`,
          submitter: isEnterprise ? 'enterprise' : 'resident',
          creditCode: isEnterprise ? e.credit_code : undefined,
          contactName: `${rng.pick([...SURNAMES])}${rng.pick([...WORDS])}`,
          phone: phone(rng),
          districtCode: district,
          category,
          urgency: rng.weighted(['critical', 'urgent', 'normal', 'complex'] as const, [3, 17, 70, 10]),
          title: topic,
          content: `${isEnterprise ? e.name : '居民'}反映：${topic}，请尽快协调解决。`,
        },
        { now: received, random: () => rng.next(), deliver: false },
      );
      appeals++;
      // Later days have had less time: more of them are still open.
      const w = stateWeights.map((x, i) => (i <= 3 ? x * (1 + di / 2) : x));
      const target = rng.weighted(states, w);
      const unitCode = UNIT_OF[category] === 'district' ? `district:${district}` : (UNIT_OF[category] as string);
      if (target === 'merged') {
        const carrier = isEnterprise ? openByEnterprise.get(ei) : undefined;
        if (carrier) {
          await mergeAppeal(ctx, 'system', appeal.id, carrier, plus(received, 1));
          continue;
        }
      }
      if (isEnterprise && ['received', 'dispatched', 'signed', 'reopened'].includes(target))
        openByEnterprise.set(ei, appeal.id);
      if (target === 'received') continue;
      let t = plus(received, 0.5 + rng.next() * 3);
      if (target === 'returned') {
        const wrong = unitCode === 'industry' ? 'commerce' : 'industry';
        await dispatchAppeals(ctx, 'system', [appeal.id], wrong, undefined, t);
        await returnAppeal(ctx, 'system', appeal.id, '经核实不属于本单位职责，请重新分办', plus(t, 2));
        continue;
      }
      await dispatchAppeals(ctx, 'system', [appeal.id], unitCode, undefined, t);
      if (target === 'dispatched' || target === 'merged') continue;
      t = plus(t, 0.2 + rng.next() * (rng.next() < 0.15 ? 30 : 4));
      await signAppeal(ctx, 'system', appeal.id, t);
      if (rng.next() < 0.6)
        await noteAppeal(ctx, 'system', appeal.id, '已电话联系诉求人，正在协调相关部门。', plus(t, 2));
      if (target === 'signed') continue;
      t = plus(t, 2 + rng.next() * (rng.next() < 0.15 ? 200 : 48));
      await replyAppeal(ctx, 'system', appeal.id, `关于“${topic}”，已协调办理，相关问题已解决。`, t);
      if (target === 'replied') continue;
      t = plus(t, 1 + rng.next() * 20);
      if (target === 'reopened') {
        await rateAppeal(ctx, 'system', appeal.id, 'unsatisfied', '问题未解决', t);
        continue;
      }
      const rating: Rating | null = rng.weighted(['satisfied', 'basic', 'unsatisfied', null] as const, [78, 12, 4, 6]);
      if (rating === null) await closeAppeal(ctx, 'system', appeal.id, t);
      else if (rating === 'unsatisfied') {
        await rateAppeal(ctx, 'system', appeal.id, 'unsatisfied', '答复不满意', t);
        await replyAppeal(ctx, 'system', appeal.id, '已再次协调，问题已解决。', plus(t, 20));
        await rateAppeal(ctx, 'system', appeal.id, 'basic', undefined, plus(t, 30));
      } else await rateAppeal(ctx, 'system', appeal.id, rating, undefined, t);
    }
  }

  // Daily status of the whitelisted firms.
  let reports = 0;
  let troubled = 0;
  for (const day of DAYS) {
    for (let i = 0; i < 320; i++) {
      if (rng.next() < 0.03) continue; // a few forget to report
      const production = rng.weighted(['normal', 'reduced', 'stopped'] as const, [86, 11, 3]);
      const capacityPct = production === 'normal' ? rng.int(85, 100) : production === 'reduced' ? rng.int(30, 84) : 0;
      const staff = rng.int(40, 1200);
      const r = await submitReport(
        ctx,
        'system',
        (rows[i] as (typeof rows)[number]).credit_code,
        {
          day,
          production,
          capacityPct,
          materialDays: rng.next() < 0.04 ? rng.int(0, 2) : rng.int(5, 30),
          logisticsBlocked: rng.next() < 0.03,
          staffOnSite: Math.round((staff * capacityPct) / 100),
          staffClosedLoop: rng.next() < 0.3 ? rng.int(10, Math.max(10, Math.round(staff / 4))) : 0,
        },
        at(day, 17, rng.int(0, 59)),
        () => rng.next(),
      );
      reports++;
      if (r.appealId || r.taskId) troubled++;
      // The industry bureau picks most report-raised appeals up the same evening.
      if (r.created && r.appealId && rng.next() < 0.8) {
        const t0 = at(day, 19, rng.int(0, 59));
        await dispatchAppeals(ctx, 'system', [r.appealId], 'industry', undefined, t0);
        await signAppeal(ctx, 'system', r.appealId, plus(t0, 1));
        if (rng.next() < 0.6)
          await replyAppeal(ctx, 'system', r.appealId, '已协调保供物资和运输车辆，企业已恢复生产。', plus(t0, 14));
      }
    }
  }
  const escalated = await escalateOverdue(ctx, 'system', at('2022-11-07', 23, 59));
  await deliverOutbox(ctx, 1_000_000);
  return {
    enterprises: rows.length,
    whitelisted: 320,
    liaisons: cadreIds.length,
    appeals,
    reports,
    troubledReports: troubled,
    escalated: escalated.escalated,
  };
}
