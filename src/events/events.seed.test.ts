import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { dialects, testCtx } from '../../test/helpers/db.ts';
import { getBriefing } from '../briefing/briefing.service.ts';
import { setClock } from '../platform/clock.ts';
import { SCENARIO_NOW, seedScenario } from '../sim/seed.ts';
import { classification } from './classify.service.ts';
import { eventSummary } from './events.service.ts';
import { measuresOn } from './measures.service.ts';

const commander = {
  userId: 0,
  username: 't',
  role: 'commander' as const,
  scope: { kind: 'city' as const, code: '3501' },
};

for (const dialect of dialects()) {
  describe(`the demo exam on ${dialect}`, async () => {
    const ctx = await testCtx(dialect);
    after(() => ctx.close());
    test('holds the briefing’s exam exactly at a small scale, and the 7 November briefing says so', async () => {
      setClock(SCENARIO_NOW);
      const started = Date.now();
      const s = await seedScenario(ctx, { scale: 0.0001, appeals: false });
      const exam = await eventSummary(ctx, 'system', 'ACEE-2022');
      assert.deepEqual(
        [exam.rooms, exam.candidates, exam.newSites, exam.newSitesByDistrict.length],
        [1100, 22_400, 8, 5],
      );
      assert.ok(exam.shuttleTrips > 0, 'shuttle trips before the sessions');
      const c = await classification(ctx, 'cli', 'ACEE-2022', { at: '2022-11-05T08:00:00+08:00', pageSize: 1 });
      assert.equal(c.counts.regular + c.counts.special + c.counts.barred, 22_400);
      const b = await getBriefing(ctx, commander, '2022-11-06');
      assert.ok(
        b.texts['zh-CN'].includes(
          '11月5日至6日，全国成人高考在我市举行，全市共设考场1100个，考生2.24万人，在五个县新增考点8个。',
        ),
        b.texts['zh-CN'],
      );
      assert.ok(b.texts['zh-TW'].includes('全市共設考場1100個，考生2.24萬人，在五個縣新增考點8個。'));
      assert.ok(
        b.texts.en.includes('1,100 exam rooms and 22,400 candidates; 8 new exam sites were opened in five counties'),
      );
      // The measures of the briefing are seeded at every scale (they are notices, not population-sized).
      const m = await measuresOn(ctx, commander, '2022-11-07');
      assert.equal(m.items.length, 7);
      const held = m.items.find((x) => x.kind === 'venue-suspension')?.enforcedBy?.state;
      assert.ok(Number(held) > 0, 'the crowded-venue notice holds the suspended venues');
      assert.ok(
        b.texts['zh-CN'].includes(`全市KTV、网吧、影剧院、健身房等${held}家人员密集场所暂停开放（榕防指〔2022〕45号）`),
      );
      assert.ok(b.texts['zh-CN'].includes('继续提倡居家办公。'));
      const links = b.segments?.en.flatMap((x) => ('metric' in x && x.metric.startsWith('events.') ? [x.value] : []));
      assert.deepEqual(links, [1100, 22_400, 8, 5]);
      console.log(
        `seeded in ${(Date.now() - started) / 1000} s; ${s.residents} residents; special ${c.counts.special}, barred ${c.counts.barred}, trips ${exam.shuttleTrips}`,
      );
    });
  });
}
