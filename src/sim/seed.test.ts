import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { getBriefing } from '../briefing/briefing.service.ts';
import { figuresOf, seriesOf } from '../cases/cases.figures.ts';
import { parseResidentId } from '../people/people.rules.ts';
import { verifyAudit } from '../platform/audit/audit.service.ts';
import { listMarks } from '../tracing/marks-list.service.ts';
import { zoneCounts } from '../zones/zones.query.ts';
import { DEMO_ACCOUNTS } from './accounts.ts';
import { DISTRICT_POPULATION } from './fuzhou.ts';
import { residentQuota, residentsOf } from './residents.ts';
import { Rng } from './rng.ts';
import { seedScenario } from './seed.ts';

test('synthetic residents are deterministic, valid and unique', () => {
  const gen = () => [...residentsOf(new Rng(7), '350102', 2000, new Set())];
  const a = gen();
  assert.deepEqual(a, gen());
  assert.equal(new Set(a.map((p) => p.idNumber)).size, a.length);
  for (const p of a) {
    assert.ok(parseResidentId(p.idNumber, new Date('2022-11-07')).ok, p.idNumber);
    assert.ok(p.communityCode.startsWith('350102'));
  }
  const local = a.filter((p) => p.idNumber.startsWith('350102')).length / a.length;
  assert.ok(local > 0.7 && local < 0.86, `share registered locally: ${local}`);
});

test('quota follows district population', () => {
  const q = residentQuota(0.01);
  const total = q.reduce((s, x) => s + x.count, 0);
  assert.ok(Math.abs(total - 83_740) < 20);
  assert.equal(
    q.find((x) => x.district === '350181')?.count,
    Math.round((DISTRICT_POPULATION['350181'] as number) * 0.01),
  );
});

for (const dialect of dialects()) {
  describe(`seeding on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    test('loads residents and demo accounts, and audits it', async () => {
      const s = await seedScenario(ctx, { scale: 0.0005 });
      const n = await ctx.db.k
        .selectFrom('persons')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      // Exam candidates the city had too few residents for are registered by the events step.
      assert.equal(Number(n.n), s.residents + (s.testing['events.exam.personsRegistered'] ?? 0));
      const users = await ctx.db.k.selectFrom('users').select('role').execute();
      assert.equal(users.length, DEMO_ACCOUNTS.length);
      assert.equal((await verifyAudit(ctx.db, ctx.crypto)).ok, true);
    });

    test('the outbreak reproduces the published figures of 6 November 2022 exactly', async () => {
      const actor = {
        userId: 0,
        username: 't',
        role: 'commander' as const,
        scope: { kind: 'city' as const, code: '3501' },
      };
      const f = (await figuresOf(ctx, actor, '2022-11-06')).figures;
      assert.deepEqual(
        [f.newLocalConfirmed, f.newLocalAsymptomatic, f.localDischarged, f.localReleased],
        [3, 35, 3, 5],
      );
      assert.equal(f.deaths, 0);
      const s = await seriesOf(ctx, actor, '2022-10-24', '2022-11-15');
      const peak = s.days.reduce((a, b) => (b.figures.newLocalAsymptomatic > a.figures.newLocalAsymptomatic ? b : a));
      assert.equal(peak.date, '2022-11-06', 'the wave peaks on the reference day');
      const zones = await zoneCounts(ctx, actor, '2022-11-07');
      assert.deepEqual([zones.high, zones.medium, zones.liftedMedium, zones.taskForces], [164, 157, 67, 321]);
      assert.deepEqual([zones.cadres.division, zones.cadres.section], [70, 919]);
      assert.equal(zones.sentence['zh-CN'], '目前，全市划定高风险区164个，中风险区157个，共解除中风险区67个。');
      const briefing = await getBriefing(ctx, actor, '2022-11-06');
      assert.match(
        briefing.texts['zh-CN'],
        /^11月6日，福州市新增本土确诊病例3例，新增本土无症状感染者35例，治愈出院本土确诊病例3例，解除隔离本土无症状感染者5例。/,
      );
      assert.ok(briefing.texts['zh-CN'].includes('目前，全市划定高风险区164个，中风险区157个，共解除中风险区67个。'));
      assert.ok(
        briefing.texts['zh-CN'].includes('11月8日至11日，在鼓楼区、台江区、仓山区、晋安区开展4轮区域核酸检测。'),
        'the regional testing of 8–11 November is announced from its campaign',
      );
      assert.ok(
        briefing.texts['zh-TW'].includes('11月8日至11日，在鼓樓區、台江區、倉山區、晉安區開展4輪區域核酸檢測。'),
      );
      assert.ok(
        briefing.texts['zh-CN'].includes(
          '疫情发生以来，全市日均工业用电量7400万千瓦时左右，与疫情前基本持平，部分区域和企业略有下降。',
        ),
        'the economy module’s paragraph is in the 7 November briefing',
      );
      assert.match(
        briefing.texts['zh-CN'],
        /企业和群众可通过政企直通车「抗疫通道」、福州工信「一键写信」和热线0591-968871反映诉求，截至11月6日共受理\d+件；全市\d+家产业链供应链白名单企业和工业龙头企业实行专人挂钩服务。/,
      );
      assert.match(
        briefing.texts['zh-CN'],
        /目前，进入办公场所、[^；]+须查验24小时核酸阴性证明并扫场所码；居民小区进出查验24小时核酸阴性证明；非必要不离榕，确需离榕的须持24小时核酸阴性证明；全市KTV、网吧、影剧院、健身房等\d+家人员密集场所暂停开放（榕防指〔2022〕45号）；\d+家机构实行闭环管理；商场超市农贸市场[^。]*正常开放；继续提倡居家办公。/,
        'the measures in force are drafted from their notices, the policy in force and the venue registry',
      );
      assert.match(
        briefing.texts['zh-TW'],
        /目前，進入辦公場所、[^；]+須查驗24小時核酸陰性證明並掃場所碼；居民小區進出查驗24小時核酸陰性證明；非必要不離榕，確需離榕的須持24小時核酸陰性證明；全市KTV、網吧、影劇院、健身房等\d+家人員密集場所暫停開放（榕防指〔2022〕45号）；\d+家機構實行閉環管理；商場超市農貿市場[^。]*正常開放；繼續提倡居家辦公。/,
      );
      assert.match(
        briefing.texts.en,
        /Measures now in force: entering office, [^;]+ needs a negative test within 24 hours and a scan of the venue code; residential compounds check a negative test within 24 hours at the gate; leaving the city only if necessary, with a negative test within 24 hours; \d+ crowded venues suspended across the city \(KTV, internet café, cinema, gym; notice Rong Fang Zhi \[2022\] No\. 45\); \d+ institutions in closed-loop management; [^;]+ open with a scan; working from home still encouraged\./,
      );
      const suspended = Number(/(\d+)家人员密集场所暂停开放/.exec(briefing.texts['zh-CN'])?.[1]);
      const held = await ctx.db.k
        .selectFrom('venues')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('notice_no', '=', '榕防指〔2022〕45号')
        .where('status', '=', 'suspended')
        .executeTakeFirstOrThrow();
      assert.ok(suspended > 0 && suspended === Number(held.n), 'the count is the venues the notice holds');
      const during = await getBriefing(ctx, actor, '2022-11-09');
      assert.match(
        during.texts['zh-CN'],
        /11月8日起在鼓楼区、台江区、仓山区、晋安区开展的区域核酸检测，截至11月9日已完成2轮，累计采样\d+人次。/,
      );
      assert.deepEqual(
        briefing.segments?.['zh-CN'].flatMap((s) => ('href' in s && s.metric.startsWith('zones') ? [s.href] : [])),
        [
          '/#/zones?date=2022-11-07&level=high&status=active',
          '/#/zones?date=2022-11-07&level=medium&status=active',
          '/#/zones?date=2022-11-07&level=medium&status=lifted',
        ],
        'the zone sentence links each count to the zones it counts',
      );
      const after = await zoneCounts(ctx, actor, '2022-11-11');
      assert.equal(after.medium, 0, 'the 20 measures abolish medium zones on 11-11');
      const linked = await ctx.db.k.selectFrom('cases').select('person_id').where('person_id', 'is', null).execute();
      assert.equal(linked.length, 0, 'every demo case is a registered person');
    });

    test('the demo traces its cases and records contacts, leavers, fever-clinic visits and arrivals', async () => {
      const actor = {
        userId: 0,
        username: 't',
        role: 'commander' as const,
        scope: { kind: 'city' as const, code: '3501' },
      };
      const { items } = await listMarks(ctx, actor, { pageSize: 500 }, Date.parse('2022-11-11T20:00:00+08:00'));
      const kinds = new Set(items.map((m) => m.kind));
      for (const k of ['close-contact', 'secondary-contact', 'trace-list', 'left-zone', 'fever-clinic', 'arrival'])
        assert.ok(kinds.has(k), k);
      assert.ok(items.some((m) => m.source === 'co-presence' && m.caseNo));
      assert.ok(
        items.every((m) => m.since <= '2022-11-11T12:00:00.000Z'),
        'nothing after the scenario clock',
      );
    });
  });
}
