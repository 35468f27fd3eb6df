import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { composeBriefing } from '../briefing/briefing.compose.ts';
import { CLI_READER } from '../platform/cli/context.cli.ts';
import { setClock } from '../platform/clock.ts';
import { segmentsOf, textOf } from '../platform/text.ts';
import { SCENARIO_NOW, seedScenario } from '../sim/seed.ts';
import { courierFigures, courierParts } from './courier.briefing.ts';
import { openOutletsOn } from './history.repo.ts';
import { listBatches } from './operations.service.ts';
import { listPoints, pointZones } from './points.service.ts';

for (const dialect of dialects()) {
  describe(`the demo's courier sector on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    setClock(SCENARIO_NOW);
    await seedScenario(ctx, { scale: 0.0001, appeals: false });
    after(async () => {
      setClock(null);
      await ctx.close();
    });

    test('reproduces the 7 November briefing exactly at a tiny scale', async () => {
      const f = await courierFigures(ctx, '2022-11-06');
      assert.deepEqual(
        [
          f.outlets,
          f.collected,
          f.delivered,
          f.personTimes,
          f.inspected,
          f.rectified,
          f.summoned,
          f.trips,
          f.persons,
          f.tonnes,
        ],
        [2337, 1_730_000, 3_160_000, 435, 125, 10, 4, 2408, 3165, 9582],
      );
      assert.ok(f.couriers > 10_000 && f.couriers < 11_000, `couriers ${f.couriers}`);
      assert.equal(f.since, '2022-10-24');
      // The open count is the day's, from the outlets' status history: zones sealed on 11-09 closed a dozen since.
      const today = await ctx.db.k
        .selectFrom('courier_outlets')
        .select('status')
        .where('status', '=', 'open')
        .execute();
      assert.equal(today.length, 2325);
      assert.equal((await courierFigures(ctx, '2022-11-10')).outlets, 2325);
      assert.equal((await openOutletsOn(ctx.db, '2022-10-20', '3501')).open, 2429, 'before any closed');
      const b = await composeBriefing(ctx, '2022-11-06');
      assert.match(b.texts['zh-CN'], /全市日均收寄快递173万件、投递316万件，2337个快递网点正常营业，1万余名/);
      for (const piece of [
        '检查人员435人次',
        '检查网点125个',
        '现场整改10个',
        '约谈企业4家',
        '截至11月6日',
        '2408车次、3165人次、9582吨',
      ])
        assert.ok(b.texts['zh-CN'].includes(piece), piece);
      assert.ok(textOf(segmentsOf(courierParts(f, 'en'))).includes('1.73 million and delivered 3.16 million'));
      assert.ok(textOf(segmentsOf(courierParts(f, 'zh-TW'))).includes('1萬餘名一線快遞小哥'));
      // The demo's swabs begin on 11-08: the 7 November briefing names the lane without a count.
      assert.equal(f.greenLane, 0);
      assert.ok(b.texts['zh-CN'].includes('开设核酸检测绿色通道，封控区域'));
      const linked = b.segments['zh-CN'].filter((s) => 'metric' in s && s.metric.startsWith('courier'));
      assert.ok(linked.length === 12 && linked.every((s) => 'href' in s && s.href?.startsWith('/#/courier')));
      // Later days count the couriers the sites marked as tested through the green lane, as a link.
      const later = await courierFigures(ctx, '2022-11-10');
      assert.ok(later.greenLane > 0, 'green-lane swabs seeded');
      const zh = textOf(segmentsOf(courierParts(later, 'zh-CN')));
      assert.ok(zh.includes(`开设核酸检测绿色通道，${later.greenLane}名快递小哥经绿色通道检测，封控区域`), zh);
      const en = textOf(segmentsOf(courierParts(later, 'en')));
      assert.ok(en.includes(`couriers have a green testing lane (${later.greenLane} tested through it), and`), en);
    });

    test('international batches are on hold at the demo clock; the outlet manager has workers', async () => {
      const held = await ctx.db.k
        .selectFrom('courier_batches')
        .select('batch_no')
        .where('released_at', 'is', null)
        .execute();
      assert.equal(held.length, 3);
      setClock(SCENARIO_NOW);
      const list = await listBatches(ctx, { ...CLI_READER, role: 'postal-regulator' });
      assert.deepEqual([list.hours, list.held, list.due], [24, 2, 1], 'one due and two held at the demo clock');
      const mine = await ctx.db.k
        .selectFrom('courier_outlet_managers as m')
        .innerJoin('courier_workers as w', 'w.outlet_id', 'm.outlet_id')
        .select('w.id')
        .execute();
      assert.ok(mine.length >= 1);
    });

    test('every zone the demo sealed has a delivery point; the picker lists the zones sealed at the demo clock', async () => {
      setClock(SCENARIO_NOW);
      const regulator = { ...CLI_READER, role: 'postal-regulator' as const };
      const zones = await ctx.db.k.selectFrom('zones').select(['code', 'lifted_on']).execute();
      const points = await listPoints(ctx, regulator);
      assert.equal(points.items.length, zones.length, 'one point a zone');
      assert.ok(points.parcels > 0, 'parcels delivered at the points');
      // Every row reads lifted (the demo records lifts up to 11-15); the notices say which are sealed tonight.
      const sealed = zones.filter((z) => (z.lifted_on ?? '9999') > '2022-11-11').map((z) => z.code);
      const picker = await pointZones(ctx, regulator, { limit: 200 });
      assert.ok(sealed.length > 0);
      assert.deepEqual(picker.items.map((z) => z.code).sort(), sealed.sort());
      assert.ok(picker.items.every((z) => z.points === 1));
    });
  });
}
