import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { withCheckChar } from '../appeals/appeals.rules.ts';
import { insertEnterprises } from '../appeals/enterprises.repo.ts';
import { composeBriefing } from '../briefing/briefing.compose.ts';
import { insertCases } from '../cases/cases.repo.ts';
import type { Ctx } from '../platform/context.ts';
import { economySection } from './economy.briefing.ts';
import { apportion, electricitySeed } from './economy.seed.ts';
import { powerOverview } from './views.service.ts';

const CITY = {
  userId: 1,
  username: 'b',
  role: 'industry-bureau' as const,
  scope: { kind: 'city' as const, code: '3501' },
};
const DISTRICTS = ['350181', '350112', '350121', '350104', '350111', '350122', '350102'];

/** What the seed needs from the core scenario: the first local case and a registry of enterprises. */
async function core(ctx: Ctx) {
  const at = '2022-10-24T00:00:00Z';
  await ctx.db.k.transaction().execute(async (trx) => {
    await insertCases(trx, [
      {
        case_no: 'L1',
        kind: 'asymptomatic',
        origin: 'local',
        reported_on: '2022-10-24',
        district_code: '350102',
        detected_via: 'quarantine',
        created_at: at,
        updated_at: at,
      },
    ]);
    await insertEnterprises(
      trx,
      DISTRICTS.flatMap((d, i) =>
        [0, 1, 2].map((k) => ({
          credit_code: withCheckChar(`91${d}MA${i}${k}XXXXXX`),
          name: `福州${d}第${k}有限公司`,
          industry: '电子信息',
          district_code: d,
          size: 'large',
          tiers: k < 2 ? 'city' : '',
          whitelisted: k < 2 ? 1 : 0,
          liaison_cadre_id: null,
          contact_name: null,
          phone_enc: null,
          phone_hash: null,
          phone_mask: null,
          created_at: at,
          updated_at: at,
        })),
      ),
    );
  });
}

test('apportion splits a total exactly', () => {
  assert.deepEqual(apportion(10, [1, 1, 1]), [4, 3, 3]);
  assert.equal(
    apportion(74_123_457, [0.22, 0.16, 0.5, 0.12]).reduce((a, b) => a + b, 0),
    74_123_457,
  );
});

for (const dialect of dialects()) {
  describe(`the demo's electricity on ${dialect}`, async () => {
    const small = await testCtx(dialect);
    const full = await testCtx(dialect);
    after(async () => {
      await small.close();
      await full.close();
    });

    test('the same city at every scale: ~74 M kWh flat, 马尾 and 罗源 and eight firms flagged, one task per whitelisted firm', async () => {
      const out: Array<Awaited<ReturnType<typeof powerOverview>>> = [];
      const texts: string[] = [];
      for (const [ctx, scale] of [
        [small, 0.001],
        [full, 1],
      ] as const) {
        await core(ctx);
        const made = await electricitySeed.run(ctx, { scale, seed: 42, progress: () => {} });
        assert.equal(made.accounts, scale === 1 ? 608 : 34);
        const o = await powerOverview(ctx, CITY, { date: '2022-11-06' });
        out.push(o);
        const tasks = await ctx.db.k.selectFrom('liaison_tasks').selectAll().execute();
        assert.equal(tasks.length, 5, 'five whitelisted firms fell; each has one open task');
        const b = await composeBriefing(ctx, '2022-11-06');
        texts.push(b.texts['zh-CN']);
        assert.ok(
          b.texts['zh-CN'].includes(
            '疫情发生以来，全市日均工业用电量7400万千瓦时左右，与疫情前基本持平，部分区域和企业略有下降。',
          ),
          b.texts['zh-CN'],
        );
        assert.ok(
          b.texts['zh-TW'].includes(
            '疫情發生以來，全市日均工業用電量7400萬千瓦時左右，與疫情前基本持平，部分區域和企業略有下降。',
          ),
        );
        assert.match(
          b.texts.en,
          /averaged about 74 million kWh a day, flat against before the outbreak; some areas and firms are slightly down/,
        );
        const seg = (await economySection.draft(ctx, '2022-11-06'))?.['zh-CN'].find((s) => 'metric' in s);
        assert.deepEqual(seg, {
          text: '7400',
          metric: 'industrialKwhDailyAvg',
          value: 7400,
          href: '/#/economy?date=2022-11-06',
        });
      }
      const [a, b] = out as [(typeof out)[0], (typeof out)[0]];
      assert.deepEqual(a.series, b.series, 'city totals exact at every scale');
      assert.deepEqual(
        a.districts.map((d) => [d.code, d.kwh, d.flagged]),
        b.districts.map((d) => [d.code, d.kwh, d.flagged]),
      );
      assert.deepEqual(
        a.flags
          .filter((f) => f.kind === 'district')
          .map((f) => f.subject)
          .sort(),
        ['350105', '350123'],
      );
      assert.equal(a.flags.filter((f) => f.kind === 'account').length, 8);
      assert.equal(b.flags.filter((f) => f.kind === 'account').length, 8);
      assert.equal(a.flags.filter((f) => f.kind === 'account' && f.whitelisted && f.taskId).length, 5);
      const since = a.sinceOutbreak;
      assert.ok(since && Math.abs(since.ratio - 0.99) < 0.005, `ratio ${since?.ratio}`);
      assert.ok(since && Math.round(since.avgKwh / 1e6) === 74, `average ${since?.avgKwh}`);
      assert.equal(texts[0], texts[1]);
    });
  });
}
